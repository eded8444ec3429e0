import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModules } from '../../src/main/app/domains.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { launchTestBrowser, type TestBrowser } from '../helpers/browser.js';

/**
 * The giveaway cockpit in the built dashboard against a real core (same setup as showday.browser.test.ts):
 * open with a keyword and a duration, the countdown, live entries, close, the draw's reveal, rerolls from the
 * history and the claim countdown. Screenshots go to test-results/screenshots/ (not committed) for a look by eye.
 */
const RENDERER_DIR = path.resolve('out/renderer');
const SHOTS = path.resolve('test-results/screenshots');

let t: TestApp;
let browser: TestBrowser;
let page: Page;
const problems: string[] = [];

interface DrawRow {
  drawId: string;
  winners: string[];
  rerollOf: string | null;
  replaced: string | null;
  rerolled: string[];
}
const status = async () => (await t.call('GET', '/api/v1/giveaway/status')).json.data;
const draws = async (): Promise<DrawRow[]> => (await t.call('GET', '/api/v1/giveaway/draws')).json.data.draws;
const enter = async (username: string) => expect((await t.call('POST', '/api/v1/giveaway/entries', { username })).status).toBe(201);
/** The countdown on screen, in seconds ("1:05" -> 65). */
const secondsLeft = async () => {
  const [m, s] = (await page.locator('.countdown-value').textContent())!.split(':').map(Number);
  return m! * 60 + s!;
};

/**
 * Records every state the reveal panel goes through (a MutationObserver sees each React commit): whether the
 * drumroll showed, every name it ever displayed, and the history rows' text while the drumroll was on.
 */
