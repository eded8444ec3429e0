import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChatEventStore, type Cause } from '../../src/main/domains/analytics/store.js';
import { openDatabase, type Db } from '../../src/main/kernel/db/database.js';
import { migrations } from '../../src/main/kernel/db/migrations.js';
import { seeded } from '../../bench/lib/chat-history.js';
import { tempDir } from '../helpers/app.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 10);
/** The migration that added the per-viewer rollups, found by what it creates (others may append after it). */
const PER_VIEWER = migrations.findIndex((m) => m.includes('CREATE TABLE chat_chatters '));

interface Line {
  accountId: string;
  direction: 'received' | 'sent';
  cause: Cause | null;
  username: string | null;
  text: string;
  at: number;
}

/** Random chat over 12 days: two accounts, names that differ only by case, lines without a name, sent lines. */
function randomLines(seed: number, count: number): Line[] {
  const rnd = seeded(seed);
  const names = [...Array.from({ length: 30 }, (_, i) => `viewer${i}`), 'Ann', 'ann', 'ANN'];
  return Array.from({ length: count }, () => {
    const received = rnd() < 0.8;
    return {
      accountId: rnd() < 0.85 ? 'acc_a' : 'acc_b',
      direction: received ? 'received' : 'sent',
      cause: received ? null : 'faq',
      // Skewed towards the first names, so the top of the list has clear leaders and close ties.
      username: received && rnd() < 0.97 ? names[Math.floor(rnd() ** 2 * names.length)]! : null,
      text: 'x',
      // Whole hours and days often, so lines sit exactly on the bucket edges a window may start at.
      at: T0 + Math.floor(rnd() * 12) * DAY + (rnd() < 0.2 ? 0 : Math.floor(rnd() * 24) * HOUR) + (rnd() < 0.3 ? 0 : Math.floor(rnd() * HOUR)),
    } satisfies Line;
  });
}

function freshDb(): Db {
  const db = openDatabase(path.join(tempDir(), 'buzzchat.db'));
  for (const id of ['acc_a', 'acc_b']) db.prepare('INSERT INTO accounts (id, name, created_at) VALUES (?, ?, 0)').run(id, id);
  return db;
}

/** What a window from `since` holds, by reading every stored line. */
function bruteForce(db: Db, accountId: string, since: number) {
  const rows = db
    .prepare("SELECT username, created_at AS at FROM chat_events WHERE account_id = ? AND direction = 'received' AND created_at >= ?")
    .all(accountId, since) as { username: string | null; at: number }[];
  const per = new Map<string, { messages: number; lastAt: number }>();
  for (const r of rows) {
    if (r.username === null) continue;
    const c = per.get(r.username) ?? { messages: 0, lastAt: -Infinity };
    c.messages++;
    c.lastAt = Math.max(c.lastAt, r.at);
    per.set(r.username, c);
  }
  const top = [...per].map(([username, c]) => ({ username, ...c }));
  top.sort((x, y) => y.messages - x.messages || y.lastAt - x.lastAt || (x.username < y.username ? -1 : 1));
  return { n: rows.length, chatters: per.size, top };
}

/**
 * Window starts worth checking: on, just before and just after day and hour edges and stored lines, all time,
 * and windows whose first day is within two days of the last line (ranked from the days' rows) or further.
 */
function windowStarts(lines: Line[]): number[] {
  const starts = [0, T0, T0 + 3 * DAY, T0 + 5 * DAY - 1, T0 + 5 * DAY + 1, T0 + 7 * DAY + 13 * HOUR, T0 + 8 * DAY + 7 * HOUR, T0 + 9 * DAY];
  starts.push(T0 + 9 * DAY + 1, T0 + 10 * DAY + 5 * HOUR, T0 + 11 * DAY, T0 + 11 * DAY + 23 * HOUR + 59 * 60_000, T0 + 30 * DAY);
  for (const l of lines.slice(0, 12)) starts.push(l.at, l.at + 1, l.at - 1);
  return starts;
}

function expectMatches(db: Db, store: ChatEventStore, lines: Line[]) {
  for (const accountId of ['acc_a', 'acc_b'])
    for (const since of windowStarts(lines)) {
      const truth = bruteForce(db, accountId, since);
      const at = `account ${accountId}, since ${new Date(since).toISOString()}`;
      expect(store.received(accountId, since), at).toEqual({ n: truth.n, chatters: truth.chatters });
      expect(store.topChatters(accountId, since, 100), at).toEqual(truth.top);
      expect(store.topChatters(accountId, since, 3), at).toEqual(truth.top.slice(0, 3));
    }
}

const record = (store: ChatEventStore, lines: Line[]) => {
  for (const l of lines) store.record(l);
};

describe('per-viewer rollups equal a scan of every stored line', () => {
  it('for lines stored in time order', () => {
    const db = freshDb();
    const store = new ChatEventStore(db);
    const lines = randomLines(1, 3000).sort((a, b) => a.at - b.at);
    record(store, lines);
    expectMatches(db, store, lines);
  });

  it('for lines stored out of order (an import, a clock put back), whose running totals move', () => {
    const db = freshDb();
    const store = new ChatEventStore(db);
    const lines = randomLines(2, 3000);
    record(store, lines);
    expectMatches(db, store, lines);
  });

  it('counts a name once per spelling, as the raw rows do, and leaves lines without a name out', () => {
    const db = freshDb();
    const store = new ChatEventStore(db);
    const line = (username: string | null, at: number): Line => ({ accountId: 'acc_a', direction: 'received', cause: null, username, text: 'x', at });
    record(store, [line('Ann', T0 + HOUR), line('ann', T0 + 2 * HOUR), line('ann', T0 + DAY), line(null, T0 + DAY)]);
    expect(store.received('acc_a', T0)).toEqual({ n: 4, chatters: 2 });
    expect(store.topChatters('acc_a', T0 + 90 * 60_000, 10)).toEqual([{ username: 'ann', messages: 2, lastAt: T0 + DAY }]);
    expect(store.topChatters('acc_a', 0, 10).map((c) => c.username)).toEqual(['ann', 'Ann']);
  });
});

describe('the per-viewer migration', () => {
  it('backfills from the lines stored before it exactly what its trigger keeps for lines stored after it', () => {
    // A database as the release before the migration left it, with chat already stored.
    const file = path.join(tempDir(), 'buzzchat.db');
    const old = new Database(file);
    for (let v = 0; v < PER_VIEWER; v++) old.exec(migrations[v]!);
    old.pragma(`user_version = ${PER_VIEWER}`);
    for (const id of ['acc_a', 'acc_b']) old.prepare('INSERT INTO accounts (id, name, created_at) VALUES (?, ?, 0)').run(id, id);
    const lines = randomLines(3, 2500);
    const insert = old.prepare(
      'INSERT INTO chat_events (account_id, direction, cause, username, text, created_at) VALUES (@accountId, @direction, @cause, @username, @text, @at)',
    );
    old.transaction(() => lines.forEach((l) => insert.run(l)))();
    old.close();

    const upgraded = openDatabase(file);
    const live = freshDb();
    record(new ChatEventStore(live), lines);
    for (const table of ['chat_chatters', 'chat_chatter_days', 'chat_stats_hourly']) {
      const all = (db: Db) => db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4`).all();
      expect(all(upgraded), table).toEqual(all(live));
      expect(all(upgraded).length, table).toBeGreaterThan(0);
    }
    expectMatches(upgraded, new ChatEventStore(upgraded), lines);
  });
});
