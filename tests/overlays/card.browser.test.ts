import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { launchTestBrowser, type TestBrowser } from '../helpers/browser.js';

/** The dashboard's "OBS overlays" card, in the built renderer (`npm test` builds it first). */
const RENDERER_DIR = path.resolve('out/renderer');

let t: TestApp;
let browser: TestBrowser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer/index.html is missing: run `npx electron-vite build` (npm test does) before this test');
  }
  t = await startTestApp({ rendererDir: RENDERER_DIR });
  browser = await launchTestBrowser();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.app.baseUrl });
  page = await browser.newPage();
  await page.setViewportSize({ width: 1100, height: 900 });
  page.on('console', (m) => {
    if (m.text().startsWith('Failed to load resource')) return;
    if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${t.app.baseUrl}/#token=${t.app.sessionToken}`);
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

const card = () => page.locator('section.card', { has: page.getByRole('heading', { name: 'OBS overlays' }) });

describe('the OBS overlays card', () => {
  it('creates an overlays:read key and shows both URLs, with a live preview that shows chat', async () => {
    await page.goto(`${t.app.baseUrl}/#/keys`);
    await card().getByRole('button', { name: 'Create overlay URLs' }).click();
    const chatUrl = card().getByRole('textbox', { name: 'Chat overlay URL' });
    await chatUrl.waitFor();
    const url = new URL(await chatUrl.inputValue());
    expect(url.origin + url.pathname).toBe(`${t.app.baseUrl}/overlays/chat`);
    const token = url.searchParams.get('token')!;
    const made = t.app.services.keys.list().find((k) => token.startsWith(k.prefix))!;
    expect(made).toMatchObject({ name: 'OBS overlays', scopes: ['overlays:read'], revokedAt: null });
    expect(new URL(await card().getByRole('textbox', { name: 'Giveaway overlay URL' }).inputValue()).pathname).toBe('/overlays/giveaway');
    // The key is listed with the others, where it can be revoked.
    await page.getByRole('cell', { name: 'overlays:read' }).waitFor();

    await card().getByRole('button', { name: 'Copy' }).first().click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url.toString());

    const preview = page.frameLocator('iframe[title="Chat overlay preview"]');
    await preview.locator('html[data-stream="live"]').waitFor();
    const id = t.app.services.accounts.active().id;
    t.app.services.events.emit('chat.message', id, {
      accountId: id,
      platform: 'whatnot',
      kind: 'message',
      username: 'ann',
      text: 'hi from the preview',
      rowKey: 'r1',
      history: false,
      self: false,
      pageTs: null,
      receivedAt: Date.now(),
    });
    await preview.getByText('hi from the preview').waitFor();
    expect(problems).toEqual([]);
  });

  it('puts the chosen look in the URLs, keeps key and look across a reload, and notices a revoked key', async () => {
    await card().getByLabel('Font size (px)').fill('36');
    await card().getByLabel('Theme').selectOption('light');
    await card().getByRole('checkbox', { name: "Show the bot's lines (chat)" }).check();
    const chat = new URL(await card().getByRole('textbox', { name: 'Chat overlay URL' }).inputValue());
    expect(Object.fromEntries(chat.searchParams)).toMatchObject({ fontSize: '36', theme: 'light', bots: '1' });
    // bots is the chat page's alone.
    const giveaway = new URL(await card().getByRole('textbox', { name: 'Giveaway overlay URL' }).inputValue());
    expect(giveaway.searchParams.get('bots')).toBeNull();
    expect(giveaway.searchParams.get('fontSize')).toBe('36');

    await card().getByRole('tab', { name: 'Giveaway' }).click();
    const preview = page.frameLocator('iframe[title="Giveaway overlay preview"]');
    await expect.poll(() => preview.locator('#keyword').textContent()).toBe('enter');

    await page.reload();
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    await expect.poll(() => card().getByRole('textbox', { name: 'Chat overlay URL' }).inputValue()).toBe(chat.toString());

    const made = t.app.services.keys.list().find((k) => k.name === 'OBS overlays')!;
    t.app.services.keys.revoke(made.id);
    await page.reload();
    await card().getByText('The overlay key was revoked').waitFor();
    await card().getByRole('button', { name: 'Create overlay URLs' }).waitFor();
    expect(problems).toEqual([]);
  });
});
