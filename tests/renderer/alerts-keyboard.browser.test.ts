import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModules } from '../../src/main/app/domains.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { launchTestBrowser, type TestBrowser } from '../helpers/browser.js';

/**
 * The status strip and the keyboard structure in the built dashboard (out/renderer) on a real core, in Chromium.
 * Alert causes come from the core itself (its routes, or its event bus where a cause needs a live browser).
 */
const RENDERER_DIR = path.resolve('out/renderer');
const SHOTS = path.resolve('test-results/screenshots');

let t: TestApp;
let browser: TestBrowser;
let page: Page;
let accountId = '';
const problems: string[] = [];

// Records notifications instead of showing them, and lets a test say the page is hidden (another tab, minimised).
// A string, not a function: the test transpiler would rewrite the class with helpers the page does not have.
const INIT = `
  window.__notes = [];
  window.__hidden = false;
  window.Notification = class {
    constructor(title, options) { window.__notes.push({ title, body: (options && options.body) || '' }); this.onclick = null; }
    close() {}
  };
  window.Notification.permission = 'granted';
  window.Notification.requestPermission = async () => 'granted';
  Object.defineProperty(document, 'visibilityState', { get: () => (window.__hidden ? 'hidden' : 'visible'), configurable: true });
  document.hasFocus = () => !window.__hidden;
`;

const urgent = () => page.getByRole('alert', { name: 'Urgent alerts' });
const polite = () => page.getByRole('status', { name: 'Alerts', exact: true });
const chatStatus = async (over: Record<string, unknown>) => {
  const s = (await t.call('GET', '/api/v1/chat/status')).json.data;
  t.app.services.events.emit('chat.status', accountId, { ...s, ...over });
};
const active = () =>
  page.evaluate(() => ({ tag: document.activeElement?.tagName, id: document.activeElement?.id, text: document.activeElement?.textContent }));
const open = async (screen: string, heading: string) => {
  await page.getByRole('link', { name: new RegExp(screen) }).click();
  await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
};