async function watchReveal() {
  await page.evaluate(() => {
    const rec = { rolled: false, names: [] as string[], historyWhileRolling: [] as [string, string][] };
    (window as unknown as { __reveal: typeof rec }).__reveal = rec;
    const look = () => {
      if (document.querySelector('.reveal-rolling')) {
        rec.rolled = true;
        for (const row of document.querySelectorAll<HTMLElement>('.draw-history tr[data-draw-id]'))
          rec.historyWhileRolling.push([row.dataset.drawId!, row.textContent ?? '']);
      }
      for (const li of document.querySelectorAll('.reveal-names li')) {
        const name = li.textContent!.trim();
        if (!rec.names.includes(name)) rec.names.push(name);
      }
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}
const revealRecord = () =>
  page.evaluate(() => (window as unknown as { __reveal: { rolled: boolean; names: string[]; historyWhileRolling: [string, string][] } }).__reveal);

/** Puts away the last reveal, so that what the next one shows is all new. */
async function dismissReveal() {
  if (await page.locator('.reveal').count()) await page.locator('.reveal').getByRole('button', { name: 'Done' }).click();
  await expect.poll(() => page.locator('.reveal').count()).toBe(0);
}

/** Draws from the screen and waits for the reveal to show the names. */
async function drawFromScreen(label = 'Draw a winner') {
  await dismissReveal();
  await watchReveal();
  await page.getByRole('button', { name: label }).click();
  await page.locator('.reveal-shown .reveal-names li').first().waitFor();
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html')))
    throw new Error('out/renderer/index.html is missing: run `npx electron-vite build` first');
  fs.mkdirSync(SHOTS, { recursive: true });
  t = await startTestApp({ rendererDir: RENDERER_DIR, modules: defaultModules({ noBrowser: true }) });
  browser = await launchTestBrowser();
  page = await browser.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  await page.goto(`${t.app.baseUrl}/#token=${t.app.sessionToken}`);
  await page.getByRole('link', { name: /Giveaway/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Giveaway', exact: true }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('the giveaway cockpit', () => {
  it('opens with a new keyword for a minute, counts down, and the keyword can change while open', async () => {
    // A new install takes entries until closed: no countdown then.
    expect(await status()).toMatchObject({ state: 'open', closesAt: null });
    await page.getByText('until you close it').waitFor();
    await page.getByRole('button', { name: 'Close entries now' }).click();
    await page.getByLabel('Open for').waitFor();
    await page.getByLabel('Giveaway keyword').fill('win');
    await page.getByLabel('Open for').selectOption('60');
    await page.getByRole('button', { name: 'Open giveaway' }).click();
    const state = page.locator('.entry-state');
    await state.locator('.badge').getByText('Open', { exact: true }).waitFor();
    await expect.poll(() => state.locator('.entry-keyword strong').textContent()).toBe('win');
    expect(await status()).toMatchObject({ state: 'open', keyword: 'win' });
    const first = await secondsLeft();
    expect(first).toBeGreaterThan(30);
    expect(first).toBeLessThanOrEqual(60);
    await expect.poll(secondsLeft).toBeLessThan(first);
    // The bar fills as time passes.
    await expect.poll(() => page.locator('.countdown-bar > span').evaluate((bar) => parseFloat((bar as HTMLElement).style.width))).toBeGreaterThan(0);

    await page.getByLabel('Giveaway keyword').fill('prize');
    await page.getByRole('button', { name: 'Change keyword' }).click();
    await expect.poll(() => state.locator('.entry-keyword strong').textContent()).toBe('prize');
    expect(await status()).toMatchObject({ state: 'open', keyword: 'prize' });
  });

  it('shows entries added through the API as they arrive', async () => {
    const names = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
    for (const n of names) await enter(n);
    const list = page.locator('ul.entries');
    for (const n of names) await list.getByText(n, { exact: true }).waitFor();
    await expect.poll(() => page.locator('.stat', { hasText: 'Unique viewers' }).locator('.stat-value').textContent()).toBe('6');
  });

  it('closes entries now', async () => {
    await page.getByRole('button', { name: 'Close entries now' }).click();
    await page.locator('.entry-state .badge').getByText('Closed', { exact: true }).waitFor();
    expect((await status()).state).toBe('closed');
    expect(await page.locator('.countdown-value').count()).toBe(0);
  });

  it('reveals exactly the winner the API recorded, after a drumroll; at once with reduced motion', async () => {
    await drawFromScreen();
    const [drawn] = await draws();
    expect(drawn!.winners).toHaveLength(1);
    let rec = await revealRecord();
    expect(rec.rolled).toBe(true);
    expect(rec.names).toEqual(drawn!.winners);
    // While the drumroll was on, the history did not give the winner away.
    const spoilers = rec.historyWhileRolling.filter(([id, text]) => id === drawn!.drawId && !text.includes('Drawing…'));
    expect(spoilers).toEqual([]);
    await page.locator('.winners').getByText(drawn!.winners[0]!).waitFor();

    await page.emulateMedia({ reducedMotion: 'reduce' });
    await drawFromScreen();
    const second = (await draws())[1]!;
    rec = await revealRecord();
    expect(rec.rolled).toBe(false);
    expect(rec.names).toEqual(second.winners);
    expect(
      await page
        .locator('.reveal-names li')
        .first()
        .evaluate((li) => getComputedStyle(li).animationName),
    ).toBe('none');
  });

  it('rerolls a winner of an older draw from the history; the row says it was a reroll and the API agrees', async () => {
    const [older] = await draws();
    const loser = older!.winners[0]!;
    const row = page.locator(`.draw-history tr[data-draw-id="${older!.drawId}"]`);
    await dismissReveal();
    await watchReveal();
    await row.getByRole('button', { name: `Reroll ${loser}` }).click();
    await page.locator('.reveal-shown .reveal-names li').first().waitFor();

    const all = await draws();
    const reroll = all.find((d) => d.rerollOf === older!.drawId)!;
    expect(reroll).toMatchObject({ replaced: loser, rerollOf: older!.drawId });
    expect(all.find((d) => d.drawId === older!.drawId)!.rerolled).toEqual([loser]);
    expect((await revealRecord()).names).toEqual(reroll.winners);

    await row.locator('s', { hasText: loser }).waitFor();
    await row.getByText(`→ ${reroll.winners[0]}`).waitFor();
    expect(await row.getByRole('button', { name: `Reroll ${loser}` }).count()).toBe(0);
    const rerollRow = page.locator(`.draw-history tr[data-draw-id="${reroll.drawId}"]`);
    await rerollRow.locator('.badge').getByText('Reroll', { exact: true }).waitFor();
    await rerollRow.getByText(`replaced ${loser}`).waitFor();
    // The new winner can be rerolled in turn.
    await rerollRow.getByRole('button', { name: `Reroll ${reroll.winners[0]}` }).waitFor();
  });

  it('counts down the claim of a pending winner, and marks a no-show', async () => {
    expect((await t.call('PATCH', '/api/v1/settings', { giveaway: { claimWindowSeconds: 300 } })).status).toBe(200);
    await drawFromScreen();
    const latest = (await draws()).at(-1)!;
    const claim = page.locator('.winners .claim-countdown');
    await expect.poll(() => claim.textContent()).toMatch(/^claim within [45]:\d\d$/);
    const row = page.locator(`.draw-history tr[data-draw-id="${latest.drawId}"]`);
    await expect.poll(() => row.locator('.claim-countdown').textContent()).toMatch(/^claim within [45]:\d\d$/);

    expect((await t.call('PATCH', '/api/v1/settings', { giveaway: { claimWindowSeconds: 1 } })).status).toBe(200);
    await drawFromScreen();
    const noShow = (await draws()).at(-1)!;
    await page.locator('.winners .winner-no-show').getByText(noShow.winners[0]!).waitFor();
    await page.locator('.winners').getByText('no-show: reroll?').waitFor();
  });

  it('reads well in both themes at 1440x900 and 1024x700 (axe contrast, screenshots); the last call and the closing come on their own', async () => {
    expect((await t.call('POST', '/api/v1/giveaway/open', { durationSeconds: 120 })).status).toBe(200);
    await page.locator('.countdown-value').waitFor();
    for (const [width, height] of [
      [1440, 900],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        const result = await new AxeBuilder({ page: page as never }).include('.giveaway-screen').analyze();
        const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(
          serious.map((v) => `${width} ${colorScheme} ${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary}`).join(' | ')}`),
        ).toEqual([]);
        await page.locator('.content').evaluate((el) => el.scrollTo(0, 0));
        await page.screenshot({ path: path.join(SHOTS, `giveaway-cockpit-${width}x${height}-${colorScheme}.png`) });
        // Below the fold: the current round and the history, with its rerolls and claim states.
        await page.locator('.grid-giveaway').screenshot({ path: path.join(SHOTS, `giveaway-cockpit-round-${width}x${height}-${colorScheme}.png`) });
        await page
          .locator('.card', { has: page.locator('.draw-history') })
          .screenshot({ path: path.join(SHOTS, `giveaway-cockpit-history-${width}x${height}-${colorScheme}.png`) });
      }
    }
    // The last call goes out on its own, the numbers turn hot, then entries close on their own.
    expect((await t.call('PATCH', '/api/v1/settings', { giveaway: { lastCallSeconds: 10 } })).status).toBe(200);
    expect((await t.call('POST', '/api/v1/giveaway/open', { durationSeconds: 15 })).status).toBe(200);
    await page.locator('.entry-ending .countdown-value').waitFor();
    await page.locator('.last-call').getByText('✓ Last call sent').waitFor();
    expect((await status()).lastCallSent).toBe(true);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.locator('.content').evaluate((el) => el.scrollTo(0, 0));
      await page.screenshot({ path: path.join(SHOTS, `giveaway-cockpit-ending-1024x700-${colorScheme}.png`) });
    }
    await page.locator('.entry-state .badge').getByText('Closed', { exact: true }).waitFor({ timeout: 20_000 });
    expect((await status()).state).toBe('closed');
    expect(problems).toEqual([]);
  }, 90_000);
});
