// Giveaway flood on the practice stream in real Chromium: 1,000 msg/s for 60 s, each from a unique viewer
// typing the keyword. Every line goes page -> ingest script -> binding -> bot -> SQLite entry.
// Reports entries lost and lines duplicated by ingest (targets 0 and 0), and ingest lag (row stamped in the
// page -> line in Node). Duplicates are counted on the lines, not the entries: a giveaway takes one entry per
// viewer, so a viewer's line delivered twice leaves one entry and would never show there; each viewer here
// types exactly once, so any second line from the same viewer that the bot acts on (not marked history) is a
// duplicate. The page re-renders and detaches rows meanwhile. BENCH_SECONDS / BENCH_RATE shorten or change the run.
import { percentile, round1, startChatBenchApp } from './lib/chat-app.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const TICK_MS = 10;
const PER_TICK = Math.max(1, Math.round((RATE * TICK_MS) / 1000));
const TOTAL = Math.round(RATE * SECONDS);

const b = await startChatBenchApp(
  { botActive: true, sendMinSpacingMs: 0, welcomeEnabled: false, giveaway: { enabled: true, keyword: 'enter', entriesPerUser: 1 } },
  // The page also re-renders its whole list every 5 s and detaches/re-inserts rows every 2 s, as real sites do.
  { live: true, hostile: { rerenderEveryMs: 5000, detachEveryMs: 2000 } },
);
const s = b.app.services;

let sent = 0;
const started = Date.now();
// Lines leave on a fixed schedule (catching up if the event loop was late), so the rate holds on average.
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const due = Math.min(TOTAL, Math.floor(((Date.now() - started) / 1000) * RATE));
    const batch: { kind: 'message'; username: string; text: string; category: 'giveaway' }[] = [];
    while (sent < due && batch.length < PER_TICK * 20) batch.push({ kind: 'message', username: `flood_${sent++}`, text: sent % 3 === 0 ? 'enter me please' : 'enter', category: 'giveaway' });
    if (batch.length) b.practice.stream.append(batch);
    if (sent >= TOTAL) {
      clearInterval(timer);
      resolve();
    }
  }, TICK_MS);
});
const sendSeconds = (Date.now() - started) / 1000;

// Drain: wait until every line reached Node (or nothing new arrived for 10 s).
const floodLines = () => b.lines.filter((l) => l.username.startsWith('flood_'));
let last = -1;
let quietSince = Date.now();
while (floodLines().length < TOTAL && Date.now() - quietSince < 10_000) {
  const n = floodLines().length;
  if (n !== last) {
    last = n;
    quietSince = Date.now();
  }
  await new Promise((r) => setTimeout(r, 100));
}
const drainedAt = Date.now();

const lines = floodLines();
const acted = lines.filter((l) => !l.history);
const duplicated = acted.length - new Set(acted.map((l) => l.username)).size;
const sameRowTwice = acted.length - new Set(acted.map((l) => l.rowKey)).size;
const lag = lines.filter((l) => l.pageTs !== null).map((l) => l.receivedAt - l.pageTs!).sort((x, y) => x - y);
const historyMarked = lines.filter((l) => l.history).length;

const { entries } = s.giveaway.entries(b.accountId);
const perUser = new Map<string, number>();
for (const e of entries as { username: string }[]) if (e.username.startsWith('flood_')) perUser.set(e.username, (perUser.get(e.username) ?? 0) + 1);
let lost = 0;
for (let i = 0; i < TOTAL; i++) if (!perUser.has(`flood_${i}`)) lost++;
const dropped = b.chat.driver.duplicatesDropped(b.accountId);
await b.stop();

const result = {
  rate: RATE,
  seconds: SECONDS,
  injected: TOTAL,
  achievedRate: Math.round(TOTAL / sendSeconds),
  linesInNode: lines.length,
  entries: perUser.size,
  lost,
  duplicated,
  sameRowTwice,
  historyMarked,
  reRendersDropped: dropped,
  ingestLagP50Ms: round1(percentile(lag, 50)),
  ingestLagP99Ms: round1(percentile(lag, 99)),
  ingestLagMaxMs: round1(lag[lag.length - 1] ?? NaN),
  drainAfterLastMs: drainedAt - started - Math.round(sendSeconds * 1000),
  targets: { lost: 0, duplicated: 0 },
  pass: lost === 0 && duplicated === 0,
};
console.log(`Giveaway flood: ${TOTAL} unique viewers typing the keyword at ${RATE}/s for ${SECONDS} s (achieved ${result.achievedRate}/s)`);
console.log(`  entries ${result.entries} of ${TOTAL}: lost ${lost} (target 0)`);
console.log(
  `  lines in Node ${lines.length} (${historyMarked} marked history): duplicated by ingest ${duplicated} (target 0), of which the same row twice ${sameRowTwice}`,
);
console.log(`  ingest lag (row in page -> line in Node): p50 ${result.ingestLagP50Ms} ms, p99 ${result.ingestLagP99Ms} ms, max ${result.ingestLagMaxMs} ms`);
console.log(`  ${result.pass ? 'PASS' : 'FAIL'}`);
console.log(`RESULT ${JSON.stringify(result)}`);
