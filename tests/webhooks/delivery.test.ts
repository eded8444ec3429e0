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
  return t.app.services.giveaway.addEntry(t.accountId, { username, entriesPerUser: 1 });
}

describe('webhook delivery', () => {
  it('delivers a real giveaway.entry with the exact payload, headers and both signatures', async () => {
    t = await startWebhookApp();
    const rx = await receiver();
    const { id, secret } = await t.register(rx.url(), ['giveaway.entry']);
    const events: BusEvent[] = [];
    t.app.services.bus.subscribe((e) => events.push(e));
    expect(enter(t, 'viewer123').accepted).toBe(true);
    const got = await waitFor(() => rx.received[0], WAIT_MS, 'delivery');
    const evt = events.find((e) => e.type === 'giveaway.entry')!;

    expect(Object.keys(got.json)).toEqual(['id', 'type', 'timestamp', 'data']);
    expect(got.json).toEqual({ id: evt.id, type: 'giveaway.entry', timestamp: evt.timestamp, data: { ...evt.data, accountId: t.accountId } });
    expect(got.json.id).toMatch(/^evt_/);
    expect(got.json.data.username).toBe('viewer123');
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['user-agent']).toBe('BuzzChat-Webhooks/1');
    expect(got.headers['webhook-id']).toBe(evt.id);
    expect(Math.abs(Number(got.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
    expect(got.headers['x-buzzchat-signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(got.body, got.headers['x-buzzchat-signature'] as string, secret)).toBe(true);
    expect(verifyStandardWebhook(secret, got.headers, got.body)).toBe(true);
    // Tampering is detected by both.
    const tampered = got.body.replace('viewer123', 'viewer124');
    expect(verifyWebhookSignature(tampered, got.headers['x-buzzchat-signature'] as string, secret)).toBe(false);
    expect(verifyStandardWebhook(secret, got.headers, tampered)).toBe(false);

    const [d] = await waitForDeliveries(t, id, (ds) => ds[0]?.status === 'delivered');
    expect(d).toMatchObject({ eventId: evt.id, eventType: 'giveaway.entry', status: 'delivered', attempts: 1, nextAttemptAt: null });
    expect(d.attemptLog).toHaveLength(1);
    expect(d.attemptLog[0]).toMatchObject({ attempt: 1, statusCode: 200, error: null, responseBody: 'ok' });
    expect(d.attemptLog[0].latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('delivers only subscribed public events: bot.started/bot.stopped from PATCH /settings, never internal ones', async () => {
    t = await startWebhookApp();
    const bots = await receiver();
    const all = await receiver();
    await t.register(bots.url(), ['bot.started', 'bot.stopped']);
    await t.register(all.url(), ['giveaway.entry', 'giveaway.winner', 'message.sent', 'message.received', 'bot.started', 'bot.stopped']);
    expect((await t.call('PATCH', '/api/v1/settings', { botActive: true })).status).toBe(200);
    enter(t, 'a');
    enter(t, 'b');
    expect((await t.call('POST', '/api/v1/giveaway/pick-winner', { count: 1 })).status).toBe(200);
    expect((await t.call('DELETE', '/api/v1/giveaway/entries')).status).toBe(200); // giveaway.cleared: internal
    expect((await t.call('PATCH', '/api/v1/settings', { botActive: false })).status).toBe(200);
    await waitFor(() => all.received.length >= 5 && bots.received.length >= 2, WAIT_MS, 'deliveries');
    await outboxIdle(t); // nothing else is owed, so nothing else can arrive
    expect(bots.received.map((r) => r.json.type)).toEqual(['bot.started', 'bot.stopped']);
    expect(bots.received[0]!.json.data).toEqual({ accountId: t.accountId });
    expect(all.received.map((r) => r.json.type).sort()).toEqual([
      'bot.started',
      'bot.stopped',
      'giveaway.entry',
      'giveaway.entry',
      'giveaway.winner',
    ]);
    const winner = all.ofType('giveaway.winner')[0]!.json.data;
    expect(winner.winners).toHaveLength(1);
    expect(winner.accountId).toBe(t.accountId);
  });

  it('writes the outbox row in the publisher transaction: a rolled-back entry is never delivered', async () => {
    t = await startWebhookApp();
    const rx = await receiver();
    const { id } = await t.register(rx.url(), ['giveaway.entry']);
    const s = t.app.services;
    expect(() =>
      s.db.transaction(() => {
        enter(t!, 'ghost');
        throw new Error('rollback');
      })(),
    ).toThrow('rollback');
    enter(t, 'real');
    await waitFor(() => rx.received.length >= 1, WAIT_MS, 'delivery');
    await outboxIdle(t);
    expect(rx.received.map((r) => r.json.data.username)).toEqual(['real']);
    expect((await t.deliveries(id)).map((d: any) => d.status)).toEqual(['delivered']);
  });

  it('retries after 500s with the same event id and bytes, logging every attempt', async () => {
    t = await startWebhookApp();
    const rx = await receiver();
    rx.reply = (_r, n) => ({ status: n <= 2 ? 500 : 200 });
    const { id } = await t.register(rx.url(), ['giveaway.entry']);
    enter(t, 'retry-me');
    const [d] = await waitForDeliveries(t, id, (ds) => ds[0]?.status === 'delivered');
    expect(rx.received).toHaveLength(3);
    expect(new Set(rx.received.map((r) => r.body)).size).toBe(1);
    expect(new Set(rx.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(d.attempts).toBe(3);
    expect(d.attemptLog.map((a: any) => [a.statusCode, a.error])).toEqual([
      [500, 'HTTP 500'],
      [500, 'HTTP 500'],
      [200, null],
    ]);
    // Backoff was respected: attempt 2 at least 20 ms after attempt 1, attempt 3 at least 40 ms after 2.
    const at = rx.received.map((r) => r.at);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(15);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(35);
  });

  it('treats a timeout and a redirect as failures and retries them', async () => {
    t = await startWebhookApp({ timeoutMs: 150 });
    const rx = await receiver();
    rx.reply = (_r, n) =>
      n === 1 ? { status: 200, delayMs: 1000 } : n === 2 ? { status: 302, headers: { location: 'http://10.0.0.1/' } } : { status: 204 };
    const { id } = await t.register(rx.url(), ['giveaway.entry']);
    enter(t, 'slowpoke');
    const [d] = await waitForDeliveries(t, id, (ds) => ds[0]?.status === 'delivered');
    expect(d.attemptLog).toHaveLength(3);
    expect(d.attemptLog[0]).toMatchObject({ statusCode: null, error: 'Timed out after 150 ms' });
    expect(d.attemptLog[0].latencyMs).toBeGreaterThanOrEqual(140);
    expect(d.attemptLog[1]).toMatchObject({ statusCode: 302, error: 'Redirect (HTTP 302) not followed' });
    expect(d.attemptLog[2]).toMatchObject({ statusCode: 204, error: null });
  });

  it('marks a delivery dead after the last attempt; manual retry redelivers it', async () => {
    t = await startWebhookApp({ retrySchedule: [10, 10] });
    const rx = await receiver();
    rx.reply = () => ({ status: 500 });
    const { id } = await t.register(rx.url(), ['giveaway.entry']);
    enter(t, 'doomed');
    const [dead] = await waitForDeliveries(t, id, (ds) => ds[0]?.status === 'dead');
    expect(dead.attempts).toBe(3);
    expect(rx.received).toHaveLength(3);
    await outboxIdle(t);
    expect(rx.received).toHaveLength(3); // no more attempts once dead: nothing pending

    rx.reply = () => ({ status: 200 });
    const retry = await t.call('POST', `/api/v1/webhooks/${id}/deliveries/${dead.id}/retry`);
    expect(retry.status).toBe(202);
    expect(retry.json.data).toMatchObject({ id: dead.id, status: 'pending' });
    const [ok] = await waitForDeliveries(t, id, (ds) => ds[0]?.status === 'delivered');
    expect(ok.attempts).toBe(4);
    expect(rx.received.at(-1)!.json.id).toBe(dead.eventId);
    // A delivered one can be redelivered too (e.g. the receiver lost it).
    expect((await t.call('POST', `/api/v1/webhooks/${id}/deliveries/${dead.id}/retry`)).status).toBe(202);
    await waitFor(() => rx.received.length === 5, WAIT_MS, 'redelivery');
    expect((await t.call('POST', `/api/v1/webhooks/${id}/deliveries/999999/retry`)).json.error.code).toBe('NOT_FOUND');
  });

  it('disables an endpoint that keeps failing, emits webhook.disabled, and resumes on re-enable', async () => {
    const warnings: string[] = [];
    const logger: Logger = { info() {}, error() {}, warn: (...a) => warnings.push(a.join(' ')) };
    t = await startWebhookApp({ retrySchedule: [10, 10, 10, 10, 10, 10], disableMinFailures: 4, disableAfterMs: 30 }, { logger });
    const rx = await receiver();
    rx.reply = () => ({ status: 500 });
    const disabled: BusEvent[] = [];
    t.app.services.bus.subscribe((e) => e.type === 'webhook.disabled' && disabled.push(e));
    const { id } = await t.register(rx.url(), ['giveaway.entry']);
    enter(t, 'one');
    enter(t, 'two');
    await waitFor(() => disabled.length > 0, WAIT_MS, 'webhook.disabled');
    const view = (await t.call('GET', `/api/v1/webhooks/${id}`)).json.data;
    expect(view.active).toBe(false);
    expect(view.disabledReason).toMatch(/attempts in a row/);
    expect(disabled[0]!.data).toMatchObject({ webhookId: id, url: rx.url() });
    expect(warnings.some((w) => w.includes(id) && w.includes('disabled'))).toBe(true);
    // Disabled: nothing is sent; a new event is held for it, the queued retries wait.
    await outboxIdle(t); // an attempt in flight when it was disabled ends first
    const before = rx.received.length;
    enter(t, 'three');
    await outboxIdle(t);
    expect(rx.received.length).toBe(before);
    const pending = (await t.deliveries(id)).filter((d: any) => d.status === 'pending');
    expect(pending).toHaveLength(2);
    expect((await t.call('GET', `/api/v1/webhooks/${id}`)).json.data.heldEvents).toBe(1);
    expect((await t.call('POST', `/api/v1/webhooks/${id}/deliveries/${pending[0].id}/retry`)).json.error.code).toBe('CONFLICT');

    rx.reply = () => ({ status: 200 });
    const re = await t.call('PATCH', `/api/v1/webhooks/${id}`, { active: true });
    expect(re.json.data).toMatchObject({ active: true, disabledReason: null, heldEvents: 0 });
    await waitForDeliveries(t, id, (ds) => ds.length === 3 && ds.every((d: any) => d.status === 'delivered'));
    expect(new Set(rx.ofType('giveaway.entry').map((r) => r.json.data.username))).toEqual(new Set(['one', 'two', 'three']));
  });

  it('default health rule: a burst of failures does not disable; failing for 5 days (and 20+ attempts) does', async () => {
    const clock = new ManualClock(Date.now());
    t = await startWebhookApp({ retrySchedule: Array(30).fill(10) }, { clock });
    const rx = await receiver();
    rx.reply = () => ({ status: 500 });
    const { id } = await t.register(rx.url(), ['giveaway.entry']);
    for (let i = 0; i < 25; i++) enter(t, `burst${i}`);
    await waitForDeliveries(t, id, (ds) => ds.length === 25 && ds.every((d: any) => d.attempts === 1));
    expect((await t.call('GET', `/api/v1/webhooks/${id}`)).json.data.active).toBe(true);
    clock.advance(5 * 24 * 3600_000 - 1000);
    await waitFor(() => rx.received.length >= 50, WAIT_MS, 'second attempts');
    expect((await t.call('GET', `/api/v1/webhooks/${id}`)).json.data.active).toBe(true);
    clock.advance(2000);
    const view = await waitFor(() => t!.webhooks.service.list().find((w) => w.id === id && !w.active), WAIT_MS, 'disabled after 5 days');
    expect(view.disabledReason).toMatch(new RegExp(`since ${new Date(clock.now() - 5 * 24 * 3600_000 - 1000).toISOString().slice(0, 10)}`));
  });

  it('pages the delivery log newest first and filters by status', async () => {
    t = await startWebhookApp();
    const rx = await receiver();
    const { id } = await t.register(rx.url(), ['giveaway.entry']);
    for (const u of ['a', 'b', 'c']) enter(t, u);
    await waitForDeliveries(t, id, (ds) => ds.length === 3 && ds.every((d: any) => d.status === 'delivered'));
    const p1 = (await t.call('GET', `/api/v1/webhooks/${id}/deliveries?limit=2`)).json.data;
    expect(p1.deliveries).toHaveLength(2);
    expect(p1.deliveries[0].id).toBeGreaterThan(p1.deliveries[1].id);
    const p2 = (await t.call('GET', `/api/v1/webhooks/${id}/deliveries?limit=2&before=${p1.nextBefore}`)).json.data;
    expect(p2.deliveries).toHaveLength(1);
    expect(p2.nextBefore).toBeNull();
    const names = [...p1.deliveries, ...p2.deliveries].map((d: any) => rx.received.find((r) => r.json.id === d.eventId)!.json.data.username);
    expect(names).toEqual(['c', 'b', 'a']);
    expect((await t.call('GET', `/api/v1/webhooks/${id}/deliveries?status=dead`)).json.data.deliveries).toEqual([]);
    expect((await t.call('GET', `/api/v1/webhooks/${id}/deliveries?status=delivered`)).json.data.deliveries).toHaveLength(3);
  });

  it('vets resolved addresses at delivery time (DNS rebinding); allowPrivateNetworks lifts it', async () => {
    const rx = await receiver();
    const names: Record<string, string[]> = { 'rebind.test': ['127.0.0.1', '10.0.0.1'], 'meta.test': ['169.254.169.254'], 'ok.test': ['127.0.0.1'] };
    t = await startWebhookApp({
      retrySchedule: [60_000],
      resolver: async (host) => (names[host] ?? []).map((address) => ({ address, family: 4 })),
    });
    const rebind = await t.register(`http://rebind.test:${rx.port}/hook`, ['giveaway.entry']);
    const meta = await t.register(`http://meta.test:${rx.port}/hook`, ['giveaway.entry']);
    const ok = await t.register(`http://ok.test:${rx.port}/hook`, ['giveaway.entry']);
    enter(t, 'x');
    const [r1] = await waitForDeliveries(t, rebind.id, (ds) => ds[0]?.attempts === 1);
    expect(r1.status).toBe('pending');
    expect(r1.attemptLog[0]).toMatchObject({
      statusCode: null,
      error: 'rebind.test resolves to private-network address 10.0.0.1 and allowPrivateNetworks is off',
    });
    const [m1] = await waitForDeliveries(t, meta.id, (ds) => ds[0]?.attempts === 1);
    expect(m1.attemptLog[0].error).toMatch(/169\.254\.169\.254/);
    await waitForDeliveries(t, ok.id, (ds) => ds[0]?.status === 'delivered');
    expect(rx.received).toHaveLength(1);
    expect((await t.call('POST', `/api/v1/webhooks/${rebind.id}/test`)).json.data).toMatchObject({ delivered: false, responseCode: null });

    await t.call('PATCH', '/api/v1/webhooks/config', { allowPrivateNetworks: true });
    expect((await t.call('POST', `/api/v1/webhooks/${rebind.id}/deliveries/${r1.id}/retry`)).status).toBe(202);
    await waitForDeliveries(t, rebind.id, (ds) => ds[0]?.status === 'delivered');
    expect(rx.received).toHaveLength(2);
  });

  it('shares capacity fairly: a slow endpoint with a backlog does not hold up a fast one', async () => {
    // The slow endpoint never answers while the test runs (and times out only after it), so how far it got is
    // fixed by the caps, not by how fast this machine is.
    t = await startWebhookApp({ concurrency: 4, perEndpointConcurrency: 2, timeoutMs: 60_000 });
    const slow = await receiver();
    const fast = await receiver();
    slow.reply = () => 'hang';
    await t.register(slow.url(), ['giveaway.entry']);
    for (let i = 0; i < 20; i++) enter(t, `early${i}`);
    await t.register(fast.url(), ['giveaway.entry']);
    for (let i = 0; i < 10; i++) enter(t, `late${i}`);
    await waitFor(() => fast.received.length === 10, WAIT_MS, 'fast endpoint');
    // The slow one holds its two slots with 28 deliveries waiting; the fast one got the other two slots.
    expect(slow.received.length).toBe(2);
  });
});

async function waitForDeliveries(t: WebhookTestApp, id: string, ok: (ds: any[]) => boolean): Promise<any[]> {
  let last: any[] = [];
  const until = Date.now() + WAIT_MS;
  while (Date.now() < until) {
    last = await t.deliveries(id);
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 15));
  }
  throw new Error(`Deliveries never matched: ${JSON.stringify(last, null, 1).slice(0, 1500)}`);
}
