import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/kernel/db/database.js';
import { ChatEventStore } from '../../src/main/domains/analytics/store.js';
import { GiveawayStore } from '../../src/main/domains/giveaway/store.js';
import { MessageStore } from '../../src/main/domains/messages/store.js';
import { tempDir } from '../helpers/app.js';

/** The SQL each store prepares, captured as the store builds its statements. */
function preparedBy(db: Db, build: (db: Db) => void): string[] {
  const sqls: string[] = [];
  const real = db.prepare.bind(db);
  const spy = new Proxy(db, {
    get: (target, prop) => (prop === 'prepare' ? (sql: string) => (sqls.push(sql), real(sql)) : Reflect.get(target, prop)),
  });
  build(spy);
  return sqls;
}

function plan(db: Db, sql: string): string {
  const params = Array((sql.match(/\?/g) ?? []).length).fill(1);
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

describe('indexes for the queries the API makes', () => {
  const db = openDatabase(path.join(tempDir(), 'buzzchat.db'));
  const sqls = preparedBy(db, (d) => {
    new MessageStore(d);
    new GiveawayStore(d);
    new ChatEventStore(d);
  });
  const find = (re: RegExp) => {
    const hit = sqls.find((s) => re.test(s.replace(/\s+/g, ' ')));
    if (!hit) throw new Error(`no prepared statement matches ${re}`);
    return hit;
  };

  it.each([
    ['GET /messages', /FROM messages WHERE account_id = \? ORDER BY created_at DESC/],
    ['GET /messages?status=', /FROM messages WHERE account_id = \? AND status = \? ORDER BY created_at DESC/],
    ['GET /giveaway/draws', /FROM giveaway_draws WHERE round_id = \? ORDER BY/],
    ['recent chat', /FROM chat_events WHERE account_id = \? AND id > \? ORDER BY id DESC/],
  ])('%s reads an index in order, without a scan or a sort', (_name, re) => {
    const p = plan(db, find(re));
    expect(p).toMatch(/SEARCH .* USING (COVERING )?INDEX/);
    expect(p).not.toMatch(/TEMP B-TREE FOR ORDER BY|\bSCAN\b/);
  });

  it('counts FAQ triggers from an index of the lines that have one, not from every chat line', () => {
    const p = plan(db, find(/SELECT trigger AS keyword/));
    expect(p).toMatch(/USING COVERING INDEX chat_events_received_trigger/);
  });
});
