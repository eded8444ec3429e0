// Reaction latency on the practice stream in real Chromium, as a ratio to the floor measured in the same run.
// A viewer's question enters the channel (the server sends its frame, or streams it to the page while frames are
// stopped) -> something sees it and types the answer into the page's input -> the reply reaches the server over
// the page's socket. Both ends are stamped by the server (performance.now() around the append and when the reply
// arrives), so no browser clock and no Node round trip to the page is in the figure.
// - floor: a bare Playwright script on the same page and Chromium, no bot: page.on('websocket') frames for the
//   wire path, a MutationObserver + exposed binding for the DOM path; it types the same reply (fill, Enter).
// - BuzzChat: the chat driver + bot (one FAQ rule) on the same page; wire path: normal; DOM path: frames stopped.
// The series are interleaved in rounds so drift in the machine's load hits them alike.
// Goal: BuzzChat p50 <= 1.3x the floor's p50 on each path.
import { percentile, round1, startChatBenchApp } from './lib/chat-app.js';
import { openFloor, ReplyClock, startPracticeApp, type ChatPathName } from './lib/reaction.js';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 150);
const ROUNDS = 3;
const WARMUP = 10;
const GOAL = 1.3;
const QUESTION = 'how much is shipping?';
const reply = (username: string) => `@${username} shipping is $5 flat`;

const bot = await startChatBenchApp(
  {
    botActive: true,
    sendMinSpacingMs: 0,
    welcomeEnabled: false,
    botMaxMessagesPerMinute: 600,
    faqRules: [{ triggers: ['shipping'], response: '@{username} shipping is $5 flat', cooldownSeconds: 0, userCooldownSeconds: 0 }],
  },
  { live: true },
);
const bare = await startPracticeApp();
const floor = await openFloor(bare.app.baseUrl, bot.browserPath, QUESTION, reply);
const clocks = { floor: new ReplyClock(bare.practice.stream), buzzchat: new ReplyClock(bot.practice.stream) };

type Who = 'floor' | 'buzzchat';
const samples: Record<`${Who}-${ChatPathName}`, number[]> = { 'floor-wire': [], 'floor-dom': [], 'buzzchat-wire': [], 'buzzchat-dom': [] };
let asked = 0;

async function series(who: Who, path: ChatPathName, n: number, keep: boolean): Promise<void> {
  const practice = who === 'floor' ? bare.practice : bot.practice;
  practice.setPaths({ frames: path === 'wire' ? 'flowing' : 'stopped' });
  floor.path = path;
  // Let the page take the switch (its feed stream opens, or it catches up and trusts the frames again).
  await new Promise((r) => setTimeout(r, 300));
  for (let i = 0; i < n; i++) {
    const username = `viewer_${++asked}`;
    const ms = await clocks[who].ask(username, QUESTION, reply(username));
    if (keep) samples[`${who}-${path}`].push(ms);
    // A short idle gap, like real chat between questions.
    await new Promise((r) => setTimeout(r, 20));
  }
}

const order: [Who, ChatPathName][] = [
  ['floor', 'wire'],
  ['buzzchat', 'wire'],
  ['floor', 'dom'],
  ['buzzchat', 'dom'],
];
for (const [who, path] of order) await series(who, path, WARMUP, false);
for (let r = 0; r < ROUNDS; r++) for (const [who, path] of order) await series(who, path, Math.ceil(SAMPLES / ROUNDS), true);

const botLines = bot.lines.filter((l) => l.text === QUESTION);
const duplicates = botLines.length - new Set(botLines.map((l) => l.username)).size;
await floor.close();
await bare.stop();
await bot.stop();

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: round1(percentile(s, 50)), p90: round1(percentile(s, 90)), p99: round1(percentile(s, 99)) };
};
const paths = Object.fromEntries(
  (['wire', 'dom'] as const).map((p) => {
    const f = stats(samples[`floor-${p}`]);
    const b = stats(samples[`buzzchat-${p}`]);
    const ratio = (k: 'p50' | 'p90' | 'p99') => Math.round((b[k] / f[k]) * 100) / 100;
    return [p, { floor: f, buzzchat: b, ratio: { p50: ratio('p50'), p90: ratio('p90'), p99: ratio('p99') } }];
  }),
) as Record<ChatPathName, { floor: ReturnType<typeof stats>; buzzchat: ReturnType<typeof stats>; ratio: Record<'p50' | 'p90' | 'p99', number> }>;
const pass = paths.wire.ratio.p50 <= GOAL && paths.dom.ratio.p50 <= GOAL && duplicates === 0;
const result = { samplesPerSeries: paths.wire.floor.n, paths, duplicates, goal: { p50Ratio: GOAL }, pass };

console.log(`Reaction latency, question in the channel -> reply back at the server (server clock; ${result.samplesPerSeries} samples per series)`);
for (const p of ['wire', 'dom'] as const) {
  const { floor: f, buzzchat: b, ratio } = paths[p];
  const label = p === 'wire' ? 'wire path (frames)' : 'DOM path (frames stopped)';
  console.log(`  ${label}:`);
  console.log(`    floor (bare Playwright script) p50 ${f.p50} ms, p90 ${f.p90} ms, p99 ${f.p99} ms`);
  console.log(`    BuzzChat (driver + bot)        p50 ${b.p50} ms, p90 ${b.p90} ms, p99 ${b.p99} ms`);
  console.log(`    ratio to the floor             p50 ${ratio.p50}x, p90 ${ratio.p90}x, p99 ${ratio.p99}x (goal p50 <= ${GOAL}x)`);
}
console.log(`  questions the bot received twice: ${duplicates}`);
console.log(`  ${pass ? 'PASS' : 'FAIL'}`);
console.log(`RESULT ${JSON.stringify(result)}`);
