import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/kernel/clock.js';
import type { BusEvent } from '../../src/main/kernel/events/bus.js';
import type { Logger } from '../../src/main/kernel/logger.js';
import { outboxIdle, startWebhookApp, type WebhookTestApp } from './harness.js';
import { receiverPool, verifyStandardWebhook, verifyWebhookSignature, waitFor } from './receiver.js';
import { WAIT_MS } from '../helpers/wait.js';

let t: WebhookTestApp | undefined;
const receivers = receiverPool();
const receiver = () => receivers.start();
afterEach(async () => {
  await t?.stop();
  await receivers.closeAll();
  t = undefined;
});

function enter(t: WebhookTestApp, username: string) {
  expect(t.app.services.giveaway.addEntry(t.accountId, { username, entriesPerUser: 1 }).accepted).toBe(true);
}

/** giveaway.entry events as the bus published them, in order. */
function recordEntries(t: WebhookTestApp): BusEvent[] {
  const events: BusEvent[] = [];
  t.app.services.bus.subscribe((e) => e.type === 'giveaway.entry' && events.push(e));
  return events;
}

async function view(t: WebhookTestApp, id: string) {
  return (await t.call('GET', `/api/v1/webhooks/${id}`)).json.data;
}

describe('events while an endpoint is inactive', () => {
  it('paused: holds them, counts them, and delivers them once, in order, same ids, on re-enable', async () => {
    // One at a time, so arrival order is send order.
    t = await startWebhookApp({ perEndpointConcurrency: 1 });
    const paused = await receiver();
    const other = await receiver();
    const events = recordEntries(t);
    const hook = await t.register(paused.url(), ['giveaway.entry']);
    await t.register(other.url(), ['giveaway.entry']);
    const off = await t.call('PATCH', `/api/v1/webhooks/${hook.id}`, { active: false });
    expect(off.json.data).toMatchObject({ active: false, heldEvents: 0 });

    const names = Array.from({ length: 8 }, (_, i) => `viewer${i}`);
    for (const n of names) enter(t, n);
    await waitFor(() => other.received.length === names.length, WAIT_MS, 'the active endpoint');
    await outboxIdle(t!);
    expect(paused.received).toHaveLength(0);

    expect((await view(t, hook.id)).heldEvents).toBe(names.length);
    const listed = (await t.call('GET', '/api/v1/webhooks')).json.data.webhooks;
    expect(listed.map((w: any) => [w.id === hook.id, w.heldEvents])).toEqual([
      [true, names.length],
      [false, 0],
    ]);
    const log = await t.deliveries(hook.id);
    expect(log).toHaveLength(names.length);
    for (const d of log) expect(d).toMatchObject({ status: 'held', attempts: 0, nextAttemptAt: null, deliveredAt: null, attemptLog: [] });
    expect(log.map((d: any) => d.eventId).reverse()).toEqual(events.map((e) => e.id));
    const filtered = (await t.call('GET', `/api/v1/webhooks/${hook.id}/deliveries?status=held&limit=3`)).json.data;
    expect(filtered.deliveries).toHaveLength(3);

    // The reference's PATCH body, unchanged.
    const on = await t.call('PATCH', `/api/v1/webhooks/${hook.id}`, { events: ['giveaway.entry', 'giveaway.winner'], active: true });
    expect(on.status).toBe(200);
    expect(on.json.data).toMatchObject({ active: true, heldEvents: 0, events: ['giveaway.entry', 'giveaway.winner'] });
    await waitFor(() => paused.received.length === names.length, WAIT_MS, 'held deliveries');
    await outboxIdle(t!);
    expect(paused.received).toHaveLength(names.length); // once each
    expect(paused.received.map((r) => r.json.id)).toEqual(events.map((e) => e.id));
    expect(paused.received.map((r) => r.json.data.username)).toEqual(names);
    for (const r of paused.received) {
      expect(r.headers['webhook-id']).toBe(r.json.id);
      expect(verifyWebhookSignature(r.body, r.headers['x-buzzchat-signature'] as string, hook.secret)).toBe(true);
      expect(verifyStandardWebhook(hook.secret, r.headers, r.body)).toBe(true);
    }
    // The same bytes the active endpoint got.
    expect(paused.received.map((r) => r.body)).toEqual(other.received.map((r) => r.body));
    const after = await t.deliveries(hook.id);
    expect(after.map((d: any) => [d.status, d.attempts])).toEqual(Array(names.length).fill(['delivered', 1]));
    expect((await view(t, hook.id)).heldEvents).toBe(0);
  });

  it('auto-disabled after a failure streak: holds new events and delivers them after re-enable', async () => {
    const logger: Logger = { info() {}, warn() {}, error() {} };
    t = await startWebhookApp({ retrySchedule: [10, 10, 10, 10, 10, 10], disableMinFailures: 4, disableAfterMs: 30 }, { logger });
    const rx = await receiver();
    rx.reply = () => ({ status: 500 });
    const disabled: BusEvent[] = [];
    t.app.services.bus.subscribe((e) => e.type === 'webhook.disabled' && disabled.push(e));
    const events = recordEntries(t);
    const hook = await t.register(rx.url(), ['giveaway.entry']);
    enter(t, 'before1');
    enter(t, 'before2');
    await waitFor(() => disabled.length > 0, WAIT_MS, 'webhook.disabled');
    // Attempts in flight when it was disabled finish before the count is taken.
    const sending = () =>
      (t!.app.services.db.prepare(`SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'sending'`).get() as { n: number }).n;
    await waitFor(() => sending() === 0, WAIT_MS, 'no delivery in flight');
    const failedAttempts = rx.received.length;

    // A week of giveaway entries while the receiver is down and the endpoint disabled.
    const during = ['week1', 'week2', 'week3', 'week4'];
    for (const n of during) enter(t, n);
    await outboxIdle(t!);
    expect(rx.received.length).toBe(failedAttempts);
    const v = await view(t, hook.id);
    expect(v).toMatchObject({ active: false, heldEvents: during.length });
    expect(v.disabledReason).toMatch(/attempts in a row/);

    rx.reply = () => ({ status: 200 });
    expect((await t.call('PATCH', `/api/v1/webhooks/${hook.id}`, { active: true })).json.data).toMatchObject({
      active: true,
      disabledReason: null,
      heldEvents: 0,
    });
    await waitFor(
      () => new Set(rx.received.filter((r) => r.json).map((r) => r.json.id)).size === 6 && rx.received.length >= failedAttempts + 6,
      WAIT_MS,
      'all six',
    );
    await outboxIdle(t!);
    const ok = rx.received.slice(failedAttempts);
    expect(ok).toHaveLength(6); // each once after re-enable
    expect(new Set(ok.map((r) => r.json.id))).toEqual(new Set(events.map((e) => e.id)));
    for (const r of ok) expect(verifyWebhookSignature(r.body, r.headers['x-buzzchat-signature'] as string, hook.secret)).toBe(true);
    const log = await t.deliveries(hook.id);
    expect(log.map((d: any) => d.status)).toEqual(Array(6).fill('delivered'));
  });

  it('discardHeld drops the held events instead of delivering them; later events flow', async () => {
    t = await startWebhookApp();
    const rx = await receiver();
    const hook = await t.register(rx.url(), ['giveaway.entry']);
    await t.call('PATCH', `/api/v1/webhooks/${hook.id}`, { active: false });
    enter(t, 'stale1');
    enter(t, 'stale2');
    expect((await view(t, hook.id)).heldEvents).toBe(2);

    // While still paused: drops what is held now; later events are held again.
    expect((await t.call('PATCH', `/api/v1/webhooks/${hook.id}`, { discardHeld: true })).json.data).toMatchObject({ active: false, heldEvents: 0 });
    enter(t, 'stale3');
    expect((await view(t, hook.id)).heldEvents).toBe(1);

    const on = await t.call('PATCH', `/api/v1/webhooks/${hook.id}`, { active: true, discardHeld: true });
    expect(on.json.data).toMatchObject({ active: true, heldEvents: 0 });
    expect(await t.deliveries(hook.id)).toEqual([]);
    enter(t, 'fresh');
    await waitFor(() => rx.received.length === 1, WAIT_MS, 'the new event');
    await outboxIdle(t!);
    expect(rx.received.map((r) => r.json.data.username)).toEqual(['fresh']);

    // discardHeld: false is the default behaviour (deliver them).
    await t.call('PATCH', `/api/v1/webhooks/${hook.id}`, { active: false });
    enter(t, 'kept');
    expect((await t.call('PATCH', `/api/v1/webhooks/${hook.id}`, { active: true, discardHeld: false })).json.data.heldEvents).toBe(0);
    await waitFor(() => rx.received.length === 2, WAIT_MS, 'the kept event');
    expect(rx.received[1]!.json.data.username).toBe('kept');

    for (const body of [{}, { discardHeld: 'yes' }, { discardHeld: 1 }]) {
      const r = await t.call('PATCH', `/api/v1/webhooks/${hook.id}`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.code).toBe('VALIDATION_ERROR');
    }
  });

  it('prunes held events beyond the newest N per endpoint and older than the age limit, with a warning', async () => {
    const clock = new ManualClock(Date.now());
    const warnings: string[] = [];
    const logger: Logger = { info() {}, error() {}, warn: (...a) => warnings.push(a.join(' ')) };
    const DAY = 24 * 3600_000;
    t = await startWebhookApp({ heldMaxPerEndpoint: 3, heldMaxAgeMs: 2 * DAY }, { clock, logger });
    const rx = await receiver();
    const live = await receiver();
    const hook = await t.register(rx.url(), ['giveaway.entry']);
    const other = await t.register(rx.url().replace('/hook', '/other'), ['giveaway.entry']);
    await t.register(live.url(), ['giveaway.entry']);
    await t.call('PATCH', `/api/v1/webhooks/${hook.id}`, { active: false });
    await t.call('PATCH', `/api/v1/webhooks/${other.id}`, { active: false });
    const events = recordEntries(t);
    for (let i = 1; i <= 5; i++) enter(t, `old${i}`);
    await waitFor(() => live.received.length === 5, WAIT_MS, 'the active endpoint');

    t.webhooks.worker.prune();
    expect((await view(t, hook.id)).heldEvents).toBe(3);
    expect((await view(t, other.id)).heldEvents).toBe(3);
    // The newest are kept.
    expect((await t.deliveries(hook.id)).map((d: any) => d.eventId)).toEqual(
      events
        .slice(2)
        .map((e) => e.id)
        .reverse(),
    );
    expect(warnings.filter((w) => w.includes('dropped 2 held events'))).toHaveLength(2);
    // The active endpoint's delivered log is untouched.
    expect((await t.deliveries((await t.call('GET', '/api/v1/webhooks')).json.data.webhooks[2].id)).length).toBe(5);

    clock.advance(2 * DAY + 1000);
    enter(t, 'new1');
    t.webhooks.worker.prune();
    expect((await view(t, hook.id)).heldEvents).toBe(1);
    t.webhooks.worker.prune(); // nothing more to drop
    expect((await view(t, hook.id)).heldEvents).toBe(1);

    // What is kept is what gets delivered.
    await t.call('PATCH', `/api/v1/webhooks/${other.id}`, { active: true, discardHeld: true });
    await t.call('PATCH', `/api/v1/webhooks/${hook.id}`, { active: true });
    await waitFor(() => rx.received.length === 1, WAIT_MS, 'the surviving held event');
    await outboxIdle(t!);
    expect(rx.received.map((r) => r.json.data.username)).toEqual(['new1']);
  });

  it('held events survive a restart; deleting the endpoint drops them', async () => {
    t = await startWebhookApp();
    const rx = await receiver();
    const hook = await t.register(rx.url(), ['giveaway.entry']);
    const gone = await t.register(rx.url().replace('/hook', '/gone'), ['giveaway.entry']);
    await t.call('PATCH', `/api/v1/webhooks/${hook.id}`, { active: false });
    await t.call('PATCH', `/api/v1/webhooks/${gone.id}`, { active: false });
    enter(t, 'across-restart');
    const dataDir = t.dataDir;
    await t.stop();
    t = await startWebhookApp({}, { dataDir });
    expect((await view(t, hook.id)).heldEvents).toBe(1);
    await outboxIdle(t!);
    expect(rx.received).toHaveLength(0);

    expect((await t.call('DELETE', `/api/v1/webhooks/${gone.id}`)).status).toBe(200);
    const rows = t.app.services.db.prepare('SELECT COUNT(*) AS n FROM webhook_deliveries WHERE webhook_id = ?').get(gone.id) as { n: number };
    expect(rows.n).toBe(0);

    await t.call('PATCH', `/api/v1/webhooks/${hook.id}`, { active: true });
    await waitFor(() => rx.received.length === 1, WAIT_MS, 'the held event');
    expect(rx.received[0]!.json.data.username).toBe('across-restart');
    expect(rx.received[0]!.headers['content-type']).toBe('application/json');
  });
});
