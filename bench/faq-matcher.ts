// FAQ matching cost per chat line with 10, 1,000 and 5,000 rules (goal: flat, the compiled matcher does not
// scan rules), then lines/s through the whole pure engine and through the wired bot module (SQLite included).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BotEngine } from '../src/main/domains/bot/engine.js';
import { FaqMatcher } from '../src/main/domains/bot/faq.js';
import { botModule } from '../src/main/domains/bot/module.js';
import { lineWords } from '../src/main/domains/bot/text.js';
import { createApp } from '../src/main/app/create-app.js';
import type { ChatGateway, ChatLine } from '../src/main/domains/chat/types.js';
import { ManualClock } from '../src/main/kernel/clock.js';
import { silentLogger } from '../src/main/kernel/logger.js';
import { settingsSchema } from '../src/main/domains/settings/schema.js';

const VOCAB = ['the', 'is', 'how', 'much', 'what', 'when', 'do', 'you', 'ship', 'price', 'size', 'color', 'love', 'this', 'lol', 'great', 'stream', 'wow', 'can', 'i', 'get', 'one', 'please', 'thanks', 'nice', 'hello', 'hi', 'everyone', 'again', 'more'];

/** Rules with distinct one- and two-word triggers, like a big seller's FAQ list. */
function rules(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: `faq_${i}`,
    triggers: [`item${i}`, `what about sku${i}`],
    response: `Answer ${i}`,
    priority: i % 3,
    cooldownSeconds: 0,
    userCooldownSeconds: 0,
  }));
}

let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;

/** Chat lines of 4-12 words; one in five asks about a rule (always one of the first 10 rules, so all sizes hit alike). */
function chatLines(count: number): string[] {
  return Array.from({ length: count }, () => {
    const ws = Array.from({ length: 4 + Math.floor(rnd() * 9) }, () => pick(VOCAB));
    if (rnd() < 0.2) ws.splice(Math.floor(rnd() * ws.length), 0, rnd() < 0.5 ? `item${Math.floor(rnd() * 10)}` : `what about sku${Math.floor(rnd() * 10)}`);
    return ws.join(' ') + (rnd() < 0.3 ? '?' : '');
  });
}

function perLineNs(n: number, lines: string[]) {
  const t0 = performance.now();
  const m = new FaqMatcher(settingsSchema.parse({ faqRules: rules(n) }).faqRules);
  const compileMs = performance.now() - t0;
  let hits = 0;
  for (let w = 0; w < 2; w++) for (const l of lines) if (m.match(l, lineWords(l))) hits++; // warm-up
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    hits = 0;
    const s = performance.now();
    for (const l of lines) if (m.match(l, lineWords(l))) hits++;
    runs.push(((performance.now() - s) * 1e6) / lines.length);
  }
  runs.sort((a, b) => a - b);
  return { rules: n, nsPerLine: Math.round(runs[2]!), compileMs: Math.round(compileMs * 10) / 10, hitRate: hits / lines.length };
}

const lines = chatLines(50_000);
const sizes = [10, 1000, 5000].map((n) => perLineNs(n, lines));

// The whole engine: 1,000 FAQ rules, commands, moderation, giveaway keyword, welcomes, 5,000 distinct viewers.
const settings = settingsSchema.parse({
  botActive: true,
  faqRules: rules(1000),
  commands: [{ name: 'rules', response: 'Be kind' }, { name: 'shop', response: 'Link in bio' }],
  moderation: { enabled: true, blockedWords: Array.from({ length: 200 }, (_, i) => `badword${i}`), maxRepeats: 3 },
  timerMessages: [{ message: 'Follow!', intervalMinutes: 5 }],
});
const clock = new ManualClock();
const engine = new BotEngine(settings, { clock });
const mk = (i: number, text: string): ChatLine => ({ accountId: 'acc', platform: 'whatnot', kind: 'message', username: `viewer${i % 5000}`, text, rowKey: `r${i}`, history: false, self: false, pageTs: null, receivedAt: 0 });
const engineLines = lines.map((t, i) => mk(i, i % 50 === 0 ? 'enter' : i % 97 === 0 ? '!rules' : t));
let actions = 0;
const e0 = performance.now();
for (const l of engineLines) {
  clock.advance(1);
  actions += engine.handleLine(l).actions.length;
  if (clock.now() % 1000 === 0) engine.tick({ live: true, queued: 0 });
}
const engineLinesPerSec = Math.round(engineLines.length / ((performance.now() - e0) / 1000));

// The wired module: every line recorded in SQLite, replies queued, entries written.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'buzzchat-bench-'));
const listeners: ((l: ChatLine) => void)[] = [];
const gateway: ChatGateway = { onLine: (fn) => (listeners.push(fn), () => {}), isLive: () => true, moderatorCommand: () => null };
const app = await createApp({ dataDir, port: 0, logger: silentLogger, clock, modules: (s) => [botModule(s, gateway, { tickMs: 0 })] });
const accountId = app.services.accounts.active().id;
app.services.settings.update(accountId, { ...settings, faqRules: settings.faqRules });
const moduleLines = engineLines.slice(0, 20_000).map((l, i) => ({ ...l, accountId, rowKey: `m${i}` }));
const m0 = performance.now();
for (const l of moduleLines) {
  clock.advance(1);
  for (const fn of listeners) fn(l);
}
const moduleLinesPerSec = Math.round(moduleLines.length / ((performance.now() - m0) / 1000));
await app.stop();
fs.rmSync(dataDir, { recursive: true, force: true });

const flat = sizes[2]!.nsPerLine / sizes[0]!.nsPerLine;
console.log(`machine: ${os.cpus()[0]?.model} x${os.cpus().length}, Node ${process.version}`);
for (const s of sizes) console.log(`FAQ match  ${String(s.rules).padStart(5)} rules: ${s.nsPerLine} ns/line (compile ${s.compileMs} ms, hit rate ${(s.hitRate * 100).toFixed(1)} %)`);
console.log(`cost ratio 5,000 vs 10 rules: ${flat.toFixed(2)}x (goal: about 1x, no growth with the rule count)`);
console.log(`engine (1,000 rules, moderation, commands, giveaway, welcomes): ${engineLinesPerSec} lines/s, ${actions} actions`);
console.log(`bot module with SQLite (record + queue + entries, one transaction per line): ${moduleLinesPerSec} lines/s`);
console.log(
  'RESULT ' +
    JSON.stringify({
      faqNsPerLine: Object.fromEntries(sizes.map((s) => [s.rules, s.nsPerLine])),
      compileMs: Object.fromEntries(sizes.map((s) => [s.rules, s.compileMs])),
      ratio5000vs10: Math.round(flat * 100) / 100,
      engineLinesPerSec,
      moduleLinesPerSec,
    }),
);
