import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModules } from '../../src/main/app/domains.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { launchTestBrowser, type TestBrowser } from '../helpers/browser.js';

/**
 * What a new seller met on their first live show, in the built dashboard: each test is one reported problem.
 * Same setup as dashboard.browser.test.ts (a real core serving out/renderer, Chromium).
 */
const RENDERER_DIR = path.resolve('out/renderer');

let t: TestApp;
let browser: TestBrowser;
let page: Page;
let receiver: http.Server;
let receiverUrl = '';
const problems: string[] = [];

const settings = async () => (await t.call('GET', '/api/v1/settings')).json.data;
const open = async (screen: string, heading: string) => {
  await page.getByRole('link', { name: new RegExp(screen) }).click();
  await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
};

beforeAll(async () => {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html')))
    throw new Error('out/renderer/index.html is missing: run `npx electron-vite build` first');
  receiver = http.createServer((req, res) => req.resume().on('end', () => res.end('ok')));
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  t = await startTestApp({ rendererDir: RENDERER_DIR, modules: defaultModules({ noBrowser: true }) });
  // Before the dashboard opens: the feed must still show this.
  await t.call('POST', '/api/v1/giveaway/entries', { username: 'early_bird' });
  browser = await launchTestBrowser();
  page = await browser.newPage();
  await page.setViewportSize({ width: 1100, height: 720 });
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
  receiver?.close();
});

