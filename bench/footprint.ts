// Footprint of the headless app (`buzzchat serve`, the built CLI): start time to a healthy API, memory idle,
// with the practice chat connected, and after a flood of chat and API load; Chromium's memory for the chat.
// Baselines from the same run: start time and RSS of a bare Express + better-sqlite3 process started the same way.
// Goals: start < 1.5 s; RSS < 150 MB under load.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLoop } from './lib/load.js';
import { tempDir } from '../tests/helpers/app.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FLOOD_SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
// A busy show: chat lines per second through the practice stream and the chat driver, API calls per second.
const CHAT_RATE = Number(process.env.BENCH_CHAT_RATE ?? 100);
const API_RATE = Number(process.env.BENCH_API_RATE ?? 100);
const SETTLE_MS = 5000;
const MB = 2 ** 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident memory of one process (VmRSS), in bytes. */
function rss(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? NaN) * 1024;
}

/** Proportional memory (PSS: shared pages split between the processes sharing them) of pid's descendants. */
function descendantsPss(pid: number): { bytes: number; processes: number } {
  const children = new Map<number, number[]>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${d}/status`, 'utf8'))?.[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      // gone meanwhile
    }
  }
  let bytes = 0;
  let processes = 0;
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      try {
        bytes += Number(/Pss:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${c}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
        processes++;
      } catch {
        // gone meanwhile
      }
      walk(c);
    }
  };
  walk(pid);
  return { bytes, processes };
}

interface Started {
  child: ChildProcess;
  baseUrl: string;
  token: string | null;
  startMs: number;
  output: () => string;
}

/** Spawns a server and times it from spawn to the first 200 from /api/v1/health. */
async function start(args: string[], env: NodeJS.ProcessEnv = {}, ready = /listening on (http:\/\/\S+)/): Promise<Started> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  let baseUrl: string | undefined;
  while (!(baseUrl = ready.exec(out)?.[1])) {
    if (child.exitCode !== null || performance.now() - t0 > 60_000) throw new Error(`server did not start: ${out}`);
    await sleep(5);
  }
  while (
    !(await fetch(`${baseUrl}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    ))
  )
    await sleep(5);
  const startMs = performance.now() - t0;
  return { child, baseUrl, token: /#token=(\S+)/.exec(out)?.[1] ?? null, startMs, output: () => out };
}

async function stop(s: Started): Promise<void> {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await Promise.race([exited, sleep(15_000)]);
  if (s.child.exitCode === null) s.child.kill('SIGKILL');
}

const serve = (dir: string, ...flags: string[]) => [path.join(root, 'bin/buzzchat.js'), 'serve', '--port', '0', '--data-dir', dir, ...flags];

// 1. Baseline: bare Express + better-sqlite3.
const bareDir = tempDir('buzzchat-bench-');
const bareStarts: number[] = [];
let bareRss = 0;
for (let i = 0; i < 3; i++) {
  const b = await start([path.join(root, 'bench/lib/bare-server.mjs'), bareDir]);
  bareStarts.push(b.startMs);
  if (i === 0) {
    await sleep(SETTLE_MS);
    bareRss = rss(b.child.pid!);
  }
  await stop(b);
}

