import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatModule, type ChatModule } from '../../src/main/domains/chat/domain.js';
import type { ChatLine } from '../../src/main/domains/chat/types.js';
import { practiceModule } from '../../src/main/domains/practice/domain.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { CHROMIUM_PATH } from '../helpers/browser.js';
import { burstAcrossSwitches } from './wire-burst.js';

/**
 * The practice page read as real Whatnot: the account's platform is Whatnot (not practice mode), so the DOM path
 * uses the Whatnot profile, whose rows carry no message id (`data-index` is a list position), while the socket's
 * `new_msg` frames do. Every line must still arrive once, matched across the paths by who said what.
 */
let t: TestApp;
let chat: ChatModule;
let accountId: string;
const lines: ChatLine[] = [];

const practice = async (method: string, path: string, body?: unknown) => {
  const res = await t.call(method, `/api/v1/practice${path}`, body, { key: t.app.sessionToken });
  if (res.status >= 300) throw new Error(`practice ${method} ${path}: ${JSON.stringify(res.json)}`);
  return res.json.data;
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
const linesWith = (text: string) => lines.filter((l) => l.text === text);

beforeAll(async () => {
  t = await startTestApp({
    rateLimits: { perMinute: 1_000_000, perDay: 10_000_000 },
    modules: (s) => {
      chat = chatModule(s, { headless: true, browserPath: CHROMIUM_PATH, echoTimeoutMs: 3000 });
      chat.gateway.onLine((l) => void lines.push(l));
      const p = practiceModule(s, { simulate: false, historySize: 20 });
      p.controller.stream.append([{ kind: 'message', username: 'early_bird', text: 'said before we looked', category: 'injected' }]);
      return [p, chat];
    },
  });
  accountId = t.app.services.accounts.active().id;
  expect(t.app.services.accounts.get(accountId).platform).toBe('whatnot');
  const res = await t.call('POST', '/api/v1/chat/connect', { url: `${t.app.baseUrl}/practice/` });
  expect(res.json.data.platform).toBe('whatnot');
  await waitFor('the chat to attach', () => chat.driver.session(accountId)?.attached && linesWith('said before we looked').length > 0, 20_000);
});
afterAll(async () => {
  await t?.stop();
});

describe('Whatnot rows without ids beside frames with ids', () => {
  it('delivers the history once, as history', async () => {
    expect(linesWith('said before we looked')).toEqual([expect.objectContaining({ history: true })]);
  });

  it('delivers each live line once, under the id of the frame that came first, and repeats as repeats', async () => {
    const one = (await practice('POST', '/inject', { username: 'ann', text: 'is this graded?' })).messages[0];
    await waitFor('the line', () => linesWith('is this graded?').length > 0);
    await practice('POST', '/inject', {
      messages: [
        { username: 'ann', text: 'enter' },
        { username: 'ann', text: 'enter' },
      ],
    });
    const marker = (await practice('POST', '/inject', { username: 'zed', text: 'after the repeats' })).messages[0];
    await waitFor('the marker', () => lines.some((l) => l.rowKey === `id:${marker.id}`));
    // The DOM rows of the same lines come after the frames: once the page has shown the marker, they are in.
    const page = chat.driver.session(accountId)!.currentPage()!;
    await page.getByText('after the repeats').waitFor();
    await expect.poll(() => chat.driver.duplicatesDropped(accountId)).toBeGreaterThanOrEqual(4);
    expect(linesWith('is this graded?').map((l) => l.rowKey)).toEqual([`id:${one.id}`]);
    expect(linesWith('enter')).toHaveLength(2);
    expect(linesWith('after the repeats')).toHaveLength(1);
  });

  it('reads the DOM rows when the frames stop, and nothing twice once they flow again', async () => {
    await practice('POST', '/paths', { frames: 'stopped' });
    try {
      await practice('POST', '/inject', { username: 'bob', text: 'only in the page' });
      const line = await waitFor('the DOM line', () => linesWith('only in the page')[0]);
      expect(line.rowKey).toMatch(/^k:/);
    } finally {
      await practice('POST', '/paths', { frames: 'flowing' });
    }
    const m = (await practice('POST', '/inject', { username: 'bob', text: 'frames again' })).messages[0];
    await waitFor('the wire line', () => lines.some((l) => l.rowKey === `id:${m.id}`));
    expect(linesWith('only in the page')).toHaveLength(1);
  });

  it('a socket drop and rejoin (which replays the recent chat) delivers nothing again', async () => {
    const before = lines.length;
    expect((await practice('POST', '/socket/drop', {})).dropped).toBe(1);
    // Injected after the drop, it reaches the page only over the rejoined socket, after (or with) the replay.
    const m = (await practice('POST', '/inject', { username: 'cat', text: 'after the rejoin' })).messages[0];
    await waitFor('the line after the rejoin', () => lines.some((l) => l.rowKey === `id:${m.id}`), 15_000);
    expect(lines.slice(before).map((l) => l.text)).toEqual(['after the rejoin']);
  });

  it('switching paths mid-burst loses nothing and delivers nothing twice', async () => {
    const { texts, counts, history } = await burstAcrossSwitches({ practice, lines, waitFor });
    expect(texts).toHaveLength(200);
    expect([...counts].filter(([, n]) => n !== 1)).toEqual([]);
    expect(history).toBe(0);
  }, 90_000);
});
