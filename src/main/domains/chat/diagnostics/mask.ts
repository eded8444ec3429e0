/**
 * Masking for the site report: what a viewer wrote or is called never leaves the machine, while the shape a
 * developer needs to fix a selector or a decoder (tags, classes, test ids, keys, event names, lengths, spacing
 * and punctuation) is kept. The in-page half (markup) is in site-report-page.ts and uses the same character rule.
 */

/** Letters (and their marks) become x, digits 0, emoji *; spaces, punctuation and length are kept. */
export function maskText(s: string): string {
  return s
    .replace(/[\p{L}\p{M}]/gu, 'x')
    .replace(/\p{N}/gu, '0')
    .replace(/\p{Extended_Pictographic}/gu, '*');
}

/** The same rule as page source, for the in-page masking (plain JS: no bundler helper may leak into the page). */
export const MASK_TEXT_JS = String.raw`function (s) { return String(s).replace(/[\p{L}\p{M}]/gu, 'x').replace(/\p{N}/gu, '0').replace(/\p{Extended_Pictographic}/gu, '*'); }`;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Names and texts known to be on the page (parsed lines, the data stream's events): a value kept for its structure
 * still has any of them masked where it appears, in any case.
 */
export class KnownWords {
  private readonly re: RegExp | null;
  private readonly short = new Set<string>();
  private readonly words: string[];

  constructor(words: Iterable<string>) {
    const long = new Set<string>();
    for (const raw of words) {
      const w = raw.trim().replace(/^@/, '').toLowerCase();
      if (!w) continue;
      // A one- or two-letter name would mask half of every class list as a substring: only whole tokens.
      if (w.length < 3) this.short.add(w);
      else long.add(w);
    }
    // Longest first, so "bob_smith" is masked whole before "bob" is.
    this.words = [...long, ...this.short];
    const list = [...long].sort((a, b) => b.length - a.length).map(escapeRe);
    // Whole words only: "enter" said in chat must not mask the class "items-center" (a name is still found in "user-bob").
    this.re = list.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null;
  }

  /** The value with every known word in it masked; tokens equal to a short name too. */
  scrub(value: string): string {
    let out = this.re ? value.replace(this.re, (m) => maskText(m)) : value;
    if (this.short.size) out = out.replace(/[\p{L}\p{N}_]+/gu, (t) => (this.short.has(t.toLowerCase()) ? maskText(t) : t));
    return out;
  }

  has(value: string): boolean {
    return this.scrub(value) !== value || this.scrub(safeDecode(value)) !== safeDecode(value);
  }

  /** The words themselves (lower case), for the in-page masking. */
  get list(): string[] {
    return this.words;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Values under these keys name an event or a kind of thing, not a person: kept when they look like identifiers. */
const STRUCTURAL_KEYS = new Set([
  'event',
  'type',
  'kind',
  'action',
  'op',
  'status',
  'state',
  '__typename',
  'variant',
  'msg-id',
  'command',
  'method',
  'reason',
]);
const IDENTIFIER = /^[A-Za-z_$@][\w$@.:\\/-]{0,99}$/;

const MAX_DEPTH = 30;

function keepIdentifier(value: string, known: KnownWords): string {
  return IDENTIFIER.test(value) && !known.has(value) ? value : maskText(value);
}

/**
 * A parsed frame with every string masked except event names and kinds; keys are kept (masked where one holds a
 * known name). A string holding JSON (Pusher's `data`) is parsed and masked the same way, as `{"$json": ...}`.
 * Phoenix frames `[join_ref, ref, topic, event, payload]` keep their event and the topic's prefix (`chat:`).
 */
export function maskJson(v: unknown, known: KnownWords, key: string | null = null, depth = 0): unknown {
  if (depth > MAX_DEPTH) return '…';
  if (typeof v === 'string') {
    if (key !== null && STRUCTURAL_KEYS.has(key)) return keepIdentifier(v, known);
    const nested = parseNested(v);
    if (nested !== undefined) return { $json: maskJson(nested, known, null, depth + 1) };
    return maskText(v);
  }
  if (Array.isArray(v)) {
    if (isPhoenix(v)) {
      const [joinRef, ref, topic, event, payload] = v as [unknown, unknown, string, string, unknown];
      const [prefix, ...rest] = topic.split(':');
      const maskedTopic = rest.length ? `${keepIdentifier(prefix!, known)}:${maskText(rest.join(':'))}` : keepIdentifier(topic, known);
      return [
        maskJson(joinRef, known, null, depth + 1),
        maskJson(ref, known, null, depth + 1),
        maskedTopic,
        keepIdentifier(event, known),
        maskJson(payload, known, null, depth + 1),
      ];
    }
    return v.map((x) => maskJson(x, known, null, depth + 1));
  }
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[known.has(k) ? maskText(k) : k] = maskJson(x, known, k, depth + 1);
    return out;
  }
  return v;
}

function isPhoenix(v: unknown[]): boolean {
  return v.length === 5 && typeof v[2] === 'string' && typeof v[3] === 'string' && typeof v[4] === 'object' && v[4] !== null;
}

function parseNested(s: string): unknown {
  const t = s.trim();
  if (!(t.startsWith('{') && t.endsWith('}')) && !(t.startsWith('[') && t.endsWith(']'))) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

/** IRC (Twitch): tag keys and the command are structure; tag values (but msg-id), the prefix and the parameters are not. */
function maskIrcLine(line: string, known: KnownWords): string {
  const m = /^(@\S+ )?(:\S+ )?([A-Z]+|\d{3})( .*)?$/s.exec(line);
  if (!m) return maskText(line);
  const tags = m[1]
    ? '@' +
      m[1]
        .slice(1, -1)
        .split(';')
        .map((t) => {
          const [k, ...v] = t.split('=');
          const value = v.join('=');
          return `${k}=${k === 'msg-id' ? keepIdentifier(value, known) : maskText(value)}`;
        })
        .join(';') +
      ' '
    : '';
  return `${tags}${m[2] ? maskText(m[2]) : ''}${m[3]}${m[4] ? maskText(m[4]) : ''}`;
}

/** A raw frame or body, parsed when it is JSON (else IRC lines, else plain text), masked. */
export function maskPayload(raw: string, known: KnownWords): unknown {
  const nested = parseNested(raw);
  if (nested !== undefined) return maskJson(nested, known);
  if (/^(@\S+ )?(:\S+ )?([A-Z]+|\d{3})\b/.test(raw))
    return raw
      .split(/\r?\n/)
      .map((l) => (l ? maskIrcLine(l, known) : l))
      .join('\n');
  return maskText(raw);
}

/** A decoder's reason for refusing a frame may quote it: quoted parts and known words are masked. */
export function maskDetail(detail: string, known: KnownWords): string {
  return known.scrub(detail.slice(0, 300)).replace(/"[^"]*"|'[^']*'|`[^`]*`/g, (q) => maskText(q));
}

/** A page URL for the report: origin and path, no query or fragment (they carry tokens and names). */
export function reportUrl(url: string | null): string | null {
  if (!url || !URL.canParse(url)) return null;
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}
