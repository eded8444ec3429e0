import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { launchTestBrowser, type TestBrowser } from '../helpers/browser.js';
import { practiceModule, practiceUrl } from '../../src/main/domains/practice/domain.js';
import { PhxClient } from './phx-client.js';

let t: TestApp;
let browser: TestBrowser;
let page: Page;
let mod: ReturnType<typeof practiceModule>;

beforeAll(async () => {
  t = await startTestApp({
    modules: (s) => [(mod = practiceModule(s, { hostName: 'PracticeHost', livestreamId: 'ls-page', socket: { reconnectBaseMs: 20 } }))],
  });
  browser = await launchTestBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});
beforeEach(async () => {
  await ctl('POST', '/reset');
  await ctl('POST', '/live/start');
  await ctl('POST', '/paths', { frames: 'flowing', markup: 'whatnot' });
  await ctl('POST', '/config', { hostName: 'PracticeHost', hostile: { mountedRows: 50 } });
  await page?.close();
  page = await browser.newPage();
  await open();
});

async function ctl(method: string, path: string, body?: unknown) {
  const r = await t.call(method, `/api/v1/practice${path}`, body, { key: t.app.sessionToken });
  if (!r.json?.success) throw new Error(`${method} ${path}: ${JSON.stringify(r.json)}`);
  return r.json.data;
}
async function open() {
  await page.goto(practiceUrl(t.app.baseUrl));
  await expect.poll(() => page.evaluate(() => (window as any).__practice?.joined === true)).toBe(true);
}
const inject = async (messages: { username: string; text: string; kind?: string }[]) =>
  (await ctl('POST', '/inject', { messages })).messages as { id: string; ts: number }[];
const practice = (expr: string) => page.evaluate(`window.__practice.${expr}`) as Promise<any>;

/**
 * Reads the mounted rows only by the structure social_stream uses on Whatnot: the content container is the row's
 * last direct div, the name the first strong of its first child, the text the rest of its children.
 */
function readRows() {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="virtuoso-item-list"] [data-testid="chat-message"]')].map((row) => {
      const box = [...row.children].filter((c) => c.tagName === 'DIV').pop()!;
      return {
        index: Number(row.closest('[data-index]')!.getAttribute('data-index')),
        name: box.firstElementChild!.querySelector('strong')!.textContent,
        text: [...box.children]
          .slice(1)
          .map((c) => c.textContent)
          .join(' '),
        link: row.querySelector('a[href^="/user/"]')?.getAttribute('href') ?? null,
        badge: box.firstElementChild!.children.length > 1 ? box.firstElementChild!.children[1]!.textContent : null,
      };
    }),
  );
}
const texts = async () => (await readRows()).map((r) => r.text);