beforeAll(async () => {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html')))
    throw new Error('out/renderer/index.html is missing: run `npx electron-vite build` first');
  t = await startTestApp({ rendererDir: RENDERER_DIR, modules: defaultModules({ noBrowser: true }) });
  accountId = t.app.services.accounts.active().id;
  browser = await launchTestBrowser();
  page = await browser.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  await page.addInitScript({ content: INIT });
  await page.goto(`${t.app.baseUrl}/#token=${t.app.sessionToken}`);
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('keyboard structure', () => {
  it('the first Tab reaches "Skip to content", shown while focused, and it moves focus to the main content', async () => {
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = (await skip.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await active()).toMatchObject({ tag: 'MAIN', id: 'content' });
    expect(new URL(page.url()).hash).toBe('');
    // Unfocused, it is out of sight.
    await page.locator('h1').click();
    expect((await skip.boundingBox())!.y + box.height).toBeLessThanOrEqual(0);
  });

  it('opening another screen puts focus on its heading, by click or by keyboard, without scrolling it away', async () => {
    await open('Giveaway', 'Giveaway');
    expect(await active()).toMatchObject({ tag: 'H1', text: 'Giveaway' });
    await page.getByRole('link', { name: /Analytics/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => active()).toMatchObject({ tag: 'H1', text: 'Analytics' });
    expect(await page.locator('main').evaluate((m) => m.scrollTop)).toBe(0);
  });

  it('settings tabs are ARIA tabs: arrows, Home and End move the selection, the panel follows, one tab stop', async () => {
    await open('Bot settings', 'Bot settings');
    const tabs = page.getByRole('tablist', { name: 'Settings sections' }).getByRole('tab');
    const names = (await tabs.allTextContents()).map((n) => n.trim());
    expect(names.slice(0, 2)).toEqual(['Welcome & pacing', 'FAQ rules']);
    const lastName = names.at(-1)!;
    const selected = async () => {
      const tab = page.getByRole('tab', { selected: true });
      const [name, id, controls] = [await tab.textContent(), await tab.getAttribute('id'), await tab.getAttribute('aria-controls')];
      const panel = page.getByRole('tabpanel');
      const focused = await tab.evaluate((el) => el === document.activeElement);
      return {
        name,
        focused,
        labelled: (await panel.getAttribute('aria-labelledby')) === id,
        controls: controls === (await panel.getAttribute('id')),
      };
    };
    await page.getByRole('tab', { name: 'Welcome & pacing' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await selected()).toEqual({ name: 'FAQ rules', focused: true, labelled: true, controls: true });
    await page.getByRole('tabpanel', { name: 'FAQ rules' }).getByRole('button', { name: '+ Add FAQ rule' }).waitFor();
    await page.keyboard.press('End');
    expect(await selected()).toMatchObject({ name: lastName, focused: true, labelled: true });
    await page.keyboard.press('ArrowRight');
    expect((await selected()).name).toBe('Welcome & pacing');
    await page.keyboard.press('ArrowLeft');
    expect((await selected()).name).toBe(lastName);
    await page.keyboard.press('Home');
    expect(await selected()).toMatchObject({ name: 'Welcome & pacing', focused: true });
    expect(await tabs.evaluateAll((els) => els.map((e) => (e as HTMLElement).tabIndex))).toEqual(names.map((_, i) => (i === 0 ? 0 : -1)));
    // An unsaved edit survives switching tabs with the keys (the leave guard still guards leaving the screen).
    await page.getByRole('tab', { name: 'FAQ rules' }).click();
    await page.getByRole('button', { name: '+ Add FAQ rule' }).click();
    await page.getByRole('tab', { name: 'FAQ rules' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByRole('button', { name: 'Save changes' }).isEnabled()).toBe(true);
    await page.getByRole('button', { name: 'Discard' }).click();
  });

  it('the shortcuts work and the help dialog lists them, keeps focus inside, closes on Escape and gives focus back', async () => {
    await open('Overview', 'Overview');
    const before = page.getByRole('link', { name: /Giveaway/ });
    await before.focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    for (const label of [
      'Turn the bot on or off',
      'Draw a giveaway winner',
      'Reroll the last winner',
      'Write in chat (opens Live chat)',
      'Show or hide these shortcuts',
    ])
      await dialog.getByText(label).waitFor();
    const inDialog = () => dialog.evaluate((d) => d.contains(document.activeElement));
    expect(await inDialog()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await inDialog()).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await inDialog()).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await before.evaluate((el) => el === document.activeElement)).toBe(true);

    // B: the bot, both ways.
    await page.locator('h1').click();
    await page.keyboard.press('b');
    await expect.poll(async () => (await t.call('GET', '/api/v1/settings')).json.data.botActive).toBe(true);
    await page.keyboard.press('b');
    await expect.poll(async () => (await t.call('GET', '/api/v1/settings')).json.data.botActive).toBe(false);
    // Shift+D draws; Shift+R rerolls that winner.
    for (const u of ['kara', 'lee', 'mo']) await t.call('POST', '/api/v1/giveaway/entries', { username: u });
    const draws = async () => (await t.call('GET', '/api/v1/giveaway/draws')).json.data.draws as { winners: string[]; replaced: string | null }[];
    const drawsBefore = (await draws()).length;
    await page.keyboard.press('Shift+D');
    await expect.poll(async () => (await draws()).length).toBe(drawsBefore + 1);
    await page
      .getByRole('status')
      .getByText(/^Winner: /)
      .waitFor();
    await page.keyboard.press('Shift+R');
    await expect.poll(async () => (await draws()).at(-1)?.replaced).toBeTruthy();
    // "/" opens Live chat with its input focused (the heading focus of the screen change does not take it).
    await page.keyboard.press('/');
    await expect.poll(() => active()).toMatchObject({ id: 'chat-input' });
  });
});

describe('status strip', () => {
  it('shows the chat lost for the active account at once, clears it when the chat is back, and a dismissal lasts until the next loss', async () => {
    await open('Overview', 'Overview');
    expect(await urgent().textContent()).toBe('');
    // The real cause: a connect the core could not open (no browser here) leaves the chat down with its reason.
    expect((await t.call('POST', '/api/v1/chat/connect', { url: 'https://example.com/live/1' })).status).toBe(200);
    await urgent().getByText('Chat disconnected').waitFor();
    await urgent()
      .getByText(/Browser disabled/)
      .waitFor();
    expect(await urgent().getByRole('link', { name: 'Reconnect on Overview' }).getAttribute('href')).toBe('#/overview');
    // On every screen.
    await open('Webhooks', 'Webhooks');
    await urgent().getByText('Chat disconnected').waitFor();

    await chatStatus({ connected: true, lastError: null });
    await expect.poll(() => urgent().textContent()).toBe('');

    await chatStatus({ connected: false, lastError: 'The chat page crashed' });
    await urgent()
      .getByText(/The chat page crashed/)
      .waitFor();
    await page.getByRole('button', { name: 'Dismiss: Chat disconnected' }).click();
    await expect.poll(() => urgent().textContent()).toBe('');
    await chatStatus({ connected: false, lastError: 'Still down' });
    await chatStatus({ connected: true, lastError: null });
    await chatStatus({ connected: false, lastError: 'Crashed again' });
    await urgent()
      .getByText(/Crashed again/)
      .waitFor();
    await chatStatus({ connected: true, lastError: null });
    await expect.poll(() => urgent().textContent()).toBe('');
  });

  it('shows failing sends and clears them when a message goes out', async () => {
    const fail = (messageId: string) =>
      t.app.services.events.emit('message.failed', accountId, { messageId, message: 'Shipping is $5', cause: 'faq', error: 'chat input not found' });
    fail('m-1');
    fail('m-2');
    await polite().getByText('2 messages could not be sent').waitFor();
    await polite().getByText('Last: “Shipping is $5” (chat input not found)').waitFor();
    t.app.services.events.emit('message.sent', accountId, { messageId: 'm-3', message: 'hi', cause: 'faq', sentAt: new Date().toISOString() });
    await expect.poll(() => polite().textContent()).toBe('');
  });

  it('shows a selector problem on a connected page and clears it when the page matches again', async () => {
    const s = (await t.call('GET', '/api/v1/chat/status')).json.data;
    const health = (input: string | null) => ({
      ...s.selectorHealth,
      chatContainer: { matched: '.chat', tried: ['.chat'] },
      chatInput: { matched: input, tried: ['textarea'] },
    });
    await chatStatus({ connected: true, lastError: null, selectorHealth: health(null) });
    await polite().getByText('Chat page not recognised').waitFor();
    await polite()
      .getByText(/cannot post: the chat input was not found/)
      .waitFor();
    await chatStatus({ connected: true, lastError: null, selectorHealth: health('textarea') });
    await expect.poll(() => polite().textContent()).toBe('');
  });

  it('a winner who did not claim in time shows with a reroll that fixes it', async () => {
    await t.call('PATCH', '/api/v1/settings', { giveaway: { claimWindowSeconds: 1 } });
    await t.call('DELETE', '/api/v1/giveaway/entries');
    for (const u of ['ann', 'bob', 'cy']) await t.call('POST', '/api/v1/giveaway/entries', { username: u });
    const drawn = (await t.call('POST', '/api/v1/giveaway/pick-winner', { count: 1 })).json.data;
    const winner = drawn.winners[0] as string;
    const row = polite().locator('.alert', { hasText: 'did not claim in time' });
    await row.getByText(`${winner} did not claim in time`).waitFor();
    // No claim window from here on: the reroll's winner has nothing to claim, so the alert must clear.
    await t.call('PATCH', '/api/v1/settings', { giveaway: { claimWindowSeconds: 0 } });
    await row.getByRole('button', { name: `Reroll ${winner}` }).click();
    await expect.poll(() => row.count()).toBe(0);
    const last = (await t.call('GET', '/api/v1/giveaway/draws')).json.data.draws.at(-1);
    expect(last.replaced).toBe(winner);
  });

  it('counts moderation hits (expandable), and notifies natively when the page is hidden', async () => {
    await page.evaluate(() => ((window as unknown as { __hidden: boolean }).__hidden = true));
    const hit = (username: string) =>
      t.app.services.events.emit('moderation.hit', accountId, {
        accountId,
        username,
        reason: 'link',
        detail: 'http://spam',
        action: 'hide',
        command: '/hide',
      });
    hit('spammer1');
    await polite().getByText('1 moderation hit in the last 10 minutes').waitFor();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __notes: { title: string }[] }).__notes.map((n) => n.title)))
      .toContain('1 moderation hit in the last 10 minutes');
    hit('spammer2');
    await polite().getByText('2 moderation hits in the last 10 minutes').waitFor();
    const toggle = polite().getByRole('button', { name: 'Show' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await polite().getByText('spammer2: link (hidden)').waitFor();
    expect(await polite().getByRole('button', { name: 'Hide' }).getAttribute('aria-expanded')).toBe('true');

    // Visible again: a new cause shows in the strip only.
    await page.evaluate(() => ((window as unknown as { __hidden: boolean }).__hidden = false));
    const count = await page.evaluate(() => (window as unknown as { __notes: unknown[] }).__notes.length);
    t.app.services.events.emit('message.failed', accountId, { messageId: 'm-9', message: 'x', cause: 'faq', error: 'e' });
    await polite().getByText('1 message could not be sent').waitFor();
    expect(await page.evaluate(() => (window as unknown as { __notes: unknown[] }).__notes.length)).toBe(count);
    await page.getByRole('button', { name: 'Dismiss: 2 moderation hits in the last 10 minutes' }).click();
    await expect
      .poll(() =>
        polite()
          .getByText(/moderation hit/)
          .count(),
      )
      .toBe(0);
  });

  it('the alert options turn notifications off (kept) and the sound on (off by default)', async () => {
    await page.getByText('Alert options').click();
    const notify = page.getByRole('switch', { name: 'Notify when not in view' });
    const sound = page.getByRole('switch', { name: 'Sound' });
    expect(await notify.isChecked()).toBe(true);
    expect(await sound.isChecked()).toBe(false);
    await notify.click({ force: true });
    await sound.click({ force: true });
    expect(await page.evaluate(() => [localStorage.getItem('buzzchat.alerts.notify'), localStorage.getItem('buzzchat.alerts.sound')])).toEqual([
      'off',
      'on',
    ]);
    const notes = () => page.evaluate(() => (window as unknown as { __notes: unknown[] }).__notes.length);
    const before = await notes();
    await page.evaluate(() => ((window as unknown as { __hidden: boolean }).__hidden = true));
    t.app.services.events.emit('message.failed', accountId, { messageId: 'm-10', message: 'y', cause: 'faq', error: 'e' });
    await polite().getByText('2 messages could not be sent').waitFor();
    expect(await notes()).toBe(before);
    await notify.click({ force: true });
    await sound.click({ force: true });
    expect(await page.evaluate(() => [localStorage.getItem('buzzchat.alerts.notify'), localStorage.getItem('buzzchat.alerts.sound')])).toEqual([
      'on',
      'off',
    ]);
    t.app.services.events.emit('message.failed', accountId, { messageId: 'm-11', message: 'z', cause: 'faq', error: 'e' });
    await expect.poll(notes).toBe(before + 1);
    await page.evaluate(() => ((window as unknown as { __hidden: boolean }).__hidden = false));
    await page.getByText('Alert options').click();
  });

  it('looks right at laptop and small sizes, light and dark (screenshots)', async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    await chatStatus({ connected: false, lastError: 'The chat page crashed (renderer gone).' });
    t.app.services.events.emit('moderation.hit', accountId, {
      accountId,
      username: 'spammer3',
      reason: 'caps',
      detail: 'LOUD',
      action: 'log',
      command: null,
    });
    await urgent().getByText('Chat disconnected').waitFor();
    await polite()
      .getByText(/moderation hit/)
      .waitFor();
    for (const [w, h] of [
      [1440, 900],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: path.join(SHOTS, `alert-strip-${w}x${h}-${scheme}.png`) });
      }
    }
    // Scrolled down a long screen, the strip stays in view on a laptop; the options open in the sidebar.
    await page.setViewportSize({ width: 1440, height: 900 });
    await open('Bot settings', 'Bot settings');
    await page.locator('main').evaluate((m) => m.scrollTo({ top: 400 }));
    await page.getByText('Alert options').click();
    await page.screenshot({ path: path.join(SHOTS, 'alert-strip-1440x900-dark-scrolled.png') });
    await page.getByText('Alert options').click();
    // No serious accessibility issue in the strip (the hits list open) or the options, either theme.
    await polite().getByRole('button', { name: 'Show' }).click();
    await page.getByText('Alert options').click();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const result = await new AxeBuilder({ page: page as never }).include('.alert-strip').include('.alert-options').analyze();
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${colorScheme} ${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary}`).join(' | ')}`)).toEqual(
        [],
      );
    }
    await page.getByText('Alert options').click();
    await page.emulateMedia({ colorScheme: null });
    expect(problems).toEqual([]);
  });
});
