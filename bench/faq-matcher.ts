// FAQ matching cost per chat line with 10, 1,000 and 4,990 word/phrase rules plus a fixed set of regex and
// symbol rules (goal: flat, the compiled matcher does not scan word rules), the cost of regex/symbol rules as
// their number grows (they are tested one by one, the documented exception), then lines/s through the whole
// pure engine and through the wired bot module (SQLite included).
// The FAQ timings cover FaqMatcher.match alone: the line's words are split beforehand, as the engine does
// once per line for every feature.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BotEngine } from '../src/main/domains/bot/engine.js';
import { FaqMatcher } from '../src/main/domains/bot/faq.js';
import { botModule } from '../src/main/domains/bot/domain.js';
import { lineWords, type LineWords } from '../src/main/domains/bot/text.js';
import { createApp } from '../src/main/app/create-app.js';
import type { ChatGateway, ChatLine } from '../src/main/domains/chat/types.js';
import { ManualClock } from '../src/main/kernel/clock.js';
import { silentLogger } from '../src/main/kernel/logger.js';
import { settingsSchema } from '../src/main/domains/settings/schema.js';

const VOCAB = [
  'the',
  'is',
  'how',
  'much',
  'what',
  'when',
  'do',
  'you',
  'ship',
  'price',
  'size',
  'color',
  'love',
  'this',
  'lol',
  'great',
  'stream',
  'wow',
  'can',
  'i',
  'get',
  'one',
  'please',
  'thanks',
  'nice',
  'hello',
  'hi',
  'everyone',
  'again',
  'more',
];

/** Rules with distinct one- and two-word triggers, like a big seller's FAQ list. */
function wordRules(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: `faq_${i}`,
    triggers: [`item${i}`, `what about sku${i}`],
    response: `Answer ${i}`,
    priority: i % 3,
    cooldownSeconds: 0,
    userCooldownSeconds: 0,
  }));
}

/**
 * Rules only a pattern can match: half regex (order numbers, sizes), half literal triggers with symbols
 * ("c++", "$5"), which the matcher also tests as patterns. Priorities are mixed so the best-first scan cannot
 * always stop at the first one.
 */
function patternRules(n: number) {
  return Array.from({ length: n }, (_, i) =>
    i % 2 === 0
      ? {
          id: `re_${i}`,
          triggers: [`order\\s*#?${i}\\d{3}`, `size\\s+${i}(xl|xs)`],
          matchMode: 'regex' as const,
          response: `Regex ${i}`,
          priority: i % 3,
          cooldownSeconds: 0,
          userCooldownSeconds: 0,
        }
      : { id: `sym_${i}`, triggers: [`c++${i}`, `$${i}.99`], response: `Symbol ${i}`, priority: i % 3, cooldownSeconds: 0, userCooldownSeconds: 0 },
  );
}

let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;

/**
 * Chat lines of 4-12 words; one in five asks about a word rule and one in twenty matches a pattern rule
 * (always among the first 10 of each, so every rule-set size hits alike).
 */
function chatLines(count: number): string[] {
  return Array.from({ length: count }, () => {
    const ws = Array.from({ length: 4 + Math.floor(rnd() * 9) }, () => pick(VOCAB));
    const at = () => Math.floor(rnd() * ws.length);
    if (rnd() < 0.2) ws.splice(at(), 0, rnd() < 0.5 ? `item${Math.floor(rnd() * 10)}` : `what about sku${Math.floor(rnd() * 10)}`);
    if (rnd() < 0.05) {
      const k = Math.floor(rnd() * 10);
      ws.splice(at(), 0, k % 2 === 0 ? `order #${k}123` : `$${k}.99`);
    }
    return ws.join(' ') + (rnd() < 0.3 ? '?' : '');
  });
}

/** Median ns per line of FaqMatcher.match over 5 timed passes (after 2 warm-up passes), words split beforehand. */
function perLineNs(label: string, ruleList: unknown[], lines: string[], words: LineWords[]) {
  const t0 = performance.now();
  const m = new FaqMatcher(settingsSchema.parse({ faqRules: ruleList }).faqRules);
  const compileMs = performance.now() - t0;
  let hits = 0;
  for (let w = 0; w < 2; w++) for (let i = 0; i < lines.length; i++) m.match(lines[i]!, words[i]!);
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    hits = 0;
    const s = performance.now();
    for (let i = 0; i < lines.length; i++) if (m.match(lines[i]!, words[i]!)) hits++;
    runs.push(((performance.now() - s) * 1e6) / lines.length);
  }
  runs.sort((a, b) => a - b);
  return { label, rules: ruleList.length, nsPerLine: Math.round(runs[2]!), compileMs: Math.round(compileMs * 10) / 10, hitRate: hits / lines.length };
}