describe('practice page in Chromium', () => {
  it('renders chat like Whatnot: a virtuoso list of rows read by structure, joins, the host, live state and the footer', async () => {
    await inject([
      { username: 'José 🌟', text: '<b>not bold</b> & shipping?' },
      { username: 'Mary Jo', text: 'ENTER!!' },
      { username: '山田太郎', text: 'joined', kind: 'join' },
    ]);
    await page.fill('[data-testid="chat-input"]', 'Welcome in!');
    await page.press('[data-testid="chat-input"]', 'Enter');
    await expect.poll(readRows).toEqual([
      { index: 0, name: 'José 🌟', text: '<b>not bold</b> & shipping?', link: '/user/Jos%C3%A9%20%F0%9F%8C%9F', badge: null },
      { index: 1, name: 'Mary Jo', text: 'ENTER!!', link: '/user/Mary%20Jo', badge: null },
      { index: 2, name: '山田太郎', text: 'joined 👋', link: `/user/${encodeURIComponent('山田太郎')}`, badge: null },
      { index: 3, name: 'PracticeHost', text: 'Welcome in!', link: '/user/PracticeHost', badge: 'Host' },
    ]);
    expect(await page.locator('[data-testid="chat-message"] b').count()).toBe(0);
    // Nothing but structure leads to the name and the text: no test ids inside a row, and none of the
    // extension-era name or text selectors match.
    expect(await page.locator('[data-testid="chat-message"] [data-testid]').count()).toBe(0);
    const oldHooks =
      '[data-testid="username"], .username, [class*="Username"], [class*="user-name"], span[class*="name"], [data-testid="message-text"], .message-text, [class*="MessageText"], [class*="message-content"]';
    expect(await page.locator(`[data-testid="chat-message"] :is(${oldHooks})`).count()).toBe(0);
    expect(await page.locator('[data-testid="virtuoso-item-list"] .text-system-orange-opaque-darker').count()).toBe(1);
    expect(await page.getAttribute('[data-testid="chat-input"]', 'placeholder')).toBeTruthy();
    expect(await page.locator('[data-testid="chat-input"]').evaluate((e) => e.tagName)).toBe('TEXTAREA');
    expect(await page.textContent('[data-testid="live-indicator"]')).toBe('LIVE');
    expect(await page.textContent('header strong.tabular-nums')).toMatch(/^\d[\d,]*$/);
    expect(await page.textContent('[data-testid="current-user"]')).toBe('PracticeHost');

    await ctl('POST', '/config', { viewers: 4321 });
    await expect.poll(() => page.textContent('strong.tabular-nums')).toBe('4,321');
    await ctl('POST', '/live/end');
    await expect.poll(() => page.locator('[data-testid="live-indicator"]').count()).toBe(0);
    await ctl('POST', '/live/start');
    await expect.poll(() => page.locator('[data-testid="live-indicator"]').count()).toBe(1);

    const footer = 'footer[class*="LivePlayer_livePlayerFooter"]';
    await ctl('POST', '/show-event', { event: 'auction' });
    await ctl('POST', '/show-event', { event: 'auction' });
    await expect.poll(() => page.textContent(`${footer} [data-testid="show-winning-status"]`)).toMatch(/^.+ is Winning!$/);
    expect(await page.textContent(`${footer} [data-testid="show-product-title"]`)).toMatch(/^1\. /);
    expect(await page.textContent(`${footer} [data-testid="show-timer"]`)).toMatch(/^\d:\d\d$/);
    for (let i = 0; i < 3; i++) await ctl('POST', '/show-event', { event: 'auction' });
    await expect.poll(() => page.textContent(`${footer} [data-testid="show-winning-status"]`)).toMatch(/^.+ won!$/);
  });

  it('sends only what input events put in the state, over the socket, and shows it as the host', async () => {
    const input = page.locator('[data-testid="chat-input"]');
    // A bare value setter is invisible to a React-controlled input: neither Enter nor the button sends it.
    await input.evaluate((el: HTMLTextAreaElement) => (el.value = 'sneaky value'));
    await input.press('Enter');
    await page.click('button[aria-label="send message"]');
    await input.fill('');
    await input.fill('Welcome everyone!');
    await input.press('Enter');
    await expect.poll(texts).toEqual(['Welcome everyone!']);
    expect(await input.inputValue()).toBe('');
    await input.fill('Giveaway at 9pm');
    await page.click('button[aria-label="send message"]');
    await expect.poll(texts).toEqual(['Welcome everyone!', 'Giveaway at 9pm']);
    const host = (await ctl('GET', '/host-messages')).messages;
    expect(host.map((h: { text: string }) => h.text)).toEqual(['Welcome everyone!', 'Giveaway at 9pm']);
    expect(await practice('socket.byEvent.new_msg')).toBe(2);

    await ctl('POST', '/config', { hostName: 'Ana María' });
    await expect.poll(() => page.textContent('[data-testid="current-user"]')).toBe('Ana María');
    await input.fill('hola!');
    await input.press('Enter');
    await expect.poll(async () => (await readRows()).at(-1)?.name).toBe('Ana María');
  });

  it('reload, re-render and detach keep the messages; a reload shows history', async () => {
    await inject(Array.from({ length: 60 }, (_, i) => ({ username: `viewer ${i}`, text: `line ${i}` })));
    const all = Array.from({ length: 60 }, (_, i) => `line ${i}`);
    await expect.poll(texts).toEqual(all.slice(-50));
    await page.evaluate(() => document.querySelectorAll('[data-testid="chat-message"]').forEach((e) => ((e as any).__old = true)));
    await ctl('POST', '/rerender');
    await expect
      .poll(() => page.evaluate(() => [...document.querySelectorAll('[data-testid="chat-message"]')].filter((e) => (e as any).__old).length))
      .toBe(0);
    expect(await texts()).toEqual(all.slice(-50));

    await page.evaluate(() => {
      (window as any).__removed = 0;
      new MutationObserver((recs) => recs.forEach((r) => ((window as any).__removed += r.removedNodes.length))).observe(
        document.querySelector('[data-testid="virtuoso-item-list"]')!,
        { childList: true },
      );
    });
    await ctl('POST', '/detach', { count: 3 });
    await expect.poll(() => page.evaluate(() => (window as any).__removed)).toBe(3);
    await expect.poll(texts).toEqual(all.slice(-50));

    await page.evaluate(() => ((window as any).__beforeReload = true));
    await ctl('POST', '/reload');
    await expect.poll(() => page.evaluate(() => (window as any).__beforeReload === undefined)).toBe(true);
    await expect.poll(texts).toEqual(all.slice(-50));
    await expect.poll(() => practice('joined')).toBe(true);
    await inject([{ username: 'late', text: 'still here?' }]);
    await expect.poll(async () => (await texts()).at(-1)).toBe('still here?');
  });

  it('keeps N rows mounted, unmounts older ones and mounts them again with the same data-index when scrolled back', async () => {
    await ctl('POST', '/config', { hostile: { mountedRows: 30 } });
    await inject(Array.from({ length: 200 }, (_, i) => ({ username: `v${i}`, text: `m${i}` })));
    await expect.poll(async () => (await readRows()).at(-1)?.text).toBe('m199');
    const bottom = await readRows();
    expect(bottom).toHaveLength(30);
    expect(bottom[0]).toMatchObject({ index: 170, text: 'm170' });
    const scroll = (to: 'top' | 'bottom') =>
      page.evaluate((to) => {
        const s = document.getElementById('chat-scroller')!;
        s.scrollTop = to === 'top' ? 0 : s.scrollHeight;
      }, to);
    // Each scroll to the top mounts older rows (as a user keeps scrolling up) until the first one is back.
    await expect.poll(async () => (await scroll('top'), (await readRows())[0]?.index)).toBe(0);
    const top = await readRows();
    expect(top[0]).toMatchObject({ index: 0, name: 'v0', text: 'm0' });
    expect(top.length).toBeLessThanOrEqual(30);
    expect(top.every((r) => r.text === `m${r.index}`)).toBe(true);
    expect(await practice('sticky')).toBe(false);
    // New chat while scrolled up is not mounted; going back down mounts the newest again.
    await inject([{ username: 'late', text: 'm200' }]);
    await expect.poll(() => practice('messages')).toBe(201);
    expect((await readRows()).some((r) => r.index === 200)).toBe(false);
    await expect.poll(async () => (await scroll('bottom'), (await readRows()).at(-1)?.index)).toBe(200);
    const back = await readRows();
    expect(back.at(-1)).toMatchObject({ index: 200, text: 'm200' });
    expect(back.find((r) => r.index === 199)).toMatchObject({ name: 'v199', text: 'm199' });
    expect(back.length).toBeLessThanOrEqual(30);
  });

  it('stopped frames: the DOM still shows chat from the fallback source while no chat frames reach the page', async () => {
    const framesBefore = await practice('socket.byEvent.new_msg ?? 0');
    await ctl('POST', '/paths', { frames: 'stopped' });
    await inject([{ username: 'dom only', text: 'seen without frames' }]);
    await expect.poll(texts).toEqual(['seen without frames']);
    expect(await practice('socket.byEvent.new_msg ?? 0')).toBe(framesBefore);
    // A page loaded now starts in the same mode.
    await open();
    await inject([{ username: 'dom only', text: 'after reload' }]);
    await expect.poll(texts).toEqual(['seen without frames', 'after reload']);
    expect(await practice('socket.byEvent.new_msg ?? 0')).toBe(0);
    await ctl('POST', '/paths', { frames: 'flowing' });
    await inject([{ username: 'wire', text: 'frames again' }]);
    await expect.poll(texts).toEqual(['seen without frames', 'after reload', 'frames again']);
    expect(await practice('socket.byEvent.new_msg')).toBeGreaterThanOrEqual(1);
  });

  it('frames resumed before the page fetched what was said while they were stopped: it comes as frames then, once', async () => {
    await ctl('POST', '/paths', { frames: 'flowing' });
    await inject([{ username: 'a', text: 'before the stop' }]);
    await expect.poll(texts).toEqual(['before the stop']);
    // The feed is cut, so what is said while frames are stopped stays unfetched until after the resume.
    await page.route('**/practice/feed**', (r) => r.abort());
    await ctl('POST', '/paths', { frames: 'stopped' });
    await expect.poll(() => practice('synced')).toBe(false);
    await inject([{ username: 'b', text: 'while stopped' }]);
    await ctl('POST', '/paths', { frames: 'flowing' });
    await inject([{ username: 'c', text: 'after the resume' }]);
    // The resume rejoins the chat from the page's cursor: the join replays what was said while stopped as frames
    // (a reader of the socket sees it too), with the feed still cut; the page is in sync only once it fetched.
    await expect.poll(async () => (await texts()).sort()).toEqual(['after the resume', 'before the stop', 'while stopped']);
    expect(await practice('synced')).toBe(false);
    await page.unroute('**/practice/feed**');
    await expect.poll(() => practice('synced')).toBe(true);
    expect((await texts()).sort()).toEqual(['after the resume', 'before the stop', 'while stopped']);
    await inject([{ username: 'd', text: 'in sync again' }]);
    await expect.poll(async () => (await texts()).length).toBe(4);
  });

  it('a rejoin with no history kept, or after frames stopped, still shows what was said meanwhile, once', async () => {
    const stream = mod.controller.stream;
    const keep = stream.historySize;
    stream.historySize = 0;
    try {
      await inject([{ username: 'a', text: 'before the drop' }]);
      await expect.poll(texts).toEqual(['before the drop']);
      // Said in the same tick as the drop: the page cannot have rejoined yet, and the rejoin replays no recent chat,
      // only what came after the page's cursor.
      mod.controller.hub.dropAll();
      stream.append([{ kind: 'message', username: 'b', text: 'while the socket was down', category: 'injected' }]);
      await expect.poll(() => practice('socket.reconnects')).toBeGreaterThanOrEqual(1);
      await expect.poll(texts).toEqual(['before the drop', 'while the socket was down']);

      // Frames stopped and the feed cut: the page rejoins while stopped and sees frames resume only on rejoining.
      await expect.poll(() => practice('joined')).toBe(true);
      await page.route('**/practice/feed**', (r) => r.abort());
      await ctl('POST', '/paths', { frames: 'stopped' });
      await expect.poll(() => practice('synced')).toBe(false);
      mod.controller.hub.dropAll();
      stream.append([{ kind: 'message', username: 'c', text: 'stopped and down', category: 'injected' }]);
      mod.controller.setPaths({ frames: 'flowing' });
      await expect.poll(() => practice('socket.reconnects')).toBeGreaterThanOrEqual(2);
      await expect.poll(() => practice('joined')).toBe(true);
      await page.unroute('**/practice/feed**');
      await inject([{ username: 'd', text: 'all back' }]);
      await expect.poll(async () => (await texts()).sort()).toEqual(['all back', 'before the drop', 'stopped and down', 'while the socket was down']);
    } finally {
      stream.historySize = keep;
    }
  });

  it('a page away for more than the recent chat gets all it missed as frames on rejoining, with its feed cut', async () => {
    const stream = mod.controller.stream;
    const keep = stream.historySize;
    stream.historySize = 3;
    try {
      await inject([{ username: 'a', text: 'before the drop' }]);
      await expect.poll(texts).toEqual(['before the drop']);
      await page.route('**/practice/feed**', (r) => r.abort());
      // Said in the same tick as the drop: only the rejoin can bring these, and they are more than it keeps.
      mod.controller.hub.dropAll();
      const missed = Array.from({ length: 10 }, (_, i) => `missed ${i}`);
      stream.append(missed.map((text, i) => ({ kind: 'message' as const, username: `m${i}`, text, category: 'injected' as const })));
      await expect.poll(() => practice('socket.reconnects')).toBeGreaterThanOrEqual(1);
      await expect.poll(texts).toEqual(['before the drop', ...missed]);
      // Not fetched: the feed is still cut, so the page is not in sync yet.
      expect(await practice('synced')).toBe(false);
    } finally {
      stream.historySize = keep;
      await page.unroute('**/practice/feed**');
    }
  });

  it('alternate markup: no Whatnot chat selector matches, while the socket still carries every message', async () => {
    const wire = await PhxClient.open(t.app.baseUrl);
    await wire.join('livestream:ls-page');
    await ctl('POST', '/paths', { markup: 'alternate' });
    await expect.poll(() => page.locator('[data-testid="virtuoso-item-list"]').count()).toBe(0);
    const [m] = await inject([{ username: 'Mary Jo', text: 'where did the rows go?' }]);
    await expect.poll(() => page.locator('.feed-line').allTextContents()).toEqual(['Mary Jo: where did the rows go?']);
    expect(await page.locator('[data-testid="chat-message"], .chat-message, [class*="ChatMessage"], [class*="message-item"]').count()).toBe(0);
    await wire.waitFor((f) => f[3] === 'new_msg' && f[4].id === m!.id && f[4].message === 'where did the rows go?');
    await wire.close();
    await ctl('POST', '/paths', { markup: 'whatnot' });
    await expect.poll(texts).toEqual(['where did the rows go?']);
  });

  it('reconnects with backoff after a dropped socket, rejoins, and shows what was said meanwhile once', async () => {
    await inject([{ username: 'a', text: 'before' }]);
    await expect.poll(texts).toEqual(['before']);
    await ctl('POST', '/socket/drop');
    await ctl('POST', '/socket/drop');
    await inject([{ username: 'b', text: 'during' }]);
    await expect.poll(() => practice('socket.reconnects')).toBeGreaterThanOrEqual(1);
    await expect.poll(texts).toEqual(['before', 'during']);
    await inject([{ username: 'c', text: 'after' }]);
    await expect.poll(texts).toEqual(['before', 'during', 'after']);
    // The rejoin replayed 'before' again: deduplicated by new_msg id.
    expect(await practice('socket.byEvent.new_msg')).toBeGreaterThan(3);
  });
});
