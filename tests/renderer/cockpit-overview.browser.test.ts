import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModules } from '../../src/main/app/domains.js';
import type { ChatWireEvent } from '../../src/main/domains/chat/types.js';
import type { ShowService } from '../../src/main/domains/shows/service.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { launchTestBrowser, type TestBrowser } from '../helpers/browser.js';
import { chatStatus } from '../helpers/chat-status.js';

/**
 * The cockpit in the built dashboard: tonight's show on the Overview (figures agreeing with the API, the
 * platform's tips arriving live), the newcomer checklist ticking from real state, the Analytics show picker
 * and past shows, and the thanks editors. The chat's status and the site's data stream are what the driver
 * would publish, pushed through the app's own bus and show service (no browser-driven chat).
 */
const RENDERER_DIR = path.resolve('out/renderer');
const SHOTS_DIR = path.resolve('test-results/screenshots');

let t: TestApp;
let shows!: ShowService;
let browser: TestBrowser;
let page: Page;
let accountId = '';
const problems: string[] = [];

const get = async (p: string) => (await t.call('GET', `/api/v1${p}`)).json.data;

function status(patch: { connected: boolean; live: boolean; loggedInAs?: string | null }): void {
  const base = chatStatus(accountId, { connected: patch.connected, live: patch.live });
  t.app.services.events.emit('chat.status', accountId, {
    ...base,
    url: 'https://www.whatnot.com/live/tonight',
    loggedInAs: patch.loggedInAs ?? 'sam_sells',
    paths: { ...base.paths, wire: { ...base.paths.wire, framesPerMin: patch.connected ? 120 : 0 } },
    summary: 'wire: 120 frames/min, DOM: fallback ready',
  });
}

let row = 0;
function line(username: string, text: string): void {
  t.app.services.events.emit('chat.message', accountId, {
    accountId,
    platform: 'whatnot',
    kind: 'message',
    username,
    text,
    rowKey: `cockpit-${++row}`,
    history: false,
    self: false,
    pageTs: null,
    receivedAt: Date.now(),
  });
}

function stream(event: ChatWireEvent['event']): void {
  shows.onWireEvent({ accountId, platform: 'whatnot', event, receivedAt: Date.now() });
}

/** The value of the show card's figure with this label. */
const figure = (label: string) =>
  page
    .locator('.show-card .stat')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('.stat-value');
const summaryFigure = (label: string) =>
  page
    .locator('.stats-4 .stat')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('.stat-value');
const step = (title: string) => page.getByRole('listitem', { name: new RegExp(`^${title}: `) });

