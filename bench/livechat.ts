// The Live chat screen under a busy show: 10 chat lines/s for 30 s (a bot reply every 2 s among them, queued ->
// echo -> sent as the chat driver reports it) into the built dashboard in Chromium, with the log already at its
// 500-line cap and following the newest line (the costliest case: every update trims, appends and scrolls).
// Measured in the page: long tasks (> 50 ms) and the time between animation frames (p50/p95/max).
// Run: npx electron-vite build && npx tsx bench/livechat.ts   (BENCH_CHAT_SECONDS, BENCH_CHAT_RATE to change)
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { defaultModules } from '../src/main/app/domains.js';
import { startTestApp } from '../tests/helpers/app.js';
import { CHROMIUM_ARGS, ensureTestBrowser } from '../tests/helpers/browser.js';
import { round1, summarize } from './lib/stats.js';

const RENDERER_DIR = path.resolve('out/renderer');
const SECONDS = Number(process.env.BENCH_CHAT_SECONDS ?? 30);
const RATE = Number(process.env.BENCH_CHAT_RATE ?? 10);
const PREFILL = 500;
const IDLE_SECONDS = 5;

if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
  console.error('out/renderer is missing: run `npx electron-vite build` first');
  process.exit(1);
}

const t = await startTestApp({ rendererDir: RENDERER_DIR, modules: defaultModules({ noBrowser: true }) });
const events = t.app.services.events;
const accountId = t.app.services.accounts.active().id;
const WORDS = 'how much is shipping on the charizard slab lol is this graded psa 10 can you show the back please'.split(' ');
let n = 0;
/** A viewer line as the chat driver publishes it, 2 to 18 words long. */
function viewerLine(): void {
  const words = Array.from({ length: 2 + (n % 17) }, (_, i) => WORDS[(n * 7 + i) % WORDS.length]);
  const at = Date.now();
  events.emit('chat.message', accountId, {
    accountId,
    platform: 'whatnot',
    kind: 'message',
    username: `viewer_${n % 300}`,
    text: `${words.join(' ')} #${n}`,
    rowKey: `bench-${n++}`,
    history: false,
    self: false,
    manual: false,
    pageTs: at,
    receivedAt: at,
  });
}
/** A bot reply the way it reaches the dashboard: queued, its echo in chat, then marked sent. */
function botReply(i: number): void {
  const messageId = `msg_bench${i}`;
  const text = `Shipping is $5, free over $50 (${i})`;
  const at = Date.now();
  events.emit('message.queued', accountId, { messageId, message: text, cause: 'faq', scheduledFor: new Date(at).toISOString() });
  events.emit('chat.message', accountId, {
    accountId,
    platform: 'whatnot',
    kind: 'message',
    username: 'ShopHost',
    text,
    rowKey: `bench-bot-${i}`,
    history: false,
    self: true,
    manual: false,
    pageTs: at,
    receivedAt: at,
  });
  events.emit('message.sent', accountId, { messageId, message: text, cause: 'faq', sentAt: new Date(at).toISOString() });
}

