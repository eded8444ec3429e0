// `npm run bench`: runs every benchmark in its own process, one after another (they must not share the
// two cores), and writes their summaries with the machine and date into BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCHES: { file: string; title: string; goal: string }[] = [
  { file: 'api.ts', title: 'REST API throughput and latency', goal: '>= 50 % of bare Express throughput; p99 < 5 ms at 1,000 rps' },
  {
    file: 'faq-matcher.ts',
    title: 'FAQ matching cost vs number of rules',
    goal: 'cost does not grow with the number of word/phrase rules (regex and symbol rules are tested one by one)',
  },
  { file: 'webhooks.ts', title: 'Webhook deliveries to a local receiver', goal: '>= 500 deliveries/s' },
  {
    file: 'chat-latency.ts',
    title: 'Reaction latency in Chromium (question in the channel -> reply at the server), wire and DOM paths, as a ratio to a bare Playwright floor',
    goal: 'BuzzChat p50 <= 1.3x the floor measured in the same run, on each path',
  },
  {
    file: 'giveaway-flood.ts',
    title: 'Giveaway flood: 1,000 msg/s for 60 s on the practice stream, switching between the wire and DOM paths mid-burst',
    goal: '0 entries lost, 0 duplicated (a viewer acted on twice)',
  },
  {
    file: 'dashboard.ts',
    title: 'Dashboard in Chromium: cold load and API call -> screen via the event stream',
    goal: 'load p50 < 500 ms; event p99 < 100 ms',
  },
  {
    file: 'livechat.ts',
    title: 'Live chat screen in Chromium: 10 chat lines/s for 30 s with the log at its cap, following the newest line',
    goal: 'no long task from the chat; frame interval p95 <= 17 ms (60 fps)',
  },
  {
    file: 'analytics.ts',
    title: 'Analytics routes over 1,000,000 stored chat events (60 days, 3,750 viewers)',
    goal: 'every route and period within 3x of faq-triggers (period=all) over the same data',
  },
  {
    file: 'footprint.ts',
    title: 'Footprint: start time to healthy, node RSS idle / chat connected / after a chat + API flood, Chromium per chat',
    goal: 'start < 1.5 s; RSS < 150 MB under load; ratios to a bare Express + better-sqlite3 process in the same run',
  },
];
const only = process.argv.slice(2);

const sections: string[] = [];
for (const b of BENCHES) {
  if (only.length && !only.some((o) => b.file.startsWith(o))) continue;
  const file = path.join(root, 'bench', b.file);
  if (!fs.existsSync(file)) {
    sections.push(`## ${b.title}\n\nNot run: \`bench/${b.file}\` is missing.\n`);
    continue;
  }
  console.log(`\n=== ${b.file}`);
  const t0 = Date.now();
  const r = spawnSync(path.join(root, 'node_modules/.bin/tsx'), [file], { cwd: root, encoding: 'utf8', timeout: 15 * 60_000, env: process.env });
  const out = (r.stdout ?? '') + (r.status === 0 ? '' : `\n(exit ${r.status ?? r.signal}) ${r.stderr?.slice(-2000) ?? ''}`);
  process.stdout.write(out);
  const summary = out
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('RESULT '))
    .join('\n');
  const result = out.split('\n').find((l) => l.startsWith('RESULT '));
  sections.push(
    `## ${b.title}\n\nGoal: ${b.goal}. Command: \`npx tsx bench/${b.file}\` (${((Date.now() - t0) / 1000).toFixed(0)} s).\n\n` +
      '```\n' +
      summary.trim() +
      '\n```\n' +
      (result ? `\n\`${result}\`\n` : ''),
  );
}

const cpu = os.cpus();
const header = `# Benchmarks

Produced by \`npm run bench\` (\`bench/run.ts\`); every figure below comes from the run recorded here.
Machine: ${cpu[0]?.model ?? 'unknown CPU'} x${cpu.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}.
Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.
`;
// Hand-written guidance on reading the figures, kept across runs.
const readingFile = path.join(root, 'bench', 'READING.md');
const reading = fs.existsSync(readingFile) ? '\n' + fs.readFileSync(readingFile, 'utf8') : '';
if (!only.length) fs.writeFileSync(path.join(root, 'BENCHMARKS.md'), header + '\n' + sections.join('\n') + reading);
else console.log('\n(partial run: BENCHMARKS.md not rewritten)');
