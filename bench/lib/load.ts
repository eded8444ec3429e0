import http from 'node:http';
import { percentile } from './stats.js';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * One GET; resolves to ms from `from` (a performance.now() time: the send, or for the open loop the time the
 * request was scheduled to leave) to the end of a 200 response, or -1 on any failure.
 */
function once(agent: http.Agent, url: URL, headers: Record<string, string>, from = performance.now()): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request({ agent, host: url.hostname, port: url.port, path: url.pathname + url.search, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200 ? performance.now() - from : -1));
    });
    req.on('error', () => resolve(-1));
    req.end();
  });
}

function summarise(lat: number[], errors: number, seconds: number): LoadResult {
  lat.sort((a, b) => a - b);
  return {
    requests: lat.length,
    errors,
    seconds,
    rps: Math.round(lat.length / seconds),
    p50: +percentile(lat, 50).toFixed(3),
    p99: +percentile(lat, 99).toFixed(3),
    max: +(lat[lat.length - 1] ?? NaN).toFixed(3),
  };
}

/** Closed loop: `concurrency` clients back to back for `seconds`; measures throughput. */
export async function closedLoop(target: string, headers: Record<string, string>, concurrency: number, seconds: number): Promise<LoadResult> {
  const url = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const lat: number[] = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        const ms = await once(agent, url, headers);
        if (ms < 0) errors++;
        else lat.push(ms);
      }
    }),
  );
  agent.destroy();
  return summarise(lat, errors, seconds);
}

/**
 * Open loop: a fixed arrival rate regardless of answers; measures latency at that load. Each latency runs
 * from the request's scheduled send time, not from when it actually left: a generator (or event loop) that
 * fell behind would otherwise hide the wait it caused (coordinated omission).
 */
export async function openLoop(target: string, headers: Record<string, string>, rps: number, seconds: number): Promise<LoadResult> {
  const url = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const lat: number[] = [];
  let errors = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const total = rps * seconds;
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rps;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    // A request sent up to 1 ms ahead of its slot is timed from when it left: from `due` a fast answer would
    // come out negative, which read as a failure (the "errors" of earlier records were these).
    pending.push(
      once(agent, url, headers, Math.min(due, performance.now())).then((ms) => {
        if (ms < 0) errors++;
        else lat.push(ms);
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  return summarise(lat, errors, (performance.now() - start) / 1000);
}
