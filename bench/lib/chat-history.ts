// A stored chat history for the analytics benches: `events` lines over `days` days ending now, seeded, so
// every run stores the same shape. Viewers write with a Zipf-like skew (a few regulars write most), times are
// uniform (chat at every hour is the worst case for the partial hour and day at a window's start), 85 % of the
// lines are received (1 % of those matched an FAQ trigger) and 15 % were sent, by cause.
import Database from 'better-sqlite3';
import { migrations } from '../../src/main/kernel/db/migrations.js';

export interface HistoryShape {
  events: number;
  days: number;
  chatters: number;
}

export const ISSUE_HISTORY: HistoryShape = { events: 1_000_000, days: 60, chatters: 3_750 };

const TRIGGERS = ['shipping', 'payment', 'size', 'returns', 'price', 'when', 'discount', 'refund', 'tracking', 'colour', 'stock', 'bundle'];
const SENT_CAUSES = ['welcome', 'faq', 'timer', 'command', 'api', 'manual', 'giveaway'] as const;

/** mulberry32: small, seeded, good enough to spread test data. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks viewer i with weight 1 / (i + 10): regulars write far more than the long tail, nobody writes everything. */
function zipfPicker(n: number, rnd: () => number): () => number {
  const cum = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cum[i] = total += 1 / (i + 10);
  return () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/**
 * Writes the history into a new database file as an older release left it (schema version 2: chat lines, no
 * rollups yet), with one active account; opening it with openDatabase builds every rollup from those lines, as
 * an upgrade would. Returns the account id.
 */
export function writeHistoryDb(file: string, shape: HistoryShape, now: number, seed = 42): string {
  const rnd = seeded(seed);
  const pick = zipfPicker(shape.chatters, rnd);
  const span = shape.days * 86_400_000;
  // In time order, as chat arrives.
  const times = new Float64Array(shape.events);
  for (let i = 0; i < shape.events; i++) times[i] = now - 1 - Math.floor(rnd() * span);
  times.sort();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  for (let v = 0; v < 2; v++) db.exec(migrations[v]!);
  db.pragma('user_version = 2');
  const accountId = 'acc_bench';
  db.prepare("INSERT INTO accounts (id, name, is_active, created_at) VALUES (?, 'Bench Store', 1, ?)").run(accountId, now - span);
  const insert = db.prepare(
    'INSERT INTO chat_events (account_id, direction, cause, username, text, trigger, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const at of times) {
      if (rnd() < 0.85) {
        const trigger = rnd() < 0.01 ? TRIGGERS[Math.floor(rnd() * TRIGGERS.length)]! : null;
        insert.run(accountId, 'received', trigger ? 'faq' : null, `viewer${pick()}`, 'hello', trigger, at);
      } else {
        const cause = SENT_CAUSES[Math.floor(rnd() * SENT_CAUSES.length)]!;
        insert.run(accountId, 'sent', cause, cause === 'manual' ? 'host' : null, 'thanks!', null, at);
      }
    }
  })();
  db.close();
  return accountId;
}
