// Dashboard responsiveness in Chromium: cold load of the built renderer and the delay from an API call
// to its effect on screen through the live event stream (POST /giveaway/entries -> row visible).
// Run: npx electron-vite build && npx tsx bench/dashboard.ts
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startTestApp } from '../tests/helpers/app.js';
import { CHROMIUM_ARGS, ensureTestBrowser } from '../tests/helpers/browser.js';
import { summarize } from './lib/stats.js';

const RENDERER_DIR = path.resolve('out/renderer');
const LOADS = 10;
const EVENTS = 200;

if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
  console.error('out/renderer is missing: run `npx electron-vite build` first');
  process.exit(1);
}

const bundle = fs.readdirSync(path.join(RENDERER_DIR, 'assets')).reduce((n, f) => n + fs.statSync(path.join(RENDERER_DIR, 'assets', f)).size, 0);

const t = await startTestApp({ rendererDir: RENDERER_DIR });
// A plain (not persistent) browser, so each cold load can have a context of its own.
const browser = await chromium.launch({ executablePath: await ensureTestBrowser(), args: CHROMIUM_ARGS, headless: true });
try {
  // Cold loads: navigation start -> overview showing the bot state from the API (toggle enabled). Each load
  // gets a fresh context (empty HTTP cache, storage and connections), or every load after the first is warm.
  const loads: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(`${t.app.baseUrl}/#token=${t.app.sessionToken}`);
    await page.locator('.bot-card input[role="switch"]:not([disabled])').waitFor();
    loads.push(performance.now() - t0);
    await context.close();
  }

  const page = await (await browser.newContext()).newPage();
  await page.goto(`${t.app.baseUrl}/#token=${t.app.sessionToken}`);
  await page.getByText('Live updates on').waitFor();
  await page.goto(`${t.app.baseUrl}/#/giveaway`);
  await page.getByRole('heading', { name: 'Giveaway', exact: true }).waitFor();
  // The page stamps when each entrant's row appears; both clocks are this machine's wall clock.
  await page.evaluate(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { __seen: Record<string, number> }).__seen = seen;
    new MutationObserver(() => {
      for (const li of document.querySelectorAll('.entries li span:first-child')) {
        const name = li.textContent ?? '';
        if (!(name in seen)) seen[name] = Date.now();
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const sentAt: Record<string, number> = {};
  for (let i = 0; i < EVENTS; i++) {
    const name = `bench_${i}`;
    sentAt[name] = Date.now();
    // The dashboard's session token: API keys are rate-limited to 60/min, the session is not.
    await t.call('POST', '/api/v1/giveaway/entries', { username: name }, { key: t.app.sessionToken });
    // Paced like a busy chat (about 50 entries/s), not a burst.
    await new Promise((r) => setTimeout(r, 20));
  }
  await page.waitForFunction((n) => Object.keys((window as unknown as { __seen: object }).__seen).length >= n, EVENTS);
  const seen = await page.evaluate(() => (window as unknown as { __seen: Record<string, number> }).__seen);
  const lat = Object.keys(sentAt).map((n) => seen[n]! - sentAt[n]!);
  const counted = await page.locator('.stat-value').first().textContent();

  const L = summarize(loads);
  const E = summarize(lat);
  console.log(`Renderer bundle: ${(bundle / 1024).toFixed(0)} KiB (JS + CSS as built)`);
  console.log(
    `Cold load to live overview (${LOADS} loads, a fresh browser context each): p50 ${L.p50.toFixed(0)} ms, p95 ${L.p95.toFixed(0)} ms, max ${L.max.toFixed(0)} ms`,
  );
  console.log(
    `API call -> entry visible via SSE (${EVENTS} entries at ~50/s): p50 ${E.p50} ms, p95 ${E.p95} ms, p99 ${E.p99} ms, max ${E.max} ms; counter shows ${counted}`,
  );
  console.log(
    `RESULT ${JSON.stringify({ bundleKiB: Math.round(bundle / 1024), loadP50Ms: Math.round(L.p50), loadP95Ms: Math.round(L.p95), eventP50Ms: E.p50, eventP95Ms: E.p95, eventP99Ms: E.p99, entriesShown: counted })}`,
  );
} finally {
  await browser.close();
  await t.stop();
}