const browser = await chromium.launch({ executablePath: await ensureTestBrowser(), args: CHROMIUM_ARGS, headless: true });
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(`${t.app.baseUrl}/#token=${t.app.sessionToken}`);
  await page.getByText('Live updates on').waitFor();
  await page.getByRole('link', { name: /Live chat/ }).click();
  await page.getByRole('heading', { name: 'Live chat', exact: true }).waitFor();
  // The log at its cap before measuring, so every update below also drops the oldest line.
  for (let i = 0; i < PREFILL; i++) viewerLine();
  await page.waitForFunction(
    (txt) => document.querySelector('.chat-rows [role="listitem"]:last-child')?.textContent?.includes(txt),
    `#${PREFILL - 1}`,
  );

  // A string, not a function: tsx would wrap named inner functions in a helper the page does not have.
  await page.evaluate(`(() => {
    const b = (window.__bench = { frames: [], longTasks: [], stop: false });
    new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longTasks.push(e.duration); }).observe({ type: 'longtask' });
    let last = performance.now();
    function tick(now) {
      b.frames.push(now - last);
      last = now;
      if (!b.stop) requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
  })()`);

  // Main-thread time by kind (script, layout, style) from Chromium itself: less sensitive to a busy machine than frames.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  // The same page idle for a few seconds first: what frames and the main thread cost with no chat at all.
  const idle0 = await metrics();
  await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
  const idle1 = await metrics();
  const idleBusy = ((idle1.TaskDuration ?? 0) - (idle0.TaskDuration ?? 0)) * 1000;
  await page.evaluate('window.__bench.frames = []; window.__bench.longTasks = []');
  const before = await metrics();
  const total = SECONDS * RATE;
  const start = Date.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (i % (2 * RATE) === RATE) botReply(i);
    else viewerLine();
  }
  const lastText = `#${n - 1}`;
  await page.waitForFunction((txt) => document.querySelector('.chat-rows [role="listitem"]:last-child')?.textContent?.includes(txt), lastText);
  const after = await metrics();
  const busy = (k: string) => ((after[k] ?? 0) - (before[k] ?? 0)) * 1000;
  const r = await page.evaluate(() => {
    const w = window as unknown as { __bench: { frames: number[]; longTasks: number[]; stop: boolean } };
    w.__bench.stop = true;
    const el = document.querySelector('.chat-lines')!;
    return {
      frames: w.__bench.frames.slice(1),
      longTasks: w.__bench.longTasks,
      rows: document.querySelectorAll('.chat-rows [role="listitem"]').length,
      nodes: document.getElementsByTagName('*').length,
      atBottom: el.scrollHeight - el.scrollTop - el.clientHeight < 40,
      botTags: document.querySelectorAll('.chat-rows .chat-tag-bot').length,
    };
  });
  const F = summarize(r.frames);
  const longTotal = r.longTasks.reduce((a, b) => a + b, 0);
  console.log(
    `Live chat screen, ${RATE} lines/s for ${SECONDS} s (${total} lines, a bot reply every 2 s) with the log at its ${PREFILL}-line cap, following the newest line:`,
  );
  console.log(`  frame interval: p50 ${round1(F.p50)} ms, p95 ${round1(F.p95)} ms, max ${round1(F.max)} ms over ${r.frames.length} frames`);
  console.log(
    `  long tasks (> 50 ms): ${r.longTasks.length}, ${Math.round(longTotal)} ms in all${r.longTasks.length ? `, longest ${Math.round(Math.max(...r.longTasks))} ms` : ''}`,
  );
  const extra = busy('TaskDuration') - (idleBusy * SECONDS) / IDLE_SECONDS;
  console.log(
    `  main thread: ${Math.round(busy('TaskDuration'))} ms busy in ${SECONDS} s (${round1(busy('TaskDuration') / (SECONDS * 10))} %; idle page: ${round1(idleBusy / (IDLE_SECONDS * 10))} %): script ${Math.round(busy('ScriptDuration'))} ms, layout ${Math.round(busy('LayoutDuration'))} ms, style ${Math.round(busy('RecalcStyleDuration'))} ms; ${round1(extra / total)} ms per line over the idle page`,
  );
  console.log(
    `  rows mounted at the end: ${r.rows} (DOM elements: ${r.nodes}); still following the newest line: ${r.atBottom}; bot lines tagged: ${r.botTags}`,
  );
  console.log(
    `RESULT ${JSON.stringify({ rate: RATE, seconds: SECONDS, frameP50Ms: round1(F.p50), frameP95Ms: round1(F.p95), frameMaxMs: round1(F.max), longTasks: r.longTasks.length, longTaskMs: Math.round(longTotal), busyMsPerLine: round1(extra / total), scriptMsPerLine: round1(busy('ScriptDuration') / total), layoutMsPerLine: round1(busy('LayoutDuration') / total), rowsMounted: r.rows, domNodes: r.nodes })}`,
  );
} finally {
  await browser.close();
  await t.stop();
}