describe("a new seller's first live show", () => {
  it('#7 the activity feed starts with what happened before it opened, without a "Chat connected" per load', async () => {
    await page.locator('.feed').getByText('early_bird entered the giveaway').waitFor();
    const accountId = t.app.services.accounts.active().id;
    t.app.services.events.emit('chat.status', accountId, { accountId, connected: false, live: false } as never);
    await page.reload();
    await page.locator('.feed').getByText('early_bird entered the giveaway').waitFor();
    expect(
      await page
        .locator('.feed')
        .getByText(/Chat (connected|disconnected)/)
        .count(),
    ).toBe(0);
  });

  it('#1 an FAQ rule another rule always answers first is reported when saved, and can be moved above it', async () => {
    await t.call('PATCH', '/api/v1/settings', { faqRules: [{ triggers: ['shipping', 'ship', 'postage'], response: 'Shipping is $5' }] });
    await open('Bot settings', 'Bot settings');
    await page.getByRole('tab', { name: 'FAQ rules' }).click();
    await page.getByRole('button', { name: '+ Add FAQ rule' }).click();
    await page.getByLabel('Triggers').nth(1).fill('how much is shipping');
    await page.getByLabel('Responses').nth(1).fill('Canada is $12, {username}');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/^Saved, but one thing needs a look/).waitFor();
    const warning = page.locator('.overlap');
    await expect.poll(() => warning.textContent()).toContain('“how much is shipping”');
    expect(await warning.textContent()).toContain('“shipping, ship, postage”');
    await page.screenshot({ path: '/tmp/buzzchat-faq-overlap.png' });
    await warning.getByRole('button', { name: /Move above/ }).click();
    expect(await page.locator('.item-card .item-title').allTextContents()).toEqual(['how much is shipping', 'shipping, ship, postage']);
    expect(await page.locator('.overlap').count()).toBe(0);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    expect((await settings()).faqRules.map((r: { triggers: string[] }) => r.triggers[0])).toEqual(['how much is shipping', 'shipping']);

    // The test box answers as the bot would, naming the rule the seller sees first.
    await page.getByLabel('Test message').fill('how much is shipping to canada?');
    await page.getByLabel('Test viewer name').fill('ann');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    const result = page.getByRole('status', { name: 'Test result' });
    await result.getByText('Matches FAQ rule 1 (“how much is shipping”)').waitFor();
    await result.getByText('Canada is $12, ann').waitFor();
    await result.getByText(/bot is stopped/).waitFor();
    expect((await t.call('GET', '/api/v1/messages')).json.data.messages).toEqual([]);
  });

  it('#4 the save bar stays in view, and leaving with unsaved edits asks first', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ triggers: [`question${i}`], response: `Answer ${i}` }));
    await t.call('PATCH', '/api/v1/settings', { faqRules: many });
    await page.reload();
    await page.getByRole('tab', { name: 'FAQ rules' }).click();
    await page.getByLabel('Responses').first().waitFor();
    const save = page.getByRole('button', { name: 'Save changes' });
    const inView = async () => {
      const box = (await save.boundingBox())!;
      return box.y >= 0 && box.y + box.height <= 720;
    };
    expect(await inView()).toBe(true);
    await page.getByLabel('Responses').nth(5).fill('Edited answer');
    await page.getByLabel('Responses').nth(5).scrollIntoViewIfNeeded();
    expect(await inView()).toBe(true);
    await page.getByRole('link', { name: /Overview/ }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Unsaved changes' });
    await dialog.getByText(/You changed FAQ rules without saving/).waitFor();
    await dialog.getByRole('button', { name: 'Stay' }).click();
    expect(await page.getByLabel('Responses').nth(5).inputValue()).toBe('Edited answer');
    expect(new URL(page.url()).hash).toBe('#/settings');
    await page.getByRole('link', { name: /Giveaway/ }).click();
    await dialog.getByRole('button', { name: 'Save and leave' }).click();
    await page.getByRole('heading', { level: 1, name: 'Giveaway', exact: true }).waitFor();
    expect((await settings()).faqRules[5].response).toBe('Edited answer');
  });

  it('#2 #3 placeholders with a live preview, the keyword change warning, and welcome messages that say they take turns', async () => {
    await t.call('PATCH', '/api/v1/settings', {
      welcomeMessage: 'Old hello',
      welcomeMessages: ['Old rotated line'],
      timerMessages: [{ message: 'Type enter to win! {entries} in so far' }],
    });
    await open('Bot settings', 'Bot settings');
    await page.getByRole('tab', { name: 'Welcome & pacing' }).click();
    expect(await page.getByLabel('Welcome messages', { exact: true }).inputValue()).toBe('Old hello\nOld rotated line');
    await page.getByRole('status', { name: 'Welcome rotation' }).getByText('These 2 messages take turns').waitFor();
    await page.getByLabel('Welcome messages', { exact: true }).fill('Hey {username}, welcome!');
    await page.getByLabel('Preview of welcome message 1').getByText('Hey shopper_42, welcome!').waitFor();
    await page.getByRole('status', { name: 'Welcome rotation' }).getByText('Every new viewer gets this message.').waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    expect(await settings()).toMatchObject({ welcomeMessage: 'Hey {username}, welcome!', welcomeMessages: [] });

    await page.getByRole('tab', { name: 'Giveaway' }).click();
    await page.getByLabel('Giveaway keyword').fill('win');
    const warning = page.locator('.keyword-warning');
    await warning.getByText(/One text still tells viewers to type “enter”: A timer/).waitFor();
    await warning.getByRole('button', { name: 'Use {keyword} in it' }).click();
    expect(await warning.count()).toBe(0);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    // The fix is in the Timers tab, which now has unsaved changes of its own.
    await page.getByRole('tab', { name: 'Timers' }).locator('.dot').waitFor();
    await page.getByRole('tab', { name: 'Timers' }).click();
    expect(await page.getByLabel('Timer messages').inputValue()).toBe('Type {keyword} to win! {entries} in so far');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    expect((await settings()).timerMessages[0].message).toBe('Type {keyword} to win! {entries} in so far');
    await page.getByLabel('Preview of timer message 1').getByText('Type win to win! 12 in so far').waitFor();
    await page.getByLabel('Timer messages').fill('Type {keyword}! {usernme}');
    await page.getByText('{usernme} is not filled in here').waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
  });

  it('#10 #11 the winner count stops at the entrants; rerolls stay in the history after a reload and any winner there can be rerolled', async () => {
    for (const u of ['v1', 'v2', 'v3', 'v4', 'v5']) await t.call('POST', '/api/v1/giveaway/entries', { username: u });
    await open('Giveaway', 'Giveaway');
    await expect.poll(() => page.getByText(/up to 6: one per viewer/).count()).toBe(1);
    await page.getByLabel('Number of winners').fill('99');
    await page.getByRole('button', { name: 'Draw 6 winners' }).waitFor();
    await page.getByLabel('Number of winners').fill('2');
    await page.getByRole('button', { name: 'Draw 2 winners' }).click();
    const history = page.locator('.draw-history');
    await history.locator('.badge').getByText('Draw', { exact: true }).waitFor();
    const first = (await t.call('GET', '/api/v1/giveaway/draws')).json.data.draws[0];
    await history.getByRole('button', { name: `Reroll ${first.winners[1]}` }).click();
    await history.locator('.badge').getByText('Reroll', { exact: true }).waitFor();
    await page.reload();
    await history.getByText(`replaced ${first.winners[1]}`).waitFor();
    await history.getByText('rerolled', { exact: true }).waitFor();
    const draws = (await t.call('GET', '/api/v1/giveaway/draws')).json.data.draws;
    expect(draws[1]).toMatchObject({ rerollOf: first.drawId, replaced: first.winners[1] });
    await page.screenshot({ path: '/tmp/buzzchat-giveaway-history.png' });
  });

  it('#5 #9 the delivery log follows new deliveries; a local address is explained and can be allowed; https:// is added', async () => {
    const hook = (await t.call('POST', '/api/v1/webhooks', { url: receiverUrl, events: ['giveaway.entry'] })).json.data;
    await open('Webhooks', 'Webhooks');
    await page.getByRole('button', { name: 'Log' }).click();
    await page.getByText('No deliveries yet.').waitFor();
    await t.call('POST', '/api/v1/giveaway/entries', { username: 'live_entry' });
    await page.locator('table').getByRole('cell', { name: 'giveaway.entry' }).waitFor();
    await expect.poll(async () => (await t.call('GET', `/api/v1/webhooks/${hook.id}/deliveries`)).json.data.deliveries[0]?.status).toBe('delivered');
    await page.locator('table').getByText('delivered', { exact: true }).waitFor();

    await page.getByLabel('Webhook URL').fill('192.168.1.20/hook');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    await page.getByText('192.168.1.20 is on your local network').waitFor();
    expect(await page.getByText(/allowPrivateNetworks|PATCH|Invalid body/).count()).toBe(0);
    await page.getByRole('switch', { name: 'Allow addresses on my local network' }).check({ force: true });
    await expect.poll(async () => (await t.call('GET', '/api/v1/webhooks/config')).json.data.allowPrivateNetworks).toBe(true);
    await page.getByRole('button', { name: 'Create webhook' }).click();
    await page.getByText('Webhook created — signing secret').waitFor();
    const urls = (await t.call('GET', '/api/v1/webhooks')).json.data.webhooks.map((w: { url: string }) => w.url);
    expect(urls).toContain('https://192.168.1.20/hook');
  });

  it('"Make this an FAQ" from the chat opens the FAQ editor with a new rule for the line', async () => {
    await open('Overview', 'Overview');
    await page.evaluate(() => (window.location.hash = '#/settings?faq=do%20you%20ship%20to%20canada'));
    await page.getByRole('tab', { name: 'FAQ rules', selected: true }).waitFor();
    await expect.poll(() => page.getByLabel('Triggers').last().inputValue()).toBe('do you ship to canada');
    expect(new URL(page.url()).hash).toBe('#/settings');
    await page.getByLabel('Responses').last().fill('Yes, $12 to Canada');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/^Saved/).waitFor();
    expect((await settings()).faqRules.at(-1)).toMatchObject({ triggers: ['do you ship to canada'], response: 'Yes, $12 to Canada' });
  });

  it('the practice account needs no URL, "Today" is since midnight, and both themes render', async () => {
    await t.call('POST', '/api/v1/accounts', { name: 'Practice Stream', platform: 'practice' });
    await open('Accounts', 'Accounts');
    await page.getByText('Built-in practice stream: no URL needed').waitFor();
    await open('Overview', 'Overview');
    await page.getByText('since midnight').waitFor();
    for (const scheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await open('Bot settings', 'Bot settings');
      await page.getByRole('tab', { name: 'FAQ rules' }).click();
      await page.screenshot({ path: `/tmp/buzzchat-settings-${scheme}.png` });
    }
    expect(problems).toEqual([]);
  });
});
