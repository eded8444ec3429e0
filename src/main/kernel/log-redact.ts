/**
 * What never reaches a log: API keys (`bz_live_…`), the dashboard's session token (`bz_session_…`), webhook
 * secrets (`whsec_…`), bearer credentials and `api_key=`/`token=` values in URLs, wherever they appear in a line;
 * and the values of fields named like credentials, at any of the first levels of a logged object.
 */

/** Field names whose values are replaced; pino redaction paths are built from them. */
export const SECRET_FIELDS = ['authorization', 'apiKey', 'api_key', 'key', 'token', 'sessionToken', 'secret', 'previousSecret', 'password'];

export const CENSOR = '[redacted]';

/** pino `redact.paths`: each field at the top level and up to two levels down (`req.headers.authorization`). */
export function redactPaths(): string[] {
  return SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);
}

// Keys and tokens are base64url (src/main/domains/apikeys/service.ts); webhook secrets are whsec_ + base64.
const TOKEN = /\b(bz_live_|bz_session_|whsec_)[A-Za-z0-9_\-+/=]+/g;
const BEARER = /\b(Bearer\s+)[^\s"',;]+/gi;
const URL_PARAM = /([?&#](?:api_key|token|key)=)[^&#\s"']+/gi;

/** The text with every key, token and secret in it replaced (their kind prefix is kept, to say what it was). */
export function redactText(text: string): string {
  return text.replace(TOKEN, `$1${CENSOR}`).replace(BEARER, `$1${CENSOR}`).replace(URL_PARAM, `$1${CENSOR}`);
}

/** A copy of a logged value with secrets in its strings redacted; field names are pino's job. */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 4 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, depth + 1);
  return out;
}
