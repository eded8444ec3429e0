import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModules } from '../../src/main/app/domains.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { launchTestBrowser, type TestBrowser } from '../helpers/browser.js';

/**
 * Every screen of the built dashboard through axe (WCAG 2.0/2.1 A and AA), in both themes at a desktop and a
 * small-laptop window, on a real core with realistic data: no serious or critical violation. Each combination's
 * full-page screenshot goes to test-results/screenshots/ for a look by eye (layout at 1024x700).
 */
const RENDERER_DIR = path.resolve('out/renderer');
const SHOTS_DIR = path.resolve('test-results/screenshots');
const THEMES = ['light', 'dark'] as const;
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Each test sweeps four combinations, a few seconds each on a loaded machine. */
const SWEEP_TIMEOUT = 60_000;

let t: TestApp;
let browser: TestBrowser;
let page: Page;
let receiver: http.Server;
const problems: string[] = [];

interface Screen {
  name: string;
  hash: string;
  heading: string;
  /** Settings tab to select after the screen opens. */
  tab?: string;
  /** Visible once the screen shows the seeded data. */
  ready: (p: Page) => Locator;
}

const SCREENS: Screen[] = [
  { name: 'overview', hash: '#/overview', heading: 'Overview', ready: (p) => p.getByText('gift_hunter entered the giveaway').first() },
  { name: 'chat', hash: '#/chat', heading: 'Live chat', ready: (p) => p.locator('.chat-rows').getByText('do you ship to Canada?') },
  { name: 'giveaway', hash: '#/giveaway', heading: 'Giveaway', ready: (p) => p.getByText('gift_hunter').first() },
  ...(
    [
      ['welcome', 'Welcome & pacing'],
      ['faq', 'FAQ rules'],
      ['timers', 'Timers'],
      ['commands', 'Commands'],
      ['moderation', 'Moderation'],
      ['giveaway', 'Giveaway'],
      ['thanks', 'Thanks'],
    ] as const
  ).map(([id, tab]) => ({
    name: `settings-${id}`,
    hash: '#/settings',
    heading: 'Bot settings',
    tab,
    ready: (p: Page) => p.getByRole('tabpanel').or(p.locator('.editor, form')).first(),
  })),
  { name: 'analytics', hash: '#/analytics', heading: 'Analytics', ready: (p) => p.getByText('gift_hunter').first() },
  { name: 'webhooks', hash: '#/webhooks', heading: 'Webhooks', ready: (p) => p.getByText('127.0.0.1').first() },
  { name: 'keys', hash: '#/keys', heading: 'API keys', ready: (p) => p.getByText('Stream deck').first() },
  { name: 'accounts', hash: '#/accounts', heading: 'Accounts', ready: (p) => p.getByText('Built-in practice stream').first() },
];

/** The serious and critical violations on the page (or inside `include`), one line per element. */
async function axe(label: string, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page: page as never }).withTags(TAGS);
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => `${label} ${v.id} (${v.impact}) at ${n.target.join(' ')}: ${(n.failureSummary ?? v.help).replace(/\s+/g, ' ')}`),
    );
}

async function open(s: Screen): Promise<void> {
  if (new URL(page.url()).hash !== s.hash) await page.evaluate((h) => (window.location.hash = h), s.hash);
  await page.getByRole('heading', { level: 1, name: s.heading, exact: true }).waitFor();
  if (s.tab) {
    await page.getByRole('tab', { name: s.tab, exact: true }).click();
    await page.getByRole('tab', { name: s.tab, exact: true, selected: true }).waitFor();
  }
  await s.ready(page).waitFor();
}

/** The screen scrolls inside .content: it grows for the capture so the whole screen is in the picture. */
async function shoot(file: string): Promise<void> {
  const style = await page.addStyleTag({
    content: 'html, body, #root, .shell { height: auto !important; } .shell { min-height: 100vh; } .content { overflow: visible !important; }',
  });
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  await style.evaluate((el) => (el as Element).remove());
}

/** Shift+Tab from the message box until focus lands in `selector` (or 15 presses). */
async function reachedBackFromMessageBox(selector: string): Promise<boolean> {
  await page.getByLabel('Message', { exact: true }).focus();
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Shift+Tab');
    if (await page.evaluate((sel) => document.activeElement?.closest(sel) != null, selector)) return true;
  }
  return false;
}

/** Each theme and size: screenshot then axe; returns the violations found. */
async function sweep(name: string, prepare: () => Promise<void>, whole = true): Promise<string[]> {
  const found: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const colorScheme of THEMES) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await prepare();
      const label = `${name}-${colorScheme}-${size.width}x${size.height}`;
      found.push(...(await axe(label)));
      const file = path.join(SHOTS_DIR, `${label}.png`);
      // An open dialog or menu is shown as it sits in the window (its backdrop covers the window only).
      await (whole ? shoot(file) : page.screenshot({ path: file, animations: 'disabled' }));
    }
  }
  return found;
}

const chatLine = (accountId: string, i: number, username: string, text: string) => ({
  accountId,
  platform: 'whatnot',
  kind: 'message' as const,
  username,
  text,
  rowKey: `a11y-${i}`,
  history: false,
  self: false,
  pageTs: null,
  receivedAt: Date.now(),
  reaction: null,
});

