import fs from 'node:fs';
import path from 'node:path';
import type { ChatDiagnosis, ChatProblem } from '../../../shared/contract/chat-diagnosis.js';
import { line, UsageError, type CliContext } from './context.js';

export interface DoctorOptions {
  account?: string;
  url?: string;
  apiKey?: string;
  json?: boolean;
  report?: string;
}

const DEFAULT_PORT = 3847;

/**
 * `buzzchat doctor`: asks the running app what reads the chat and what is wrong, and prints it for a newcomer:
 * problems first with their fixes, then the details. Like buzzchat-mcp it calls the API with a key (the app may run
 * as another user, with its data elsewhere; a key says exactly what the doctor may do: chat:read).
 * Exit code 0 healthy, 1 problems, 2 usage, no key, a refused key or no app to ask.
 */
export async function doctor(o: DoctorOptions, ctx: CliContext): Promise<number> {
  const baseUrl = baseUrlOf(o.url ?? ctx.env.BUZZCHAT_URL, ctx.env.BUZZCHAT_PORT);
  const key = (o.apiKey ?? ctx.env.BUZZCHAT_API_KEY ?? '').trim();
  if (!key) {
    throw new UsageError(
      'doctor needs an API key to ask the running app: pass --api-key KEY or set BUZZCHAT_API_KEY.\n' +
        'Make one with: buzzchat keys create --name doctor --scopes chat:read (or in the app: API keys).',
    );
  }
  // Loaded only here: the contract pulls in zod.
  const [{ api }, { createClient, ApiRequestError }] = await Promise.all([
    import('../../../shared/contract/index.js'),
    import('../../../shared/client.js'),
  ]);
  const client = createClient(api, { baseUrl, token: key, timeoutMs: 20_000 });
  const query = o.account ? { account: o.account } : {};
  let d: ChatDiagnosis;
  let saved: { file: string; bytes: number } | null = null;
  try {
    d = await client.chat.diagnose({ query });
    if (o.report) saved = saveReport(o.report, await client.chat.siteReport({ query }));
  } catch (err) {
    if (!(err instanceof ApiRequestError)) throw err;
    ctx.stderr(`buzzchat: ${explain(err.code, err.message, baseUrl)}\n`);
    return 2;
  }
  const say = line(ctx);
  if (o.json) say(JSON.stringify(d, null, 2));
  else for (const l of describe(d)) say(l);
  if (saved) {
    const where = o.json ? ctx.stderr : (t: string) => say(`\n${t.trimEnd()}`);
    where(
      `Site report saved to ${saved.file} (${Math.ceil(saved.bytes / 1024)} KB). Usernames and messages in it are masked: you can send it as it is.\n`,
    );
  }
  return d.healthy ? 0 : 1;
}

function baseUrlOf(raw: string | undefined, port: string | undefined): string {
  const url = (raw ?? `http://127.0.0.1:${port || DEFAULT_PORT}`).trim();
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
    throw new UsageError(`Invalid BuzzChat URL "${url}": use e.g. http://127.0.0.1:${DEFAULT_PORT}`);
  return url.replace(/\/+$/, '').replace(/\/(api\/)?v1$/, '');
}

function explain(code: string, message: string, baseUrl: string): string {
  if (code === 'INVALID_API_KEY')
    return `BuzzChat at ${baseUrl} refused the API key (${message}). Check it, or make a new one: buzzchat keys create --name doctor --scopes chat:read`;
  if (code === 'INSUFFICIENT_SCOPE') return `The API key may not read the chat (${message}). Use a key with the chat:read scope.`;
  if (code === 'NOT_FOUND' && /^No route/.test(message))
    return `BuzzChat at ${baseUrl} has no chat diagnosis (an older version, or its chat is not part of this build).`;
  if (code === 'NOT_FOUND') return `${message} (see the account ids with GET /api/v1/accounts, or leave out --account for the active one)`;
  return message;
}

function saveReport(file: string, report: unknown): { file: string; bytes: number } {
  const target = path.resolve(file);
  const text = `${JSON.stringify(report, null, 2)}\n`;
  fs.writeFileSync(target, text);
  return { file: target, bytes: Buffer.byteLength(text) };
}

const MARK: Record<ChatProblem['severity'], string> = { error: 'ERROR', warning: 'WARNING', info: 'NOTE' };

/** Problems first with their fixes, then what each reader sees. */
export function describe(d: ChatDiagnosis): string[] {
  const out: string[] = [];
  const state = d.connected ? `connected${d.live ? ', live' : ', not live'}` : 'not connected';
  out.push(`BuzzChat doctor: ${d.platform} chat of account ${d.accountId}: ${state}${d.url ? ` (${d.url})` : ''}`);
  out.push('');
  const serious = d.problems.filter((p) => p.severity !== 'info').length;
  out.push(serious ? `${serious} problem${serious === 1 ? '' : 's'}:` : 'No problems: BuzzChat reads this chat.');
  for (const p of d.problems) {
    out.push(`  ${MARK[p.severity]}: ${p.message}`);
    out.push(`    Fix: ${p.fix}`);
  }
  if (!d.connected) return out;
  out.push('', 'Page selectors (the first that matched, per role):');
  const width = Math.max(...Object.keys(d.selectors).map((r) => r.length));
  for (const [role, s] of Object.entries(d.selectors)) out.push(`  ${role.padEnd(width)}  ${s.matched ?? `not found (tried ${s.tried.length})`}`);
  if (d.page) {
    out.push(
      '',
      `Chat rows on the page: ${d.page.rows} in the list, ${d.page.parsed} read, ${d.page.missingName} without a username, ${d.page.missingText} without a text`,
    );
  }
  out.push('', wireLine(d));
  out.push('', d.lastLines.length ? 'Last lines (reader, time, name: text):' : 'No chat line read yet.');
  for (const l of d.lastLines)
    out.push(`  ${l.path.padEnd(4)}  ${new Date(l.at).toTimeString().slice(0, 8)}  ${l.username}: ${l.kind === 'join' ? '(joined)' : l.text}`);
  return out;
}

function wireLine(d: ChatDiagnosis): string {
  if (!d.wire.available) return `Data stream: BuzzChat has no reader for ${d.platform}'s; it reads the page only.`;
  const types = Object.entries(d.wire.framesByType)
    .sort((a, b) => b[1] - a[1])
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  return `Data stream, last minute: ${d.wire.framesPerMin} frames${types ? ` (${types})` : ''}; ${d.wire.malformed} refused since the app started`;
}
