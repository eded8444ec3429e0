import { execFileSync } from 'node:child_process';
import { practiceModule } from '../../src/main/domains/practice/domain.js';
import type { PracticeOptionsInput } from '../../src/main/domains/practice/schema.js';
import { chatModule, type ChatModule } from '../../src/main/domains/chat/domain.js';
import type { ChatDriverOptions } from '../../src/main/domains/chat/driver.js';
import type { ChatLine } from '../../src/main/domains/chat/types.js';
import type { AppModule } from '../../src/main/domains/define.js';
import type { AppServices } from '../../src/main/app/services.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { CHROMIUM_PATH } from '../helpers/browser.js';

export const HISTORY: [string, string][] = [
  ['early_bird', 'hello before the bot'],
  ['old_timer', 'shipping?'],
  ['giveaway_fan', 'enter'],
];

export interface ChatHarness {
  t: TestApp;
  chat: ChatModule;
  accountId: string;
  lines: ChatLine[];
  /** Practice control API (/api/v1/practice/..., with the session token). */
  practice(method: string, path: string, body?: unknown): Promise<any>;
  inject(username: string, text: string, kind?: 'message' | 'join'): Promise<{ id: string }>;
  waitFor<T>(what: string, fn: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

/**
 * A real app with the practice stream and the chat driver in headless Debian Chromium, connected to the
 * practice page. `extra` adds modules built after the chat (the bot).
 */
export async function startChatHarness(
  opts: {
    practice?: PracticeOptionsInput;
    chat?: ChatDriverOptions;
    settings?: Record<string, unknown>;
    extra?: (s: AppServices, chat: ChatModule) => AppModule[];
  } = {},
): Promise<ChatHarness> {
  let chat!: ChatModule;
  const lines: ChatLine[] = [];
  const t = await startTestApp({
    // Tests poll message status quickly; the API's rate limit is not what they are about.
    rateLimits: { perMinute: 1_000_000, perDay: 10_000_000 },
    modules: (s) => {
      // Settings first: the queue reads spacing and the host name from the first line on.
      if (opts.settings) s.settings.update(s.accounts.active().id, opts.settings);
      chat = chatModule(s, { practice: true, headless: true, browserPath: CHROMIUM_PATH, echoTimeoutMs: 3000, retryBaseMs: 200, ...opts.chat });
      chat.gateway.onLine((l) => void lines.push(l));
      const p = practiceModule(s, { simulate: false, historySize: 20, ...opts.practice });
      // Lines already on screen when the driver attaches: they must arrive as history and trigger nothing.
      p.controller.stream.append(HISTORY.map(([username, text]) => ({ kind: 'message' as const, username, text, category: 'injected' as const })));
      // Extra modules (the bot) start before the chat, so they hear its first line.
      return [p, ...(opts.extra?.(s, chat) ?? []), chat];
    },
  });
  const accountId = t.app.services.accounts.active().id;
  const practice = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${t.app.baseUrl}/api/v1/practice${path}`, {
      method,
      headers: { authorization: `Bearer ${t.app.sessionToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as { success: boolean; data: any; error?: unknown };
    if (!json.success) throw new Error(`practice ${method} ${path}: ${JSON.stringify(json.error)}`);
    return json.data;
  };
  const waitFor = async <T>(what: string, fn: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = fn();
      if (v !== undefined && v !== null && v !== false) return v as T;
      if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const h: ChatHarness = {
    t,
    chat,
    accountId,
    lines,
    practice,
    inject: async (username, text, kind = 'message') => (await practice('POST', '/inject', { username, text, kind })).messages[0],
    waitFor,
    stop: () => t.stop(),
  };
  // Connected means the page attached its chat container (history delivered).
  await waitFor('the chat to attach', () => chat.driver.session(accountId)?.attached && lines.length >= HISTORY.length, 20_000);
  // The page obeys reload, re-render and detach once its socket's control channel is joined.
  for (const end = Date.now() + 20_000; (await practice('GET', '/state')).pages < 1; await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() > end) throw new Error('Timed out waiting for the practice page to join its channels');
  }
  return h;
}

/** Pid of the main browser process using a profile dir (only processes this test started). */
export function browserPid(profileDir: string): number | null {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  const procs = out
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null && m[3]!.includes(`--user-data-dir=${profileDir}`))
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]) }));
  const pids = new Set(procs.map((p) => p.pid));
  return procs.find((p) => !pids.has(p.ppid))?.pid ?? null;
}