const PATTERN_RULES = 10;
const lines = chatLines(50_000);
const lineWordList = lines.map(lineWords);
// 4,990 + 10 = 5,000, the settings' limit.
const sizes = [10, 1000, 4990].map((n) =>
  perLineNs(
    `${n.toLocaleString('en-US')} word/phrase + ${PATTERN_RULES} regex/symbol`,
    [...wordRules(n), ...patternRules(PATTERN_RULES)],
    lines,
    lineWordList,
  ),
);
// A tenth of the lines is enough here: each pattern rule costs a regex test per line.
const few = lines.slice(0, 5000);
const patternGrowth = [0, 10, 50, 200].map((n) =>
  perLineNs(`1,000 word/phrase + ${n} regex/symbol`, [...wordRules(1000), ...patternRules(n)], few, lineWordList),
);

// The whole engine: 1,000 FAQ rules, commands, moderation, giveaway keyword, welcomes, 5,000 distinct viewers.
const settings = settingsSchema.parse({
  botActive: true,
  faqRules: wordRules(1000),
  commands: [
    { name: 'rules', response: 'Be kind' },
    { name: 'shop', response: 'Link in bio' },
  ],
  moderation: { enabled: true, blockedWords: Array.from({ length: 200 }, (_, i) => `badword${i}`), maxRepeats: 3 },
  timerMessages: [{ message: 'Follow!', intervalMinutes: 5 }],
});
const clock = new ManualClock();
const engine = new BotEngine(settings, { clock });
const mk = (i: number, text: string): ChatLine => ({
  accountId: 'acc',
  platform: 'whatnot',
  kind: 'message',
  username: `viewer${i % 5000}`,
  text,
  rowKey: `r${i}`,
  history: false,
  self: false,
  pageTs: null,
  receivedAt: 0,
});
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
const flat1000 = sizes[1]!.nsPerLine / sizes[0]!.nsPerLine;
console.log(`machine: ${os.cpus()[0]?.model} x${os.cpus().length}, Node ${process.version}`);
console.log('FaqMatcher.match alone (words split beforehand), median of 5 passes over 50,000 lines (5,000 for the regex/symbol series):');
for (const s of [...sizes, ...patternGrowth])
  console.log(
    `  ${s.label.padEnd(36)} ${String(s.nsPerLine).padStart(6)} ns/line (compile ${s.compileMs} ms, hit rate ${(s.hitRate * 100).toFixed(1)} %)`,
  );
console.log(
  `word/phrase rules: cost ratio 1,000 vs 10: ${flat1000.toFixed(2)}x, 4,990 vs 10: ${flat.toFixed(2)}x (goal: about 1x, no growth with the rule count)`,
);
console.log(
  `regex/symbol rules are tested one by one (best first, stopping once none can win): 200 vs 10 of them costs ${(patternGrowth[3]!.nsPerLine / patternGrowth[1]!.nsPerLine).toFixed(2)}x`,
);
console.log(`engine (1,000 rules, moderation, commands, giveaway, welcomes): ${engineLinesPerSec} lines/s, ${actions} actions`);
console.log(`bot module with SQLite (record + queue + entries, one transaction per line): ${moduleLinesPerSec} lines/s`);
console.log(
  'RESULT ' +
    JSON.stringify({
      faqNsPerLine: Object.fromEntries(sizes.map((s) => [s.rules - PATTERN_RULES, s.nsPerLine])),
      compileMs: Object.fromEntries(sizes.map((s) => [s.rules - PATTERN_RULES, s.compileMs])),
      ratio1000vs10: Math.round(flat1000 * 100) / 100,
      ratio4990vs10: Math.round(flat * 100) / 100,
      patternRuleNsPerLine: Object.fromEntries(patternGrowth.map((s) => [s.rules - 1000, s.nsPerLine])),
      engineLinesPerSec,
      moduleLinesPerSec,
    }),
);
