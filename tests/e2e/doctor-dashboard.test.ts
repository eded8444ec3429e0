import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModules } from '../../src/main/app/domains.js';
import type { SiteReport } from '../../src/shared/contract/chat-diagnosis.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { CHROMIUM_PATH, launchTestBrowser, type TestBrowser } from '../helpers/browser.js';

/**
 * The Overview's "Check this page" and "Export site report" in the built dashboard, on the practice stream (its chat
 * read by a second Chromium). `npm test` builds the dashboard first.
 */
const RENDERER_DIR = path.resolve('out/renderer');

let t: TestApp;
let browser: TestBrowser;
let page: Page;
const pageErrors: string[] = [];

const practice = async (p: string, body: unknown) => {
  const res = await fetch(`${t.app.baseUrl}/api/v1/practice${p}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.app.sessionToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`practice ${p}: ${res.status}`);
};

beforeAll(async () => {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html')))
    throw new Error('out/renderer/index.html is missing: run `npx electron-vite build` (npm test does)');
  t = await startTestApp({ rendererDir: RENDERER_DIR, modules: defaultModules({ practice: true, headless: true, browserPath: CHROMIUM_PATH }) });
  browser = await launchTestBrowser();
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${t.app.baseUrl}/#token=${t.app.sessionToken}`);
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('Check this page', () => {
  it('shows the diagnosis: healthy, the page parts that matched, frames per type and the last lines', async () => {
    await page.getByText('Connected', { exact: true }).waitFor({ timeout: 30_000 });
    // The simulated viewers chat: wait until the app has read a line, so the check has lines to show.
    await expect.poll(async () => (await t.call('GET', '/api/v1/chat/diagnose')).json.data.lastLines.length, { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Check this page' }).click();
    const result = page.getByRole('region', { name: 'Chat check' });
    await result.getByText('Healthy', { exact: true }).waitFor();
    const parts = result.getByRole('list', { name: 'Page parts' });
    await parts.getByText('chatContainer').waitFor();
    expect(await parts.locator('li', { hasText: 'chatContainer' }).locator('code').textContent()).toBe('[data-testid="virtuoso-item-list"]');
    await result.getByRole('list', { name: 'Frames per type' }).getByText('message').waitFor();
    expect(await result.getByRole('list', { name: 'Last lines' }).locator('li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/buzzchat-check-page.png', fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('says what is wrong in plain words when the markup changes', async () => {
    await practice('/paths', { markup: 'alternate' });
    try {
      await expect.poll(async () => (await t.call('GET', '/api/v1/chat/diagnose')).json.data.page?.container).toBeNull();
      await page.getByRole('button', { name: 'Check again' }).click();
      const result = page.getByRole('region', { name: 'Chat check' });
      await result.getByText('Needs attention').waitFor();
      await result
        .locator('[data-code="no-container"]')
        .getByText(/The chat list was not found on the page/)
        .waitFor();
      await result
        .locator('[data-code="no-container"]')
        .getByText(/chatContainer selector in selectors\.json/)
        .waitFor();
      expect(await result.getByRole('list', { name: 'Page parts' }).locator('li', { hasText: 'chatContainer' }).getByText('not found').count()).toBe(
        1,
      );
      await page.screenshot({ path: '/tmp/buzzchat-check-page-problem.png', fullPage: true });
    } finally {
      await practice('/paths', { markup: 'whatnot' });
    }
  });

  it('downloads the site report with no username or message from the chat in it', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export site report' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^buzzchat-site-report-practice-[\dT-]+Z\.json$/);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    const report: SiteReport = JSON.parse(text);
    expect(report.format).toBe('buzzchat-site-report/1');
    expect(report.markup?.html).toContain('data-testid');
    const stored = (await t.call('GET', '/api/v1/chat/messages?limit=50')).json.data.messages as {
      username: string | null;
      text: string;
      direction: string;
    }[];
    const viewers = stored.filter((m) => m.direction === 'received');
    expect(viewers.length).toBeGreaterThan(0);
    const lower = text.toLowerCase();
    for (const m of viewers) {
      expect(lower).not.toContain(`"${m.username!.toLowerCase()}"`);
      expect(lower).not.toContain(`>${m.username!.toLowerCase()}<`);
      if (m.text.length >= 8) expect(lower).not.toContain(m.text.toLowerCase());
    }
    expect(pageErrors).toEqual([]);
  });
});
