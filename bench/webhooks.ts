// Webhook delivery throughput and event-to-receipt latency against a local receiver in another process.
// Events come from the real service (GiveawayService.addEntry: entry row + outbox row in one transaction),
// go through the durable worker with the default options (signing, SSRF vetting, keep-alive, attempt log).
// Goal: >= 500 deliveries/s; p50/p99 latency from the event's timestamp to the receiver reading the request.
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/main/app/create-app.js';
import { silentLogger } from '../src/main/kernel/logger.js';
import { tempDir } from '../tests/helpers/app.js';
import { webhooksModule, type WebhooksModule } from '../src/main/domains/webhooks/domain.js';

const BURST = Number(process.env.BENCH_EVENTS ?? 5000);
const RATE = 300;
const RATE_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

/** Wall-clock ms with sub-ms resolution, comparable across processes on one machine. */
const wallNow = () => performance.timeOrigin + performance.now();

/** Child: answers 200 at once and records when each entrant's event arrived. */
function runReceiver(): void {
  let receipts: [string, number][] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = wallNow();
      res.writeHead(200).end();
      receipts.push([JSON.parse(Buffer.concat(chunks).toString()).data.username, at]);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
  process.on('message', (m) => {
    if (m === 'report') {
      process.send!({ receipts });
      receipts = [];
    }
  });
}

/** Event-to-receipt latencies (ms, sorted) of what the receiver got since the last report. */
function report(child: ChildProcess): Promise<number[]> {
  return new Promise((resolve) => {
    const on = (m: { receipts?: [string, number][] }) => {
      if (m.receipts) {
        child.off('message', on);
        resolve(m.receipts.map(([u, at]) => at - emitted.get(u)!).sort((a, b) => a - b));
      }
    };
    child.on('message', on);
    child.send('report');
  });
}

/** Entrant -> wall-clock ms when the bench produced the event. */
const emitted = new Map<string, number>();

function pct(sorted: number[], p: number): number {
  return sorted.length ? +sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(2) : NaN;
}

async function main(): Promise<void> {
  const receivers = await Promise.all(
    [0, 1].map(async () => {
      const child = fork(fileURLToPath(import.meta.url), ['receiver'], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const { port } = await new Promise<{ port: number }>((r) => child.once('message', (m) => r(m as never)));
      return { child, port };
    }),
  );
  process.on('exit', () => receivers.forEach((r) => r.child.kill()));
  let mod!: WebhooksModule;
  const app = await createApp({ dataDir: tempDir('buzzchat-bench-'), port: 0, logger: silentLogger, modules: (s) => [(mod = webhooksModule(s))] });
  const s = app.services;
  const account = s.accounts.resolve(undefined).id;
  let n = 0;
  const entry = () => {
    const username = `viewer${n++}`;
    emitted.set(username, wallNow());
    s.giveaway.addEntry(account, { username, entriesPerUser: 1 });
  };
  const delivered = () => (s.db.prepare(`SELECT COUNT(*) AS c FROM webhook_deliveries WHERE status = 'delivered'`).get() as { c: number }).c;
  const waitDelivered = async (target: number) => {
    while (delivered() < target) await new Promise((r) => setTimeout(r, 5));
  };

  // Warm-up: connections, JIT.
  mod.service.create({ url: `http://127.0.0.1:${receivers[0]!.port}/hook`, events: ['giveaway.entry'] });
  for (let i = 0; i < 200; i++) entry();
  await waitDelivered(200);
  await report(receivers[0]!.child);

  // 1. Burst, one endpoint: everything queued at once, then drained.
  let t0 = performance.now();
  for (let i = 0; i < BURST; i++) entry();
  const enqueueMs = performance.now() - t0;
  await waitDelivered(200 + BURST);
  const burstMs = performance.now() - t0;
  const burstRate = Math.round(BURST / (burstMs / 1000));
  const burstLat = await report(receivers[0]!.child);

  // 2. Burst, two endpoints (2 deliveries per event; fairness keeps both moving).
  const hook2 = mod.service.create({ url: `http://127.0.0.1:${receivers[1]!.port}/hook`, events: ['giveaway.entry'] });
  const before = delivered();
  t0 = performance.now();
  for (let i = 0; i < BURST / 2; i++) entry();
  await waitDelivered(before + BURST);
  const twoMs = performance.now() - t0;
  const twoRate = Math.round(BURST / (twoMs / 1000));
  await Promise.all(receivers.map((r) => report(r.child)));
  mod.service.delete(hook2.id);

  // 3. Steady rate, one endpoint: latency when not backlogged.
  const steadyBefore = delivered();
  const total = RATE * RATE_SECONDS;
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    entry();
  }
  await waitDelivered(steadyBefore + total);
  const steadyLat = await report(receivers[0]!.child);

  await app.stop();
  for (const r of receivers) r.child.kill();
  const result = {
    bench: 'webhooks',
    burst: { events: BURST, deliveriesPerSec: burstRate, enqueueMs: Math.round(enqueueMs), p50: pct(burstLat, 50), p99: pct(burstLat, 99) },
    twoEndpoints: { deliveries: BURST, deliveriesPerSec: twoRate },
    steady: { rate: RATE, events: total, p50: pct(steadyLat, 50), p99: pct(steadyLat, 99), max: pct(steadyLat, 100) },
    goalDeliveriesPerSec: 500,
  };
  console.log(`machine: ${os.cpus()[0]?.model} x${os.cpus().length}, Node ${process.version}`);
  console.log(
    `burst of ${BURST} events (enqueued in ${result.burst.enqueueMs} ms): ${burstRate} deliveries/s (goal >= 500); latency p50 ${result.burst.p50} ms p99 ${result.burst.p99} ms (includes queueing)`,
  );
  console.log(`two endpoints, ${BURST} deliveries: ${twoRate} deliveries/s`);
  console.log(
    `steady ${RATE} events/s for ${RATE_SECONDS} s: event-to-receipt p50 ${result.steady.p50} ms  p99 ${result.steady.p99} ms  max ${result.steady.max} ms`,
  );
  console.log('RESULT ' + JSON.stringify(result));
}

if (process.argv[2] === 'receiver') runReceiver();
else await main();
