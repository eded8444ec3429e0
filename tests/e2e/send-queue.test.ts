import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSession } from '../../src/main/domains/chat/browser-session.js';
import { browserPid, startChatHarness, type ChatHarness } from './chat-harness.js';

/**
 * The send queue's promises where they matter, in Chromium on the practice stream: a message the site may
 * already have is never posted again, whether the page died right after Enter or the echo came late (a split
 * message resumed after a restart: send-queue-split.test.ts). The fake-page versions: tests/chat/sender.test.ts.
 */
let h: ChatHarness;
beforeAll(async () => {
  h = await startChatHarness({
    settings: { sendMinSpacingMs: 0, botActive: true },
    // A retry far later than anything the tests wait on: a second post could only come from the queue deciding
    // to post again, never from a test being slow to let an echo through.
    chat: { restartBaseMs: 100, retryBaseMs: 10_000 },
  });
});
afterAll(async () => {
  await h?.stop();
});

const hostTexts = async (): Promise<string[]> => (await h.practice('GET', '/host-messages')).messages.map((m: { text: string }) => m.text);
const session = (): BrowserSession => h.chat.driver.session(h.accountId)!;
const profileDir = () => path.join(h.t.dataDir, 'profiles', h.accountId);

/** The driver's next session after `before` went away, with its chat shown (history delivered). */
const restarted = (before: BrowserSession) =>
  h.waitFor(
    'a restarted chat page',
    () => {
      const s = h.chat.driver.session(h.accountId);
      return s !== null && s !== before && s.ready();
    },
    30_000,
  );

/** Renderer processes under a browser (killing them crashes its pages and leaves the browser up). */
function rendererPids(browser: number): number[] {
  const procs = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  // Descendants, whatever sits between (zygotes, a sandbox's init).
  const under = new Set([browser]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) if (under.has(p.ppid) && !under.has(p.pid)) grew = under.add(p.pid) !== null;
  }
  return procs.filter((p) => under.has(p.pid) && p.args.includes('--type=renderer')).map((p) => p.pid);
}

/**
 * The page's main thread hangs inside the WebSocket send that carries `marker`, right after the frame left:
 * the site gets the post, the page never gets to read (or show) its echo.
 */
async function hangAfterSending(page: Page, marker: string): Promise<void> {
  await page.evaluate((m) => {
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      send.call(this, data);
      if (typeof data === 'string' && data.includes(m)) for (;;);
    };
  }, marker);
}

/**
 * Holds every feed event carrying `marker` in the page until `window.__release()`: the site has the post and
 * shows it late. Applies to the next EventSource the page opens (its feed opens when frames stop).
 */
async function holdFeedEcho(page: Page, marker: string): Promise<void> {
  await page.evaluate((m) => {
    const w = window as unknown as { __feedOpen: boolean; __release(): void; EventSource: typeof EventSource };
    const Native = w.EventSource;
    const handler = Object.getOwnPropertyDescriptor(Native.prototype, 'onmessage')!;
    const held: (() => void)[] = [];
    let holding = true;
    w.__feedOpen = false;
    w.__release = () => {
      holding = false;
      for (const deliver of held.splice(0)) deliver();
    };
    w.EventSource = class HoldingEventSource extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        this.addEventListener('open', () => (w.__feedOpen = true));
      }
      override get onmessage() {
        return handler.get!.call(this);
      }
      override set onmessage(fn: ((this: EventSource, e: MessageEvent) => unknown) | null) {
        const hold = (e: MessageEvent) => {
          if (holding && typeof e.data === 'string' && e.data.includes(m)) held.push(() => fn!.call(this, e));
          else fn!.call(this, e);
        };
        handler.set!.call(this, fn && hold);
      }
    };
  }, marker);
}

function ourLines(text: string) {
  return h.lines.filter((l) => l.text === text);
}

describe('send queue in Chromium on the practice stream', () => {
  it(
    'a page that dies right after Enter: the echo in the restored chat confirms the message, which is posted once',
    { timeout: 90_000 },
    async () => {
      const text = 'Crash right after Enter: shipping is 5 dollars';
      const before = session();
      await hangAfterSending(before.currentPage()!, text);
      const id = (await h.t.call('POST', '/api/v1/messages/send', { message: text })).json.data.messageId;
      // The site has it; the page is stuck before it could show the echo. Now its renderer dies.
      await expect.poll(hostTexts).toContain(text);
      expect(ourLines(text)).toEqual([]);
      const renderers = rendererPids(browserPid(profileDir())!);
      expect(renderers.length).toBeGreaterThan(0);
      for (const pid of renderers) process.kill(pid, 'SIGKILL');
      await restarted(before);
      await h.waitFor('the message sent', () => h.t.app.services.messages.get(id).status === 'sent', 30_000);
      expect((await hostTexts()).filter((t) => t === text)).toHaveLength(1);
      // Recognised as our own in the restored chat (so it triggers nothing), once.
      expect(ourLines(text)).toMatchObject([{ self: true }]);
    },
  );

  it(
    'a late echo of the first attempt, after the echo timed out, confirms it at the retry instead of a second post',
    { timeout: 90_000 },
    async () => {
      const text = 'Late echo: the first attempt made it';
      const page = session().currentPage()!;
      await holdFeedEcho(page, text);
      // Chat reaches the page only by its feed now (no frames for the wire reader), and the feed holds the echo.
      await h.practice('POST', '/paths', { frames: 'stopped' });
      try {
        await page.waitForFunction(() => (window as unknown as { __feedOpen?: boolean }).__feedOpen === true);
        const id = (await h.t.call('POST', '/api/v1/messages/send', { message: text })).json.data.messageId;
        await expect.poll(hostTexts).toContain(text);
        // The first attempt times out and waits for its retry.
        await h.waitFor(
          'the first attempt counted as failed',
          () => {
            const m = h.t.app.services.messages.get(id);
            return m.status === 'queued' && m.attempts === 1 && /Not seen in chat/.test(m.error ?? '');
          },
          20_000,
        );
        expect(ourLines(text)).toEqual([]);
        await page.evaluate(() => (window as unknown as { __release(): void }).__release());
        await h.waitFor('the echo', () => ourLines(text).length > 0);
        await h.waitFor('the message sent', () => h.t.app.services.messages.get(id).status === 'sent', 30_000);
        // The retry found the first attempt's echo and posted nothing.
        expect(h.t.app.services.messages.get(id)).toMatchObject({ status: 'sent', attempts: 2, error: null });
        expect((await hostTexts()).filter((t) => t === text)).toHaveLength(1);
        expect(ourLines(text)).toMatchObject([{ self: true }]);
      } finally {
        await h.practice('POST', '/paths', { frames: 'flowing' });
      }
    },
  );
});
