import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { launchTestBrowser, type TestBrowser } from '../helpers/browser.js';
import { practiceModule, practiceUrl } from '../../src/main/domains/practice/module.js';

/** The Whatnot selector profile from /work/shared/platforms.md, in its fallback order. */
const WHATNOT = {
  chatInput: ['textarea[placeholder*="chat"]', 'textarea[placeholder*="message"]', 'textarea[placeholder*="Send"]', '[data-testid="chat-input"]', '.chat-input textarea', '[class*="ChatInput"] textarea'],
  chatContainer: ['[data-testid="chat-messages"]', '[data-testid="chat-container"]', '.chat-messages', '[class*="ChatMessages"]', '[class*="ChatContainer"]', '[class*="LiveChat"]'],
  sendButton: ['[data-testid="send-button"]', '.chat-send-button', '[class*="SendButton"]', 'button[aria-label*="send"]', 'button[type="submit"]'],
  messageItem: ['[data-testid="chat-message"]', '.chat-message', '[class*="ChatMessage"]', '[class*="message-item"]'],
  username: ['[data-testid="username"]', '.username', '[class*="Username"]', '[class*="user-name"]', 'span[class*="name"]'],
  messageText: ['[data-testid="message-text"]', '.message-text', '[class*="MessageText"]', '[class*="message-content"]'],
  liveIndicator: ['[data-testid="live-indicator"]', '.live-badge', '[class*="LiveBadge"]', '[class*="live-indicator"]'],
};

let t: TestApp;
let browser: TestBrowser;
let page: Page;

beforeAll(async () => {
  t = await startTestApp({ modules: (s) => [practiceModule(s, { hostName: 'PracticeHost' })] });
  browser = await launchTestBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});
beforeEach(async () => {
  await t.call('POST', '/practice/api/reset');
  await t.call('POST', '/practice/api/live/start');
  await page?.close();
  page = await browser.newPage();
  await open();
});

async function open() {
  await page.goto(practiceUrl(t.app.baseUrl));
  await expect.poll(async () => (await t.call('GET', '/practice/api/state')).json.data.pages).toBeGreaterThanOrEqual(1);
}

const rows = () => page.locator('[data-testid="chat-message"]');
const rowIds = () => rows().evaluateAll((els) => els.map((e) => e.getAttribute('data-message-id')));
const hostMessages = async () => (await t.call('GET', '/practice/api/host-messages')).json.data.messages as { id: string; text: string; ts: number }[];

/** Which selector of a role's list wins (first match), evaluated inside `scope` when given. */
function firstMatch(selectors: string[], scope?: string) {
  return page.evaluate(
    ({ selectors, scope }) => {
      const root: ParentNode | null = scope ? document.querySelector(scope) : document;
      if (!root) return null;
      for (const s of selectors) {
        const el = root.querySelector(s);
        if (el) return { selector: s, testid: el.getAttribute('data-testid'), tag: el.tagName.toLowerCase(), text: el.textContent };
      }
      return null;
    },
    { selectors, scope },
  );
}