/** Serious and critical axe findings (WCAG A/AA) inside the cockpit's own parts of the page. */
async function axe(label: string, include: string[]): Promise<string[]> {
  let builder = new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const sel of include) builder = builder.include(sel);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${label} ${v.id} at ${n.target.join(' ')}: ${n.failureSummary ?? v.help}`));
}

/** Screenshots at two sizes in both themes, each checked with axe; returns what axe found. */
async function shoot(name: string, include: string[]): Promise<string[]> {
  const found: string[] = [];
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1024, height: 700 },
  ]) {
    await page.setViewportSize(size);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      found.push(...(await axe(`${name}-${colorScheme}-${size.width}`, include)));
      // The screen scrolls inside .content: let it grow so the whole screen is in the picture.
      const style = await page.addStyleTag({
        content: 'html, body, #root, .shell { height: auto !important; } .content { overflow: visible !important; }',
      });
      await page.screenshot({ path: path.join(SHOTS_DIR, `cockpit-${name}-${colorScheme}-${size.width}x${size.height}.png`), fullPage: true });
      await style.evaluate((el) => (el as Element).remove());
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: null, reducedMotion: null });
  return found;
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html')))
    throw new Error('out/renderer/index.html is missing: run `npx electron-vite build` first');
  t = await startTestApp({
    rendererDir: RENDERER_DIR,
    modules: (s) => {
      const domains = defaultModules({ noBrowser: true })(s);
      shows = domains.find((d) => d.name === 'shows')!.service as ShowService;
      return domains;
    },
  });
  accountId = t.app.services.accounts.active().id;
  browser = await launchTestBrowser();
  page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  await page.goto(`${t.app.baseUrl}/#token=${t.app.sessionToken}`);
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('the cockpit', () => {
  it('the checklist starts empty and ticks each step when its state changes', async () => {
    await page.getByText('0 of 5 done').waitFor();
    // The next step says what it asks; the later ones are one line with their link.
    await step('Try the practice stream')
      .getByText(/A pretend show with simulated viewers/)
      .waitFor();
    expect(await step('Log in once').getByRole('link').textContent()).toBe('Connect the chat');
    expect(await step('Log in once').getAttribute('aria-label')).toBe('Log in once: to do');
    await page
      .locator('.show-card')
      .getByText(/A show starts by itself when your live page goes live/)
      .waitFor();
    await page.locator('.show-card').getByText('No show yet').waitFor();
    await page.screenshot({ path: path.join(SHOTS_DIR, 'cockpit-overview-first-run.png') });

    // Logged in on the site, not connected to a show yet.
    status({ connected: false, live: false });
    await expect.poll(() => step('Log in once').getAttribute('aria-label')).toBe('Log in once: done');
    expect(await step("Connect tonight's show").getAttribute('aria-label')).toBe("Connect tonight's show: to do");
    await page.getByText('1 of 5 done').waitFor();
    // The next step to do is the one with the primary button, and it leads to the screen doing it.
    expect(await step('Try the practice stream').getByRole('link').getAttribute('href')).toBe('#/accounts');
  });

  it("tonight's show: the card's figures agree with the API and a tip appears live", async () => {
    status({ connected: true, live: true });
    await expect.poll(() => step("Connect tonight's show").getAttribute('aria-label')).toBe("Connect tonight's show: done");
    await expect.poll(() => step('Go live').getAttribute('aria-label')).toBe('Go live: done');
    // The chat card says how the chat is read, in plain words.
    const paths = page.getByRole('list', { name: 'How the chat is read' });
    await paths.getByText('live, 120 updates/min').waitFor();
    await paths.getByText('backup ready').waitFor();

    const card = page.locator('.show-card');
    await card.getByText('On air', { exact: true }).waitFor();
    const show = (await get('/shows/current')).show;
    expect(show).not.toBeNull();
    line('ana', 'hi!');
    line('ana', 'do you ship to Canada?');
    line('bob', 'hello');
    await t.call('POST', '/api/v1/giveaway/entries', { username: 'ana' });
    await t.call('POST', '/api/v1/giveaway/entries', { username: 'bob' });
    await expect.poll(() => figure('Chat messages').textContent()).toBe('3');
    await expect.poll(() => figure('Giveaway entries').textContent()).toBe('2');
    const figures = await get(`/analytics?show=${show.id}`);
    const current = (await get('/shows/current')).show;
    expect(figures.messagesReceived).toBe(3);
    expect(await figure('Chatters').textContent()).toBe(String(figures.uniqueChatters));
    expect(await figure('FAQ answers').textContent()).toBe(String(figures.faqReplies));
    expect(await figure('Giveaway entries').textContent()).toBe(String(current.stats.giveawayEntries));
    expect(await figure('Winners').textContent()).toBe(String(current.stats.winnersDrawn));
    await card.getByText(/^Started at/).waitFor();

    // What the platform's data stream reports shows at once, and the figures follow.
    stream({ type: 'tip', id: 'tip-1', userId: null, username: 'ana', amount: 5, currency: 'USD', text: 'love it', at: null });
    await card.getByRole('list', { name: 'What the platform reported' }).getByText('ana tipped $5.00: “love it”').waitFor();
    await expect.poll(() => figure('Tips').textContent()).toBe('1');
    await card.locator('.stat').filter({ hasText: 'Tips' }).getByText('$5.00').waitFor();
    stream({ type: 'product', action: 'sold', productId: 'p1', title: 'Charizard holo', price: 25, currency: 'USD', buyer: 'bob', at: null });
    stream({ type: 'viewers', count: 42, at: null });
    await card.getByText('Charizard holo sold to bob for $25.00').waitFor();
    await expect.poll(() => figure('Items sold').textContent()).toBe('1');
    await expect.poll(() => figure('Viewers now').textContent()).toBe('42');
    expect((await get('/shows/current')).show.stats).toMatchObject({ tips: 1, itemsSold: 1, peakViewers: 42 });
    expect(await shoot('overview', ['.cockpit-row', '.chat-card-connection'])).toEqual([]);
  });

  it('when the show ends the card shows its summary and when the next one starts', async () => {
    status({ connected: true, live: false });
    const card = page.locator('.show-card');
    await card.getByText('No show on air').waitFor();
    const last = card.getByRole('group', { name: 'Last show' });
    await last.waitFor();
    expect(await last.locator('.stat').filter({ hasText: 'Chat messages' }).locator('.stat-value').textContent()).toBe('3');
    expect(await last.locator('.stat').filter({ hasText: 'Items sold' }).locator('.stat-value').textContent()).toBe('1');
    await card.getByText(/A show starts by itself/).waitFor();
  });

  it('the show picker restricts analytics to one show; a past show is picked from the list too', async () => {
    // Chat after the show: in the week's figures, not the show's.
    line('late_larry', 'still on?');
    line('late_larry', 'bye');
    await expect.poll(async () => (await get('/analytics?period=week')).messagesReceived).toBe(5);
    await page.getByRole('link', { name: /Analytics/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Analytics', exact: true }).waitFor();
    await expect.poll(() => summaryFigure('Chat messages received').textContent()).toBe('5');
    const id = (await get('/shows')).shows[0].id;
    await page.getByLabel('Show', { exact: true }).selectOption(id);
    await expect.poll(() => summaryFigure('Chat messages received').textContent()).toBe('3');
    expect(await summaryFigure('Unique chatters').textContent()).toBe(String((await get(`/analytics?show=${id}`)).uniqueChatters));
    await page.getByText(/Figures of the show of/).waitFor();
    expect(await page.getByRole('button', { name: 'Week', pressed: true }).count()).toBe(0);

    // Back to the period, then the same show from the past-shows list.
    await page.getByRole('button', { name: 'Week' }).click();
    await expect.poll(() => summaryFigure('Chat messages received').textContent()).toBe('5');
    const table = page.getByRole('table', { name: 'Past shows' });
    const rowOf = table.getByRole('row').nth(1);
    expect(await rowOf.getByRole('cell').nth(2).textContent()).toBe('3');
    await rowOf.getByRole('button').click();
    await expect.poll(() => summaryFigure('Chat messages received').textContent()).toBe('3');
    expect(await page.getByLabel('Show', { exact: true }).inputValue()).toBe(id);
    expect(await shoot('analytics', ['.analytics-choice', '.show-scope', '.past-shows'])).toEqual([]);
  });

  it('the thanks editor previews the text and saves it (the API agrees)', async () => {
    await page.getByRole('link', { name: /Bot settings/ }).click();
    await page.getByRole('tab', { name: 'Thanks' }).click();
    await page.getByRole('switch', { name: 'Thank tippers' }).check({ force: true });
    await page.getByLabel('Tip thank-you', { exact: true }).fill('Thanks {username} for the {amount}!');
    await page.getByLabel('Preview of the tip thank-you').getByText('Thanks shopper_42 for the $5.00!').waitFor();
    await page.getByLabel('Sale thank-you', { exact: true }).fill('{product} goes to {username} for {price} {oops}');
    await page
      .getByLabel('Preview of the sale thank-you')
      .getByText(/\{oops\} is not filled in here/)
      .waitFor();
    await page.getByLabel('Sale thank-you', { exact: true }).fill('{product} goes to {username} for {price}');
    await page.getByText('Unsaved changes').waitFor();
    await page.screenshot({ path: path.join(SHOTS_DIR, 'cockpit-thanks.png'), fullPage: true });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    const thanks = (await get('/settings')).thanks;
    expect(thanks.tips).toEqual({ enabled: true, message: 'Thanks {username} for the {amount}!' });
    expect(thanks.sales).toEqual({ enabled: false, message: '{product} goes to {username} for {price}' });
    expect(thanks.raids.enabled).toBe(false);
  });

  it('no console errors on the way', () => {
    expect(problems).toEqual([]);
  });
});
