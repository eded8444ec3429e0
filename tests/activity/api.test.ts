import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
afterEach(async () => t?.stop());

const status = (t: TestApp, connected: boolean, live = false) => {
  const accountId = t.app.services.accounts.active().id;
  t.app.services.events.emit('chat.status', accountId, { accountId, connected, live, url: 'https://example.test/live' } as never);
};

describe('GET /api/v1/activity', () => {
  it('lists what happened before the dashboard opened, newest first, across a restart', async () => {
    t = await startTestApp();
    await t.call('POST', '/api/v1/bot/start');
    await t.call('POST', '/api/v1/giveaway/entries', { username: 'viewer_one' });
    const dataDir = t.dataDir;
    await t.stop();
    t = await startTestApp({ dataDir });
    const r = await t.call('GET', '/api/v1/activity?limit=10');
    expect(r.status).toBe(200);
    expect(r.json.data.events.map((e: { type: string }) => e.type)).toEqual(['giveaway.entry', 'settings.updated', 'bot.started']);
    expect(r.json.data.events[0]).toMatchObject({
      id: expect.stringMatching(/^evt_/),
      accountId: t.app.services.accounts.active().id,
      data: { username: 'viewer_one' },
    });
    expect(r.json.data.chatConnected).toBeNull();
  });

  it('logs a chat connect once, not every status snapshot, and remembers the state across a restart', async () => {
    t = await startTestApp();
    status(t, true);
    status(t, true, true);
    status(t, true);
    status(t, false);
    status(t, true);
    let r = await t.call('GET', '/api/v1/activity');
    expect(r.json.data.events.map((e: { data: { connected: boolean } }) => e.data.connected)).toEqual([true, false, true]);
    expect(r.json.data.chatConnected).toBe(true);
    const dataDir = t.dataDir;
    await t.stop();
    t = await startTestApp({ dataDir });
    status(t, true);
    r = await t.call('GET', '/api/v1/activity');
    expect(r.json.data.events).toHaveLength(3);
    expect(r.json.data.chatConnected).toBe(true);
  });

  it('keeps a bounded log and validates limit', async () => {
    t = await startTestApp();
    for (let i = 0; i < 1105; i++)
      await t.app.services.giveaway.addEntry(t.app.services.accounts.active().id, { username: `v${i}`, entriesPerUser: 1 });
    const n = t.app.services.db.prepare('SELECT COUNT(*) AS n FROM activity_log').get() as { n: number };
    expect(n.n).toBeLessThanOrEqual(1100);
    expect(n.n).toBeGreaterThanOrEqual(1000);
    const r = await t.call('GET', '/api/v1/activity?limit=2');
    expect(r.json.data.events.map((e: { data: { username: string } }) => e.data.username)).toEqual(['v1104', 'v1103']);
    expect((await t.call('GET', '/api/v1/activity?limit=0')).status).toBe(400);
  });
});
