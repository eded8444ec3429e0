// The giveaway flood with path switches, shared by the bench (1,000 msg/s for 60 s) and an e2e test (a short run):
// unique viewers typing the keyword on a fixed schedule while the chat's two paths are broken and mended, one at a
// time, mid-burst. Counts what reached the bot and what the giveaway recorded.
import type { ChatLine } from '../../src/main/domains/chat/types.js';
import type { PracticeController } from '../../src/main/domains/practice/controller.js';
import { percentile, round1 } from './stats.js';

export interface FloodOptions {
  practice: PracticeController;
  /** Every line the chat gateway delivered, as it grows. */
  lines: ChatLine[];
  /** Usernames with an entry in the current giveaway round (read from the giveaway API). */
  entries(): Promise<string[]>;
  /** Copies of a line the chat dropped (LineMerge), for the report. */
  copiesDropped(): number;
  rate: number;
  seconds: number;
  switchMs: number;
  /** Stop waiting for the last lines after this long without a new one. */
  quietMs?: number;
}

/** One path broken at a time, then mended; the cycle repeats through the burst. */
const SWITCHES: [string, (c: PracticeController) => unknown][] = [
  ['frames stopped', (c) => c.setPaths({ frames: 'stopped' })],
  ['frames flowing', (c) => c.setPaths({ frames: 'flowing' })],
  ['markup alternate', (c) => c.setPaths({ markup: 'alternate' })],
  ['markup whatnot', (c) => c.setPaths({ markup: 'whatnot' })],
  ['socket dropped', (c) => c.hub.dropAll()],
];

const TICK_MS = 10;

export async function floodWithSwitches(o: FloodOptions) {
  const ctl = o.practice;
  const total = Math.round(o.rate * o.seconds);
  const switched: string[] = [];
  const switchedAt: number[] = [];
  let sent = 0;
  const started = Date.now();
  // Lines leave on a fixed schedule (catching up if the event loop was late), so the rate holds on average.
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = Date.now() - started;
      const due = Math.min(total, Math.floor((elapsed / 1000) * o.rate));
      const batch: { kind: 'message'; username: string; text: string; category: 'giveaway' }[] = [];
      while (sent < due)
        batch.push({ kind: 'message', username: `flood_${sent++}`, text: sent % 3 === 0 ? 'enter me please' : 'enter', category: 'giveaway' });
      if (batch.length) ctl.stream.append(batch);
      if (Math.floor(elapsed / o.switchMs) > switched.length && sent < total) {
        const [name, run] = SWITCHES[switched.length % SWITCHES.length]!;
        run(ctl);
        switched.push(name);
        switchedAt.push(sent);
      }
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  const sendSeconds = (Date.now() - started) / 1000;
  // Both paths mended for the drain.
  ctl.setPaths({ frames: 'flowing', markup: 'whatnot' });

  // Drain: until every viewer's line reached the bot (or nothing new came for quietMs).
  const floodLines = () => o.lines.filter((l) => l.username.startsWith('flood_'));
  let last = -1;
  let quietSince = Date.now();
  while (new Set(floodLines().map((l) => l.username)).size < total && Date.now() - quietSince < (o.quietMs ?? 10_000)) {
    const n = floodLines().length;
    if (n !== last) {
      last = n;
      quietSince = Date.now();
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const drainAfterLastMs = Date.now() - started - Math.round(sendSeconds * 1000);
  // A moment more for late copies of lines already delivered (a duplicate comes after the first).
  await new Promise((r) => setTimeout(r, 2000));

  const lines = floodLines();
  const acted = lines.filter((l) => !l.history);
  const lag = lines
    .filter((l) => l.pageTs !== null)
    .map((l) => l.receivedAt - l.pageTs!)
    .sort((x, y) => x - y);
  const entered = new Set((await o.entries()).filter((u) => u.startsWith('flood_')));
  let lost = 0;
  // Which viewers, as ranges of their numbers (a path switch loses a run of consecutive lines).
  const lostRanges: string[] = [];
  for (let i = 0; i < total; i++) {
    if (entered.has(`flood_${i}`)) continue;
    lost++;
    const prev = lostRanges.at(-1);
    const m = prev ? /^(\d+)(?:-(\d+))?$/.exec(prev) : null;
    if (m && Number(m[2] ?? m[1]) === i - 1) lostRanges[lostRanges.length - 1] = `${m[1]}-${i}`;
    else if (lostRanges.length < 20) lostRanges.push(String(i));
  }
  return {
    rate: o.rate,
    seconds: o.seconds,
    achievedRate: Math.round(total / sendSeconds),
    switchEveryMs: o.switchMs,
    switches: switched,
    expected: total,
    recorded: entered.size,
    lost,
    lostRanges,
    /** When each switch happened, as the number of lines sent by then. */
    switchedAtLine: switchedAt,
    /** A viewer's line acted on twice (the giveaway keeps one entry per viewer, so a double shows here only). */
    duplicated: acted.length - new Set(acted.map((l) => l.username)).size,
    linesToBot: lines.length,
    firstSeenBy: { wire: lines.filter((l) => l.rowKey.startsWith('id:')).length, dom: lines.filter((l) => l.rowKey.startsWith('k:')).length },
    historyMarked: lines.length - acted.length,
    copiesDropped: o.copiesDropped(),
    wireLagP50Ms: round1(percentile(lag, 50)),
    wireLagP99Ms: round1(percentile(lag, 99)),
    drainAfterLastMs,
  };
}