async function seed(): Promise<void> {
  const ok = async (method: string, p: string, body?: unknown) => {
    const res = await t.call(method, `/api/v1${p}`, body);
    if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json.data;
  };
  await ok('PATCH', '/settings', {
    faqRules: [
      { triggers: ['shipping', 'ship'], response: 'Shipping is $5, free over $50, {username}' },
      { triggers: ['canada'], response: 'Yes, we ship to Canada for $12' },
    ],
    timerMessages: [
      { message: 'Type {keyword} to enter the giveaway! {entries} in so far', intervalMinutes: 10 },
      { messages: ['Follow the shop for restocks', 'Share the stream with a friend'], intervalMinutes: 15, minChatLines: 5 },
    ],
    commands: [{ name: 'rules', response: 'Be kind, no spam, have fun' }],
  });
  for (const u of ['gift_hunter', 'card_collector', 'vintage_vera', 'sneaker_sam', 'pokemon_pat'])
    await ok('POST', '/giveaway/entries', { username: u });
  await ok('POST', '/giveaway/pick-winner', { count: 1 });
  await ok('POST', '/webhooks', {
    url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
    events: ['giveaway.entry', 'giveaway.winner'],
  });
  await ok('POST', '/keys', { name: 'Stream deck', scopes: ['chat:read'] });
  await ok('POST', '/accounts', { name: 'Second shop', platform: 'practice' });
  const accountId = t.app.services.accounts.active().id;
  const lines: [string, string][] = [
    ['gift_hunter', 'hi everyone!'],
    ['card_collector', 'do you ship to Canada?'],
    ['vintage_vera', 'how much is shipping'],
    ['sneaker_sam', 'what size is the jacket'],
    ['gift_hunter', 'enter'],
  ];
  lines.forEach(([u, text], i) => t.app.services.events.emit('chat.message', accountId, chatLine(accountId, i, u, text) as never));
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html')))
    throw new Error('out/renderer/index.html is missing: run `npx electron-vite build` first');
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  receiver = http.createServer((req, res) => req.resume().on('end', () => res.end('ok')));
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  t = await startTestApp({ rendererDir: RENDERER_DIR, modules: defaultModules({ noBrowser: true }) });
  await seed();
  browser = await launchTestBrowser();
  page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(`${t.app.baseUrl}/#token=${t.app.sessionToken}`);
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
  receiver?.close();
});

describe('dashboard accessibility (axe, WCAG 2.1 AA)', () => {
  it.each(SCREENS.map((s) => [s.name, s] as const))(
    '%s has no serious or critical violation in either theme or size',
    async (_, s) => {
      expect(await sweep(s.name, () => open(s))).toEqual([]);
    },
    SWEEP_TIMEOUT,
  );

  it(
    'the shortcuts help dialog',
    async () => {
      await open(SCREENS[0]!);
      const dialog = page.getByRole('dialog', { name: /shortcuts/i });
      const found = await sweep(
        'dialog-shortcuts',
        async () => {
          if (!(await dialog.isVisible())) {
            await page.locator('body').press('?');
            await dialog.waitFor();
          }
        },
        false,
      );
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(found).toEqual([]);
    },
    SWEEP_TIMEOUT,
  );

  it(
    'the unsaved-changes confirm dialog',
    async () => {
      const faq = SCREENS.find((s) => s.name === 'settings-faq')!;
      await open(faq);
      await page.getByLabel('Responses').first().fill('Shipping is $6 now');
      await page.getByRole('link', { name: /Overview/ }).click();
      const dialog = page.getByRole('alertdialog', { name: 'Unsaved changes' });
      const found = await sweep('dialog-unsaved', () => dialog.waitFor(), false);
      await dialog.getByRole('button', { name: 'Discard and leave' }).click();
      await page.getByRole('heading', { level: 1, name: 'Overview', exact: true }).waitFor();
      expect(found).toEqual([]);
    },
    SWEEP_TIMEOUT,
  );

  it(
    'a line menu and search results in Live chat, and the log and the results reachable by keyboard',
    async () => {
      await open(SCREENS[1]!);
      const row = page.locator('.chat-rows [role="listitem"]').filter({ hasText: 'do you ship to Canada?' });
      const menu = page.getByRole('menu');
      const found = await sweep(
        'chat-line-menu',
        async () => {
          if (!(await menu.isVisible())) {
            await row.getByRole('button', { name: /Actions for/ }).click();
            await menu.waitFor();
          }
        },
        false,
      );
      await page.keyboard.press('Escape');
      expect(found).toEqual([]);
      // From the message box, Shift+Tab goes back through the log: one of its lines takes focus.
      expect(await reachedBackFromMessageBox('.chat-rows')).toBe(true);

      // Search results replace the log: clean too, and a Tab stop so a keyboard can scroll them.
      await page.getByLabel('Search chat history').fill('ship');
      await page.getByLabel('Search chat history').press('Enter');
      const results = page.getByRole('region', { name: 'Search results' });
      await results.getByText(/2 lines matching/).waitFor();
      expect(await sweep('chat-search', () => results.waitFor())).toEqual([]);
      expect(await reachedBackFromMessageBox('.chat-results')).toBe(true);
      await page.getByRole('button', { name: 'Back to live' }).click();
      expect(problems).toEqual([]);
    },
    2 * SWEEP_TIMEOUT,
  );
});
