// Analytics routes over a large stored history (default 1,000,000 chat events, 60 days, 3,750 viewers):
// every route and period through HTTP, beside GET /analytics/faq-triggers (period=all, its default) over the
// same data in the same run. Goal: every route within 3x of faq-triggers.
// The summary route keeps answers for 1 s; each round waits that out, so every figure is a computation, not a
// cache hit. Requests are sequential (one at a time): this measures the cost of a request, not throughput.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/main/app/create-app.js';
import { silentLogger } from '../src/main/kernel/logger.js';
import { tempDir } from '../tests/helpers/app.js';
import { ISSUE_HISTORY, writeHistoryDb } from './lib/chat-history.js';
import { percentile } from './lib/stats.js';

const shape = { ...ISSUE_HISTORY, events: Number(process.env.BENCH_EVENTS ?? ISSUE_HISTORY.events) };
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const GOAL = 3;

// The history is stored as an older release left it; starting the app upgrades it (every rollup is built then).
const dataDir = tempDir('buzzchat-bench-');
const accountId = writeHistoryDb(path.join(dataDir, 'buzzchat.db'), shape, Date.now());
let t0 = performance.now();
const app = await createApp({ dataDir, port: 0, logger: silentLogger, rateLimits: { perMinute: 1e9, perDay: 1e12 } });
const upgradeMs = performance.now() - t0;
const { key } = app.services.keys.create('bench');
if (app.services.accounts.active().id !== accountId) throw new Error('the stored history is not the active account');
// What each new line costs with the rollup triggers, on top of the large tables: 20,000 lines in one transaction.
const LIVE = 20_000;
t0 = performance.now();
app.services.db.transaction(() => {
  for (let i = 0; i < LIVE; i++)
    app.services.chatEvents.record({ accountId, direction: 'received', cause: null, username: `viewer${i % 3750}`, text: 'hi', at: Date.now() });
})();
const ingestUs = ((performance.now() - t0) * 1000) / LIVE;

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function get(path: string): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get({ agent, host: '127.0.0.1', port: app.port, path: `/api/v1${path}`, headers: { authorization: `Bearer ${key}` } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - t0) : reject(new Error(`${path}: HTTP ${res.statusCode}`))));
      })
      .on('error', reject);
  });
}

const BASELINE = '/analytics/faq-triggers?period=all';
const periods = ['day', 'week', 'month', 'all'];
const targets = [
  BASELINE,
  ...periods.flatMap((p) => [`/analytics?period=${p}`, `/analytics/top-chatters?period=${p}`, `/analytics/timeline?period=${p}`]),
  ...periods.filter((p) => p !== 'all').map((p) => `/analytics/faq-triggers?period=${p}`),
];
const samples = new Map<string, number[]>(targets.map((t) => [t, []]));
for (const t of targets) await get(t); // warm-up: statements prepared, pages in SQLite's cache
for (let r = 0; r < ROUNDS; r++) {
  const start = performance.now();
  // Rotated each round so no route always runs first or right after another.
  for (let i = 0; i < targets.length; i++) {
    const t = targets[(i + r) % targets.length]!;
    samples.get(t)!.push(await get(t));
  }
  const wait = 1050 - (performance.now() - start);
  if (wait > 0) await new Promise((res) => setTimeout(res, wait));
}
agent.destroy();
await app.stop();
fs.rmSync(dataDir, { recursive: true, force: true });

const p50 = (t: string) =>
  percentile(
    [...samples.get(t)!].sort((a, b) => a - b),
    50,
  );
const max = (t: string) => Math.max(...samples.get(t)!);
const base = p50(BASELINE);
const rows = targets.map((t) => ({ route: t, p50: +p50(t).toFixed(2), max: +max(t).toFixed(2), ratio: +(p50(t) / base).toFixed(2) }));
const worst = rows.filter((r) => !r.route.startsWith('/analytics/faq-triggers')).reduce((a, b) => (b.ratio > a.ratio ? b : a));

console.log(
  `machine: ${os.cpus()[0]?.model} x${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${new Date().toISOString().slice(0, 16)} UTC`,
);
console.log(
  `history: ${shape.events.toLocaleString('en')} events over ${shape.days} days from ${shape.chatters.toLocaleString('en')} viewers (1 % of received lines hit an FAQ); ` +
    `start with the upgrade that builds the rollups from them ${(upgradeMs / 1000).toFixed(1)} s (with its pre-upgrade copy)`,
);
console.log(
  `a new line with the rollup triggers: ${ingestUs.toFixed(1)} us (ChatEventStore.record, ${LIVE.toLocaleString('en')} in one transaction)`,
);
console.log(`${ROUNDS} rounds, sequential GETs; ratio = p50 / p50 of GET ${BASELINE} (${base.toFixed(2)} ms)`);
for (const r of rows)
  console.log(
    `  ${r.route.padEnd(42)} p50 ${r.p50.toFixed(2).padStart(8)} ms  max ${r.max.toFixed(2).padStart(8)} ms  ${r.ratio.toFixed(2).padStart(6)}x`,
  );
console.log(`slowest route: ${worst.route} at ${worst.ratio}x faq-triggers (goal <= ${GOAL}x)`);
console.log(
  'RESULT ' +
    JSON.stringify({
      bench: 'analytics',
      events: shape.events,
      upgradeS: +(upgradeMs / 1000).toFixed(1),
      recordUs: +ingestUs.toFixed(1),
      baselineMs: +base.toFixed(3),
      worst: { route: worst.route, ratio: worst.ratio },
      routes: Object.fromEntries(rows.map((r) => [r.route, { p50: r.p50, ratio: r.ratio }])),
    }),
);
