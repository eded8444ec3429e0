import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botModule } from '../../src/main/domains/bot/domain.js';
import { chatModule, type ChatModule } from '../../src/main/domains/chat/domain.js';
import { practiceModule } from '../../src/main/domains/practice/domain.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { CHROMIUM_PATH, launchTestBrowser, type TestBrowser } from '../helpers/browser.js';
import { waitUntil } from '../helpers/wait.js';

/**
 * The Live chat screen of the built dashboard in Chromium, on a real core whose chat driver reads the practice
 * stream (a second, headless Chromium): what a seller sees and does during a show.
 */
const RENDERER_DIR = path.resolve('out/renderer');
const FAQ_REPLY = 'Shipping is $5, free over $50';

let t: TestApp;
let chat: ChatModule;
let browser: TestBrowser;
let page: Page;
let accountId: string;
const problems: string[] = [];

async function practice(method: string, p: string, body?: unknown): Promise<any> {
  const res = await fetch(`${t.app.baseUrl}/api/v1/practice${p}`, {
    method,
    headers: { authorization: `Bearer ${t.app.sessionToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return ((await res.json()) as { data: any }).data;
}
const inject = (lines: [string, string][]) => practice('POST', '/inject', { messages: lines.map(([username, text]) => ({ username, text })) });
const hostMessages = async () => (await practice('GET', '/host-messages')).messages as { text: string; command: string | null }[];
const log = () => page.locator('.chat-lines');
const row = (text: string) => page.locator('.chat-rows [role="listitem"]').filter({ hasText: text });

beforeAll(async () => {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html')))
    throw new Error('out/renderer/index.html is missing: run `npx electron-vite build` (npm test does)');
  t = await startTestApp({
    rendererDir: RENDERER_DIR,
    rateLimits: { perMinute: 1_000_000, perDay: 10_000_000 },
    modules: (s) => {
      s.settings.update(s.accounts.active().id, {
        botActive: false,
        sendMinSpacingMs: 0,
        welcomeEnabled: false,
        faqRules: [{ triggers: ['shipping'], response: FAQ_REPLY, userCooldownSeconds: 0, cooldownSeconds: 0 }],
      });
      chat = chatModule(s, { practice: true, headless: true, browserPath: CHROMIUM_PATH, echoTimeoutMs: 3000, retryBaseMs: 200 });
      return [practiceModule(s, { simulate: false, historySize: 20 }), botModule(s, chat.gateway, { tickMs: 0 }), chat];
    },
  });
  accountId = t.app.services.accounts.active().id;
  await waitUntil(() => expect(chat.driver.session(accountId)?.attached).toBe(true), 20_000);
  browser = await launchTestBrowser();
  page = await browser.newPage();
  // A step that cannot happen fails with its locator, well inside the test's limit.
  page.setDefaultTimeout(10_000);
  await page.setViewportSize({ width: 1100, height: 760 });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  await page.goto(`${t.app.baseUrl}/#token=${t.app.sessionToken}`);
  await page.getByText('Live updates on').waitFor();
  await page.getByRole('link', { name: /Live chat/ }).click();
  await page.getByRole('heading', { name: 'Live chat', exact: true }).waitFor();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('Live chat screen in Chromium', () => {
  it("sends the host's own line with the bot off: shown at once as theirs, confirmed by its echo, once", async () => {
    expect((await t.call('GET', '/api/v1/settings')).json.data.botActive).toBe(false);
    const text = 'Welcome in! Charizard slab is next';
    await page.getByLabel('Message', { exact: true }).fill(text);
    await page.getByLabel('Message', { exact: true }).press('Enter');
    await row(text).locator('.chat-status-sent').waitFor();
    expect(await row(text).count()).toBe(1);
    expect(await row(text).locator('.chat-tag').textContent()).toBe('you');
    expect(await page.getByLabel('Message', { exact: true }).inputValue()).toBe('');
    expect((await hostMessages()).map((m) => m.text)).toContain(text);
    // The page confirms on the echo; the queue marks it sent right after.
    const sentManual = async () =>
      (await t.call('GET', '/api/v1/messages?status=sent')).json.data.messages.filter(
        (m: { message: string; cause: string }) => m.message === text && m.cause === 'manual',
      );
    await expect.poll(async () => (await sentManual()).length).toBe(1);
  });

  it('acts on a viewer line from its menu: reply with @mention, hide, timeout (refused by the platform), make an FAQ', async () => {
    await inject([['curious_viewer', 'do you ship to Canada']]);
    const line = row('do you ship to Canada');
    await line.waitFor();
    await line.getByRole('button', { name: "Actions for curious_viewer's message" }).click();
    await page.getByRole('menuitem', { name: 'Reply to @curious_viewer' }).click();
    await expect.poll(() => page.getByLabel('Message', { exact: true }).inputValue()).toBe('@curious_viewer ');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('chat-input');
    await page.getByLabel('Message', { exact: true }).fill('');

    await line.getByRole('button', { name: /Actions for/ }).click();
    await page.getByRole('menuitem', { name: 'Time out curious_viewer' }).click();
    await page.getByText(/whatnot chat has no timeout command/).waitFor();

    await line.getByRole('button', { name: /Actions for/ }).click();
    await page.getByRole('menuitem', { name: 'Hide curious_viewer' }).click();
    await page.getByText('Sent /hide curious_viewer to chat').waitFor();
    await expect.poll(async () => (await hostMessages()).find((m) => m.text === '/hide curious_viewer')?.command).toBe('hide');

    await line.getByRole('button', { name: /Actions for/ }).click();
    await page.getByRole('menuitem', { name: 'Make this an FAQ' }).click();
    await page.getByRole('heading', { name: 'Bot settings', exact: true }).waitFor();
    // The FAQ editor takes the words from #/settings?faq=... (faq-prefill.ts) as a new rule's trigger.
    await page.getByRole('tab', { name: 'FAQ rules', selected: true }).waitFor();
    await expect
      .poll(() => page.locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)))
      .toContain('do you ship to Canada');
    await page.getByRole('link', { name: /Live chat/ }).click();
    // Not saved: leaving asks first.
    await page.getByRole('button', { name: 'Discard and leave' }).click();
    await row('do you ship to Canada').waitFor();
  });

  it('is usable by keyboard: arrows move between lines, Enter opens the actions, Escape returns', async () => {
    await inject([
      ['kb_one', 'first keyboard line'],
      ['kb_two', 'second keyboard line'],
    ]);
    await row('second keyboard line').waitFor();
    // The list is one Tab stop: the newest line.
    await row('second keyboard line').focus();
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('first keyboard line');
    await page.keyboard.press('Enter');
    await page.getByRole('menu', { name: "Actions for kb_one's message" }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('menuitem');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Make this an FAQ');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('menu').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe("Actions for kb_one's message");
    // The live region sums up, it does not read each line.
    expect(await page.locator('.chat-log .sr-only[aria-live="polite"]').count()).toBe(1);
    expect(await log().getAttribute('aria-live')).toBeNull();
    expect(await page.locator('.chat-rows').getAttribute('aria-live')).toBeNull();
  });

  it('has no serious or critical accessibility issue on the chat card, with a line menu open', async () => {
    await row('first keyboard line')
      .getByRole('button', { name: /Actions for/ })
      .click();
    await page.getByRole('menu').waitFor();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const result = await new AxeBuilder({ page: page as never }).include('.chat-card').analyze();
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${colorScheme} ${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary}`).join(' | ')}`)).toEqual(
        [],
      );
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
  });

  it("tags the bot's reply 'bot · FAQ' under the host's name, and the filter hides bot lines only", async () => {
    await t.call('POST', '/api/v1/bot/start');
    await inject([['shopper_9', 'shipping cost please']]);
    const reply = row(FAQ_REPLY);
    await reply.waitFor();
    expect(await reply.locator('.chat-tag').textContent()).toBe('bot · FAQ');
    const mine = row('Charizard slab is next');
    expect(await reply.locator('.chat-name').textContent()).toBe(await mine.locator('.chat-name').textContent());
    await t.call('POST', '/api/v1/bot/stop');
    await page.getByRole('switch', { name: 'Hide bot lines' }).check({ force: true });
    await expect.poll(() => reply.count()).toBe(0);
    expect(await mine.count()).toBe(1);
    expect(await row('shipping cost please').count()).toBe(1);
    await page.getByRole('switch', { name: 'Hide bot lines' }).uncheck({ force: true });
    await reply.waitFor();
  });

  it('searches the stored history and goes back to the live chat', async () => {
    await page.getByLabel('Search chat history').fill('SHIP');
    await page.getByLabel('Search chat history').press('Enter');
    const results = page.locator('.chat-result-list li');
    await page.getByText(/matching “SHIP”, newest first/).waitFor();
    const texts = await results.locator('.chat-text').allTextContents();
    expect(texts).toEqual(expect.arrayContaining(['shipping cost please', 'do you ship to Canada', FAQ_REPLY]));
    expect(texts.indexOf('shipping cost please')).toBeLessThan(texts.indexOf('do you ship to Canada'));
    expect(await results.locator('mark').first().textContent()).toMatch(/^ship$/i);
    await page.getByRole('button', { name: 'Back to live' }).click();
    await row('shipping cost please').waitFor();
  });

  it("counts lines that arrive while scrolled up in a 'new messages' pill that jumps back down", async () => {
    const rows = page.locator('.chat-rows [role="listitem"]');
    await inject(Array.from({ length: 150 }, (_, i): [string, string] => [`filler_${i}`, `filler line ${i}`]));
    await row('filler line 149').waitFor();
    // Following the newest line, only the last rows are mounted.
    expect(await rows.count()).toBe(120);
    // The reader scrolls up with the wheel (a scroll without a gesture is a layout shift: the log keeps following);
    // near the top, older rows are mounted above without moving what they read.
    await log().hover();
    for (let i = 0; i < 4 && (await rows.count()) <= 120; i++) {
      await page.mouse.wheel(0, -4000);
      await page.waitForTimeout(100);
    }
    await expect.poll(() => rows.count()).toBeGreaterThan(120);
    const reading = await log().evaluate((el) => el.scrollTop);
    await inject([
      ['late_a', 'late one'],
      ['late_b', 'late two'],
      ['late_c', 'late three'],
    ]);
    await page.getByRole('button', { name: '↓ 3 new messages' }).waitFor();
    // Reading older lines is not interrupted.
    expect(Math.abs((await log().evaluate((el) => el.scrollTop)) - reading)).toBeLessThan(5);
    await page.getByRole('button', { name: /new messages/ }).click();
    await expect.poll(() => log().evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(40);
    expect(await page.getByRole('button', { name: /new messages/ }).count()).toBe(0);
    await expect.poll(() => rows.count()).toBe(120);
  });

  it('has shortcuts (bot on/off, focus chat input) with a ? help, none firing while typing', async () => {
    await page.getByRole('link', { name: /Overview/ }).click();
    await page.getByRole('heading', { name: 'Overview', exact: true }).waitFor();
    await page.locator('body').click({ position: { x: 600, y: 20 } });
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.keyboard.press('b');
    await expect.poll(async () => (await t.call('GET', '/api/v1/settings')).json.data.botActive).toBe(true);
    await page.keyboard.press('/');
    await page.getByRole('heading', { name: 'Live chat', exact: true }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('chat-input');
    await page.keyboard.type('b is for bids');
    expect(await page.getByLabel('Message', { exact: true }).inputValue()).toBe('b is for bids');
    expect((await t.call('GET', '/api/v1/settings')).json.data.botActive).toBe(true);
    await page.getByLabel('Message', { exact: true }).fill('');
    await t.call('POST', '/api/v1/bot/stop');
    await page.screenshot({ path: '/tmp/buzzchat-livechat.png' });
    expect(problems).toEqual([]);
  });
});