describe('practice page in Chromium', () => {
  it('matches the Whatnot selector profile', async () => {
    await t.call('POST', '/practice/api/inject', { username: 'Mary Jo', text: 'what size is that' });
    await expect.poll(() => rows().count()).toBe(1);
    expect(await firstMatch(WHATNOT.chatInput)).toMatchObject({ selector: 'textarea[placeholder*="message"]', tag: 'textarea' });
    expect(await page.getAttribute('textarea', 'placeholder')).toBe('Send a message...');
    expect(await firstMatch(WHATNOT.chatContainer)).toMatchObject({ testid: 'chat-messages' });
    expect(await firstMatch(WHATNOT.sendButton)).toMatchObject({ testid: 'send-button', tag: 'button' });
    // The generic fallbacks must land on the same elements, not on the product card's buttons.
    expect(await firstMatch(WHATNOT.sendButton.slice(1))).toMatchObject({ testid: 'send-button' });
    expect(await firstMatch(['button[type="submit"]'])).toMatchObject({ testid: 'send-button' });
    expect(await firstMatch(WHATNOT.messageItem)).toMatchObject({ testid: 'chat-message' });
    const row = '[data-testid="chat-message"]';
    expect(await firstMatch(WHATNOT.username, row)).toMatchObject({ testid: 'username', text: 'Mary Jo' });
    expect(await firstMatch(WHATNOT.messageText, row)).toMatchObject({ testid: 'message-text', text: 'what size is that' });
    for (const role of ['username', 'messageText'] as const) {
      for (const s of WHATNOT[role].slice(1, 2)) expect(await firstMatch([s], row), s).toMatchObject({ testid: role === 'username' ? 'username' : 'message-text' });
    }
    expect(await firstMatch(WHATNOT.liveIndicator)).toMatchObject({ testid: 'live-indicator', text: 'LIVE' });
    expect(await page.textContent('[data-testid="current-user"]')).toBe('PracticeHost');
    expect(await page.textContent('[data-testid="viewer-count"]')).toMatch(/^\d[\d,]*$/);

    await t.call('POST', '/practice/api/live/end');
    await expect.poll(() => firstMatch(WHATNOT.liveIndicator)).toBeNull();
    await t.call('POST', '/practice/api/live/start');
    await expect.poll(() => firstMatch(WHATNOT.liveIndicator)).not.toBeNull();
  });

  it('shows injected messages with their usernames, texts and ids', async () => {
    const sent = [
      { username: 'José 🌟', text: '<b>not bold</b> & shipping?' },
      { username: 'Ana María 2', text: 'ENTER!!' },
      { username: '山田太郎', text: 'joined', kind: 'join' },
    ];
    const r = await t.call('POST', '/practice/api/inject', { messages: sent });
    const ids = r.json.data.messages.map((m: any) => m.id);
    await expect.poll(() => rows().count()).toBe(3);
    const seen = await rows().evaluateAll((els) =>
      els.map((e) => ({
        id: e.getAttribute('data-message-id'),
        kind: e.getAttribute('data-kind'),
        ts: Number(e.getAttribute('data-ts')),
        username: e.querySelector('[data-testid="username"]')!.textContent,
        text: e.querySelector('[data-testid="message-text"]')!.textContent,
        bold: e.querySelector('b') !== null,
      })),
    );
    expect(seen.map((s) => s.id)).toEqual(ids);
    expect(seen.map((s) => [s.username, s.text, s.kind])).toEqual([
      ['José 🌟', '<b>not bold</b> & shipping?', 'message'],
      ['Ana María 2', 'ENTER!!', 'message'],
      ['山田太郎', 'joined', 'join'],
    ]);
    expect(seen.some((s) => s.bold)).toBe(false);
    for (const s of seen) expect(s.ts).toBeGreaterThanOrEqual(r.json.data.messages[0].ts);
  });

  it('sends only what input events put in the state, via Enter and the send button', async () => {
    const input = page.locator('textarea[placeholder="Send a message..."]');
    // A bare value setter is invisible to a React-controlled input: neither Enter nor the button sends it.
    await input.evaluate((el: HTMLTextAreaElement) => (el.value = 'sneaky value'));
    await input.press('Enter');
    await page.click('[data-testid="send-button"]');
    await page.waitForTimeout(200);
    expect(await hostMessages()).toEqual([]);
    expect(await rows().count()).toBe(0);

    await input.fill('');
    await input.fill('Welcome everyone!');
    await input.press('Enter');
    await expect.poll(() => rows().count()).toBe(1);
    expect(await input.inputValue()).toBe('');
    await input.fill('Giveaway at 9pm');
    await page.click('[data-testid="send-button"]');
    await expect.poll(() => rows().count()).toBe(2);

    const host = await hostMessages();
    expect(host.map((h) => h.text)).toEqual(['Welcome everyone!', 'Giveaway at 9pm']);
    for (const h of host) expect(Math.abs(h.ts - Date.now())).toBeLessThan(10_000);
    const seen = await rows().evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-message-id'), e.querySelector('[data-testid="username"]')!.textContent, e.querySelector('[data-testid="message-text"]')!.textContent]),
    );
    expect(seen).toEqual(host.map((h) => [h.id, 'PracticeHost', h.text]));
    // The HOST badge sits outside the username element, so the parsed name stays exact.
    expect(await page.locator('.is-host .host-badge').count()).toBe(2);
  });

  it('host name is configurable and host posts follow it', async () => {
    await t.call('POST', '/practice/api/config', { hostName: 'Ana María' });
    await expect.poll(() => page.textContent('[data-testid="current-user"]')).toBe('Ana María');
    await page.locator('textarea').fill('hola!');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid="username"]').allTextContents()).toEqual(['Ana María']);
    await t.call('POST', '/practice/api/config', { hostName: 'PracticeHost' });
  });

  it('reload and re-render keep data-message-id stable and show history', async () => {
    const r = await t.call('POST', '/practice/api/inject', { messages: Array.from({ length: 60 }, (_, i) => ({ username: `viewer ${i}`, text: `line ${i}` })) });
    const ids: string[] = r.json.data.messages.map((m: any) => m.id);
    await expect.poll(() => rows().count()).toBe(60);
    expect(await rowIds()).toEqual(ids);

    // Re-render: every node is new, every id the same.
    await page.evaluate(() => document.querySelectorAll('[data-testid="chat-message"]').forEach((e) => ((e as any).__old = true)));
    await t.call('POST', '/practice/api/rerender');
    await expect.poll(() => page.evaluate(() => [...document.querySelectorAll('[data-testid="chat-message"]')].filter((e) => (e as any).__old).length)).toBe(0);
    expect(await rowIds()).toEqual(ids);

    // Reload: the server tells the page to reload; it comes back with the last 50 as history.
    await page.evaluate(() => ((window as any).__beforeReload = true));
    await t.call('POST', '/practice/api/reload');
    await expect.poll(() => page.evaluate(() => (window as any).__beforeReload === undefined)).toBe(true);
    await expect.poll(() => rowIds()).toEqual(ids.slice(-50));
    const after = await t.call('POST', '/practice/api/inject', { username: 'late', text: 'still here?' });
    await expect.poll(() => rowIds()).toEqual([...ids.slice(-50), after.json.data.messages[0].id]);
  });

  it('detached rows come back as the same nodes and the list is virtualised', async () => {
    await t.call('POST', '/practice/api/inject', { messages: Array.from({ length: 20 }, (_, i) => ({ username: `v${i}`, text: `t${i}` })) });
    await expect.poll(() => rows().count()).toBe(20);
    const before = await rowIds();
    await page.evaluate(() => {
      (window as any).__removed = 0;
      new MutationObserver((recs) => recs.forEach((r) => ((window as any).__removed += r.removedNodes.length))).observe(document.querySelector('[data-testid="chat-messages"]')!, { childList: true });
    });
    await t.call('POST', '/practice/api/detach', { count: 3 });
    await expect.poll(() => page.evaluate(() => (window as any).__removed)).toBe(3);
    await expect.poll(() => rows().count()).toBe(20);
    expect(new Set(await rowIds())).toEqual(new Set(before));

    await t.call('POST', '/practice/api/config', { hostile: { virtualizeAfter: 150 } });
    const burst = await t.call('POST', '/practice/api/simulation/burst', { count: 400 });
    const last = burst.json.data.counts.lastSeq;
    await expect.poll(() => page.evaluate(() => (window as any).__practice.lastSeq)).toBe(last);
    expect(await rows().count()).toBe(150);
    const newest = (await t.call('GET', '/practice/api/messages?limit=150')).json.data.messages.map((m: any) => m.id);
    expect(await rowIds()).toEqual(newest);
  });
});
