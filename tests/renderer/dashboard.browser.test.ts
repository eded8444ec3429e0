import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModules } from '../../src/main/app/domains.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { launchTestBrowser, type TestBrowser } from '../helpers/browser.js';

/**
 * The built dashboard in Debian Chromium, served by a real core exactly as both shells serve it.
 * `npm test` builds first; this fails loudly instead of skipping when the build is missing.
 */
const RENDERER_DIR = path.resolve('out/renderer');
const SHOTS = '/tmp';

let t: TestApp;
let browser: TestBrowser;
let page: Page;
const problems: string[] = [];
/** HTTP errors are checked on their own: some are the point of a test (a rejected save). */
const failed: string[] = [];
/** Answers that say "not in this build" by design: this core runs without an MCP launch config. */
const BY_DESIGN = new Set(['GET /api/v1/system/mcp-config 404']);

async function watch(p: Page): Promise<void> {
  p.on('console', (m) => {
    if (m.text().startsWith('Failed to load resource')) return;
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  p.on('response', (r) => {
    const line = `${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`;
    if (r.status() >= 400 && !BY_DESIGN.has(line)) failed.push(line);
  });
  p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // Init scripts run outside the page's CSP, so this catches violations the console might not show.
  await p.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer/index.html is missing: run `npx electron-vite build` (npm test does) before this test');
  }
  t = await startTestApp({ rendererDir: RENDERER_DIR, modules: defaultModules({ noBrowser: true }) });
  browser = await launchTestBrowser();
  page = await browser.newPage();
  await page.setViewportSize({ width: 1000, height: 700 });
  await watch(page);
  await page.goto(`${t.app.baseUrl}/#token=${t.app.sessionToken}`);
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('dashboard in Chromium', () => {
  it('takes the token from the hash, clears it and shows live state', async () => {
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.evaluate(() => sessionStorage.getItem('buzzchat.sessionToken'))).toBe(t.app.sessionToken);
    await page.getByText('Live updates on').waitFor();
    // The server sends the CSP header on the page itself.
    const res = await page.request.get(`${t.app.baseUrl}/`);
    expect(res.headers()['content-security-policy']).toContain("default-src 'self'");
  });

  it('toggling the bot changes the settings, and the stream reports it back', async () => {
    expect((await t.call('GET', '/api/v1/settings')).json.data.botActive).toBe(false);
    await page.locator('.bot-card .toggle').click();
    await expect.poll(async () => (await t.call('GET', '/api/v1/settings')).json.data.botActive).toBe(true);
    await page.getByText('Running').waitFor();
    await page.locator('.feed').getByText('Bot started').waitFor();
    await page.screenshot({ path: `${SHOTS}/buzzchat-overview.png` });
    // Stopped from elsewhere (automation): the dashboard follows.
    await t.call('POST', '/api/v1/bot/stop');
    await page.getByText('Stopped', { exact: true }).waitFor();
  });

  it('shows giveaway entries live and draws a winner', async () => {
    await page.getByRole('link', { name: /Giveaway/ }).click();
    await page.getByRole('heading', { name: 'Giveaway', exact: true }).waitFor();
    await t.call('POST', '/api/v1/giveaway/entries', { username: 'viewer_one' });
    await t.call('POST', '/api/v1/giveaway/entries', { username: 'viewer_two' });
    await page.locator('.entries').getByText('viewer_two').waitFor();
    await page.getByRole('button', { name: 'Draw a winner' }).click();
    await page
      .locator('.winners')
      .getByText(/viewer_(one|two)/)
      .waitFor();
    const draws = (await t.call('GET', '/api/v1/giveaway/draws')).json.data.draws;
    expect(draws).toHaveLength(1);
    await page.screenshot({ path: `${SHOTS}/buzzchat-giveaway.png` });
  });

  it('shows the API validation error inline in the FAQ editor', async () => {
    await page.getByRole('link', { name: /Bot settings/ }).click();
    await page.getByRole('tab', { name: 'FAQ rules' }).click();
    await page.getByRole('button', { name: '+ Add FAQ rule' }).click();
    await page.getByLabel('Responses').fill('We ship worldwide');
    await page.getByRole('button', { name: 'Save changes' }).click();
    // No trigger: the server's message lands under the triggers field.
    await page.locator('.field.has-error').filter({ hasText: 'Triggers' }).locator('.field-error').waitFor();
    expect((await t.call('GET', '/api/v1/settings')).json.data.faqRules).toHaveLength(0);
    await page.getByLabel('Triggers').fill('shipping, ship');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    const rules = (await t.call('GET', '/api/v1/settings')).json.data.faqRules;
    expect(rules).toHaveLength(1);
    expect(rules[0].triggers).toEqual(['shipping', 'ship']);
    await page.screenshot({ path: `${SHOTS}/buzzchat-settings.png` });
  });

  it('exports the settings to a file and imports one, refusing a bad file whole', async () => {
    await page.getByRole('link', { name: /Bot settings/ }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
    const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    expect(exported.faqRules.map((r: { triggers: string[] }) => r.triggers)).toEqual([['shipping', 'ship']]);
    expect(exported).not.toHaveProperty('botActive');
    const input = page.getByLabel('Settings file to import');
    await input.setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...exported, welcomeDelay: -1 })),
    });
    await page.getByText(/Nothing imported: .*welcomeDelay/).waitFor();
    expect((await t.call('GET', '/api/v1/settings')).json.data.welcomeMessage).toBe(exported.welcomeMessage);
    await input.setInputFiles({
      name: 'good.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...exported, welcomeMessage: 'Hi {username}, from a file!' })),
    });
    await page.getByText(/Imported \d+ settings/).waitFor();
    expect((await t.call('GET', '/api/v1/settings')).json.data.welcomeMessage).toBe('Hi {username}, from a file!');
    await page.getByRole('tab', { name: 'Welcome & pacing' }).click();
    expect(await page.getByLabel('Welcome messages', { exact: true }).inputValue()).toBe('Hi {username}, from a file!');
  });

  it('creates an API key, shows it once, and it works', async () => {
    await page.getByRole('link', { name: /API keys/ }).click();
    await page.getByLabel('Key name').fill('From the dashboard');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.locator('.secret-value').textContent())!;
    expect(key).toMatch(/^bz_live_/);
    const r = await t.call('GET', '/api/v1/analytics', undefined, { key });
    expect(r.status).toBe(200);
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.locator('.secret-value').count()).toBe(0);
  });

  it("edits an account's live page URL, and the overview offers it to connect to", async () => {
    await page.getByRole('link', { name: /Accounts/ }).click();
    const row = page.locator('.account-active');
    await row.getByRole('button', { name: 'Edit' }).click();
    await row.getByLabel('Live page URL').fill('https://www.whatnot.com/live/abc-123');
    await row.getByRole('button', { name: 'Save' }).click();
    await row.getByText('https://www.whatnot.com/live/abc-123').waitFor();
    expect(t.app.services.accounts.active().url).toBe('https://www.whatnot.com/live/abc-123');
    await page.getByRole('link', { name: /Overview/ }).click();
    // No browser in this test: the chat is disconnected, so the card offers the account's page to connect to.
    await page.getByText('Disconnected').waitFor();
    await expect.poll(() => page.getByLabel('Live page URL').inputValue()).toBe('https://www.whatnot.com/live/abc-123');
  });

  it('takes a backup from the Accounts screen and lists it', async () => {
    await page.getByRole('link', { name: /Accounts/ }).click();
    await page.getByText(/No backup yet/).waitFor();
    await page.getByRole('button', { name: 'Back up now' }).click();
    await page.getByText(/^Saved .*buzzchat-manual-.*\.db$/).waitFor();
    await page.locator('table').getByRole('cell', { name: 'manual', exact: true }).waitFor();
    const listed = (await t.call('GET', '/api/v1/backups')).json.data.backups;
    expect(listed).toHaveLength(1);
    expect(listed[0].kind).toBe('manual');
  });

  it('renders every screen without errors', async () => {
    // Chat history and analytics as the chat driver and bot would have recorded them.
    const accountId = t.app.services.accounts.active().id;
    const now = Date.now();
    const rec = (
      direction: 'received' | 'sent',
      cause: 'faq' | 'welcome' | 'timer' | null,
      username: string | null,
      text: string,
      trigger?: string,
    ) => t.app.services.chatEvents.record({ accountId, direction, cause, username, text, trigger, rowKey: `seed-${text}`, at: now });
    rec('received', null, 'shopper_42', 'how much is shipping?', 'shipping');
    rec('sent', 'faq', null, 'Shipping is $5 flat');
    rec('sent', 'welcome', null, 'Welcome to the stream, shopper_42!');
    rec('sent', 'welcome', null, 'Welcome to the stream, viewer_two!');
    rec('sent', 'timer', null, 'Follow for more drops');
    await page.getByRole('link', { name: /Live chat/ }).click();
    await page.locator('.chat-lines').getByText('how much is shipping?').waitFor();
    await page.screenshot({ path: `${SHOTS}/buzzchat-chat.png` });
    for (const name of ['Live chat', 'Analytics', 'Webhooks', 'Accounts', 'Overview']) {
      await page.getByRole('link', { name: new RegExp(name) }).click();
      await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
    }
    await page.getByRole('link', { name: /Analytics/ }).click();
    await page.getByRole('button', { name: 'Month' }).click();
    await page.locator('.bar').filter({ hasText: 'Welcomes' }).getByText('2 · 50%').waitFor();
    await page.locator('.bar').filter({ hasText: 'shipping' }).waitFor();
    // The seeded viewer line shows in the activity chart and among the top chatters.
    await page.locator('.activity svg').waitFor();
    expect(await page.locator('.activity title').filter({ hasText: '1 from viewers' }).count()).toBe(1);
    await page.locator('.bar').filter({ hasText: 'shopper_42' }).waitFor();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${SHOTS}/buzzchat-analytics-dark.png` });
    await page.getByRole('link', { name: /Overview/ }).click();
    await page.screenshot({ path: `${SHOTS}/buzzchat-overview-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(problems).toEqual([]);
    expect(failed).toEqual(['PATCH /api/v1/settings 400', 'PATCH /api/v1/settings 400']);
  });

  it('without a token shows how to open the dashboard', async () => {
    const other = await browser.newPage();
    await watch(other);
    await other.goto(`${t.app.baseUrl}/`);
    await other.getByRole('heading', { name: 'Open BuzzChat from the app' }).waitFor();
    await other.goto(`${t.app.baseUrl}/#token=bz_session_wrong`);
    await other.reload();
    await other.getByRole('heading', { name: 'This dashboard session has ended' }).waitFor();
    await other.close();
    expect(problems).toEqual([]);
    expect(failed.slice(2).every((f) => f.endsWith(' 401'))).toBe(true);
  });
});