// 2. serve --no-browser: start time (3 runs, median) and RSS idle.
const starts: number[] = [];
let idleRss = 0;
for (let i = 0; i < 3; i++) {
  const dir = tempDir('buzzchat-bench-');
  const s = await start(serve(dir, '--no-browser'));
  starts.push(s.startMs);
  if (i === 0) {
    await sleep(SETTLE_MS);
    idleRss = rss(s.child.pid!);
  }
  await stop(s);
  fs.rmSync(dir, { recursive: true, force: true });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// 3. serve --practice --headless: the chat connected to the practice stream, then a flood of chat and API calls.
const dir = tempDir('buzzchat-bench-');
const p = await start(serve(dir, '--practice', '--headless'), {}, /Practice stream: (http:\/\/\S+?)\/practice/);
const t0 = performance.now();
while (!p.output().includes('Practice chat connected')) {
  if (performance.now() - t0 > 60_000) throw new Error(`the practice chat did not connect: ${p.output()}`);
  await sleep(50);
}
await sleep(SETTLE_MS);
const connectedRss = rss(p.child.pid!);
// What serve actually runs with: bin/buzzchat.js re-execs itself (same pid) with the core's flags (bin/node-flags.js).
const cmdline = fs.readFileSync(`/proc/${p.child.pid}/cmdline`, 'utf8').split('\0');
const arenas = /(?:^|\0)MALLOC_ARENA_MAX=(\d+)/.exec(fs.readFileSync(`/proc/${p.child.pid}/environ`, 'utf8'))?.[1];
const flagsEnd = cmdline.findIndex((a) => a.endsWith('buzzchat.js'));
const runsWith = [...cmdline.slice(1, flagsEnd), ...(arenas ? [`MALLOC_ARENA_MAX=${arenas}`] : [])].join(' ');
const chromium = descendantsPss(p.child.pid!);
const headers = { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' };
const post = (route: string, body: unknown) => fetch(`${p.baseUrl}/api/v1${route}`, { method: 'POST', headers, body: JSON.stringify(body) });
const started = await post('/practice/simulation/start', { rate: CHAT_RATE });
if (!started.ok) throw new Error(`practice simulation did not start: ${started.status} ${await started.text()}`);
let peak = connectedRss;
const sampler = setInterval(() => (peak = Math.max(peak, rss(p.child.pid!))), 500);
const api = await openLoop(`${p.baseUrl}/api/v1/analytics?period=week`, { authorization: headers.authorization }, API_RATE, FLOOD_SECONDS);
await post('/practice/simulation/stop', {});
clearInterval(sampler);
await sleep(SETTLE_MS);
const floodRss = rss(p.child.pid!);
const lines = ((await (await fetch(`${p.baseUrl}/api/v1/analytics?period=day`, { headers })).json()) as { data: { messagesReceived: number } }).data
  .messagesReceived;
await stop(p);
fs.rmSync(dir, { recursive: true, force: true });
fs.rmSync(bareDir, { recursive: true, force: true });

const mb = (b: number) => (b / MB).toFixed(1);
const startMs = median(starts);
const bareStart = median(bareStarts);
console.log(
  `machine: ${os.cpus()[0]?.model} x${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${new Date().toISOString().slice(0, 16)} UTC`,
);
console.log(`start to healthy (spawn -> first 200 from /api/v1/health, median of 3):`);
console.log(`  bare Express + better-sqlite3       ${bareStart.toFixed(0)} ms`);
console.log(`  buzzchat serve --no-browser         ${startMs.toFixed(0)} ms  (${(startMs / bareStart).toFixed(2)}x bare; goal < 1,500 ms)`);
console.log(`RSS of the node process (serve runs with: ${runsWith || 'no flags'}):`);
console.log(`  bare Express + better-sqlite3 idle  ${mb(bareRss)} MB`);
console.log(`  serve --no-browser idle             ${mb(idleRss)} MB  (${(idleRss / bareRss).toFixed(2)}x bare)`);
console.log(`  serve --practice, chat connected    ${mb(connectedRss)} MB  (${(connectedRss / bareRss).toFixed(2)}x bare)`);
console.log(
  `  after ${FLOOD_SECONDS} s of ${CHAT_RATE} chat lines/s + ${API_RATE} API calls/s  ${mb(floodRss)} MB, peak ${mb(peak)} MB  ` +
    `(${(floodRss / bareRss).toFixed(2)}x bare; goal < 150 MB; ${lines.toLocaleString('en')} lines stored, API p99 ${api.p99} ms, ${api.errors} errors)`,
);
console.log(`Chromium for one connected chat (practice page, headless): ${mb(chromium.bytes)} MB PSS over ${chromium.processes} processes`);
console.log(
  'RESULT ' +
    JSON.stringify({
      bench: 'footprint',
      startMs: Math.round(startMs),
      bareStartMs: Math.round(bareStart),
      startRatio: +(startMs / bareStart).toFixed(2),
      rssMb: { bare: +mb(bareRss), idle: +mb(idleRss), connected: +mb(connectedRss), afterFlood: +mb(floodRss), peak: +mb(peak) },
      rssRatioAfterFlood: +(floodRss / bareRss).toFixed(2),
      chromiumPssMb: +mb(chromium.bytes),
      serveFlags: runsWith,
      floodSeconds: FLOOD_SECONDS,
    }),
);
