import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
afterEach(async () => t?.stop());

async function enter(t: TestApp, ...names: string[]) {
  for (const username of names) {
    const r = await t.call('POST', '/api/v1/giveaway/entries', { username });
    expect(r.status).toBe(201);
  }
}

describe('giveaway', () => {
  it('lists entries in the reference shape, one per user by default', async () => {
    t = await startTestApp();
    await enter(t, 'viewer123', 'shopper456');
    const dup = await t.call('POST', '/api/v1/giveaway/entries', { username: 'VIEWER123' });
    expect(dup.json.data).toEqual({ accepted: false, reason: 'limit_reached' });
    const r = await t.call('GET', '/api/v1/giveaway/entries');
    expect(r.json.success).toBe(true);
    expect(r.json.data.count).toBe(2);
    expect(r.json.data.entries.map((e: { username: string }) => e.username)).toEqual(['viewer123', 'shopper456']);
    expect(r.json.data.entries[0].timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('picks distinct winners, records the draw and refuses impossible counts', async () => {
    t = await startTestApp();
    await enter(t, 'a', 'b', 'c');
    const r = await t.call('POST', '/api/v1/giveaway/pick-winner', { count: 3 });
    expect(r.status).toBe(200);
    expect(new Set(r.json.data.winners)).toEqual(new Set(['a', 'b', 'c']));
    expect(r.json.data.timestamp).toMatch(/Z$/);
    for (const body of [{ count: 4 }, { count: 0 }, { count: 1.5 }, { count: '1' }, { count: 1, x: 1 }]) {
      const bad = await t.call('POST', '/api/v1/giveaway/pick-winner', body);
      expect(bad.status).toBe(400);
      expect(bad.json.error.code).toBe('VALIDATION_ERROR');
    }
    const draws = await t.call('GET', '/api/v1/giveaway/draws');
    expect(draws.json.data.draws).toHaveLength(1);
    expect(draws.json.data.draws[0]).toMatchObject({ drawId: r.json.data.drawId, entriesCount: 3, count: 3 });
    const snapshot = t.app.services.db.prepare('SELECT entries_snapshot FROM giveaway_draws').get() as { entries_snapshot: string };
    expect(JSON.parse(snapshot.entries_snapshot).map((e: unknown[]) => e[0])).toEqual(['a', 'b', 'c']);
  });

  it('defaults count to 1 and refuses a draw without entries', async () => {
    t = await startTestApp();
    const empty = await t.call('POST', '/api/v1/giveaway/pick-winner', {});
    expect(empty.status).toBe(400);
    expect(empty.json.error.code).toBe('VALIDATION_ERROR');
    await enter(t, 'solo');
    const r = await t.call('POST', '/api/v1/giveaway/pick-winner');
    expect(r.json.data.winners).toEqual(['solo']);
  });

  it('clears entries with the reference message, keeping the old round for the audit', async () => {
    t = await startTestApp();
    await enter(t, 'a', 'b');
    const r = await t.call('DELETE', '/api/v1/giveaway/entries');
    expect(r.json).toMatchObject({ success: true, message: 'All entries cleared', data: { cleared: 2 } });
    expect((await t.call('GET', '/api/v1/giveaway/entries')).json.data.count).toBe(0);
    const kept = t.app.services.db.prepare('SELECT COUNT(*) AS n FROM giveaway_entries').get() as { n: number };
    expect(kept.n).toBe(2);
    await enter(t, 'a');
    expect((await t.call('GET', '/api/v1/giveaway/entries')).json.data.count).toBe(1);
  });

  it('rerolls a winner without ever drawing a previous winner', async () => {
    t = await startTestApp();
    await enter(t, 'a', 'b', 'c');
    const first = await t.call('POST', '/api/v1/giveaway/pick-winner', { count: 2 });
    const gone = first.json.data.winners[0];
    const r = await t.call('POST', '/api/v1/giveaway/reroll', { username: gone });
    expect(r.status).toBe(200);
    expect(r.json.data.replaced).toBe(gone);
    const remaining = ['a', 'b', 'c'].filter((u) => !first.json.data.winners.includes(u));
    expect(r.json.data.winners).toEqual(remaining);
    const notWinner = await t.call('POST', '/api/v1/giveaway/reroll', { username: 'zed' });
    expect(notWinner.json.error.code).toBe('VALIDATION_ERROR');
  });

  it('draws uniformly over entries (chi-square over 3,000 draws)', async () => {
    t = await startTestApp();
    const accountId = t.app.services.accounts.active().id;
    const names = ['u1', 'u2', 'u3', 'u4'];
    for (const username of names) t.app.services.giveaway.addEntry(accountId, { username, entriesPerUser: 1 });
    const counts = new Map(names.map((n) => [n, 0]));
    const N = 3000;
    for (let i = 0; i < N; i++) {
      const [w] = t.app.services.giveaway.drawWinners(accountId, 1).winners;
      counts.set(w!, counts.get(w!)! + 1);
    }
    const expected = N / names.length;
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 3 degrees of freedom: p = 0.001 at 16.27. A biased shuffle (sort by Math.random) lands far above.
    expect(chi2).toBeLessThan(16.27);
  });

  it('draws several winners with two-ticket entrants at the right odds (chi-square over 3,000 draws)', async () => {
    t = await startTestApp();
    const accountId = t.app.services.accounts.active().id;
    const g = t.app.services.giveaway;
    g.addEntry(accountId, { username: 'a', entriesPerUser: 2 });
    g.addEntry(accountId, { username: 'a', entriesPerUser: 2 });
    for (const username of ['b', 'c']) g.addEntry(accountId, { username, entriesPerUser: 2 });
    // Tickets a,a,b,c, two winners without repeat: {a,b} and {a,c} 5/12 each, {b,c} 1/6.
    const expected = new Map([
      ['a,b', 5 / 12],
      ['a,c', 5 / 12],
      ['b,c', 1 / 6],
    ]);
    const counts = new Map([...expected.keys()].map((k) => [k, 0]));
    const N = 3000;
    for (let i = 0; i < N; i++) {
      const key = g.drawWinners(accountId, 2).winners.sort().join(',');
      counts.set(key, counts.get(key)! + 1);
    }
    const chi2 = [...counts].reduce((s, [k, c]) => s + (c - N * expected.get(k)!) ** 2 / (N * expected.get(k)!), 0);
    // 2 degrees of freedom: p = 0.001 at 13.82.
    expect(chi2).toBeLessThan(13.82);
  });

  it('draws every entrant of a large round, each once', async () => {
    t = await startTestApp();
    const accountId = t.app.services.accounts.active().id;
    const users = Array.from({ length: 5000 }, (_, i) => `viewer_${i}`);
    t.app.services.db.transaction(() => {
      for (const username of users) t.app.services.giveaway.addEntry(accountId, { username, entriesPerUser: 1 });
    })();
    const r = await t.call('POST', '/api/v1/giveaway/pick-winner', { count: 5000 });
    expect(r.status).toBe(200);
    expect(new Set(r.json.data.winners).size).toBe(5000);
    expect((await t.call('POST', '/api/v1/giveaway/pick-winner', { count: 5001 })).json.error.code).toBe('VALIDATION_ERROR');
  });

  it('keeps giveaway state per account', async () => {
    t = await startTestApp();
    await enter(t, 'main-viewer');
    const other = (await t.call('POST', '/api/v1/accounts', { name: 'Summer Sale' })).json.data.account.id;
    const r = await t.call('GET', `/api/v1/giveaway/entries?account=${other}`);
    expect(r.json.data.count).toBe(0);
    expect((await t.call('GET', '/api/v1/giveaway/entries?account=acc_missing')).status).toBe(404);
  });
});

describe('rerolls in the history', () => {
  it('keeps each reroll as a draw saying what it redid and whom it replaced, also after a restart', async () => {
    t = await startTestApp();
    await enter(t, 'a', 'b', 'c', 'd');
    const first = (await t.call('POST', '/api/v1/giveaway/pick-winner', { count: 2 })).json.data;
    const gone = first.winners[1];
    const r = await t.call('POST', '/api/v1/giveaway/reroll', { username: gone, drawId: first.drawId });
    expect(r.status).toBe(200);
    const again = await t.call('POST', '/api/v1/giveaway/reroll', { username: gone, drawId: first.drawId });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain('already rerolled');
    // The one drawn in the reroll can be rerolled too, without naming the draw.
    const second = await t.call('POST', '/api/v1/giveaway/reroll', { username: r.json.data.winners[0] });
    expect(second.status).toBe(200);
    const dataDir = t.dataDir;
    await t.stop();
    t = await startTestApp({ dataDir });
    const draws = (await t.call('GET', '/api/v1/giveaway/draws')).json.data.draws;
    expect(draws).toHaveLength(3);
    expect(draws[0]).toMatchObject({ drawId: first.drawId, rerollOf: null, replaced: null, rerolled: [gone] });
    expect(draws[1]).toMatchObject({ rerollOf: first.drawId, replaced: gone, winners: r.json.data.winners, rerolled: [r.json.data.winners[0]] });
    expect(draws[2]).toMatchObject({ rerollOf: draws[1].drawId, replaced: r.json.data.winners[0], rerolled: [] });
  });

  it('refuses more winners than entrants in plain words', async () => {
    t = await startTestApp();
    await enter(t, 'a', 'b', 'c', 'd', 'e', 'f');
    const r = await t.call('POST', '/api/v1/giveaway/pick-winner', { count: 99 });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: 'Only 6 viewers have entered, so at most 6 winners can be drawn (asked for 99)',
    });
    expect((await t.call('GET', '/api/v1/giveaway/draws')).json.data.draws).toEqual([]);
  });
});
