import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/kernel/clock.js';
import { startTestApp, tempDir, type TestApp } from '../helpers/app.js';

let t: TestApp;
afterEach(async () => t?.stop());

const activate = (t: TestApp) => t.call('PATCH', '/api/v1/settings', { botActive: true });

describe('POST /messages/send and the durable queue', () => {
  it('refuses with BOT_INACTIVE while the bot is off and queues nothing', async () => {
    t = await startTestApp();
    const r = await t.call('POST', '/api/v1/messages/send', { message: 'hi' });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('BOT_INACTIVE');
    expect((await t.call('GET', '/api/v1/messages')).json.data.messages).toHaveLength(0);
  });

  it('queues a message and reports its status', async () => {
    const clock = new ManualClock();
    t = await startTestApp({ clock });
    await activate(t);
    const r = await t.call('POST', '/api/v1/messages/send', { message: 'Thanks for joining! Use code SAVE10', delay: 5000 });
    expect(r.status).toBe(200);
    expect(r.json.data.messageId).toMatch(/^msg_[a-z0-9]+$/);
    expect(r.json.data.sentAt).toBe(new Date(clock.now() + 5000).toISOString());
    const status = await t.call('GET', `/api/v1/messages/${r.json.data.messageId}`);
    expect(status.json.data).toMatchObject({ status: 'queued', message: 'Thanks for joining! Use code SAVE10', cause: 'api' });
    // Not due before its delay; due after.
    const accountId = t.app.services.accounts.active().id;
    expect(t.app.services.messages.claimNext(accountId)).toBeUndefined();
    clock.advance(5000);
    const claimed = t.app.services.messages.claimNext(accountId)!;
    expect(claimed.id).toBe(r.json.data.messageId);
    t.app.services.messages.markSent(claimed.id);
    const sent = await t.call('GET', `/api/v1/messages/${claimed.id}`);
    expect(sent.json.data.status).toBe('sent');
    expect((await t.call('GET', '/api/v1/analytics?period=day')).json.data.apiMessages).toBe(1);
  });

  it.each([
    [{}, /message/],
    [{ message: '' }, /message/],
    [{ message: '   ' }, /blank/],
    [{ message: 'x'.repeat(501) }, /500/],
    [{ message: 42 }, /message/],
    [{ message: 'ok', delay: -1 }, /delay/],
    [{ message: 'ok', delay: 3_600_001 }, /delay/],
    [{ message: 'ok', delay: 1.5 }, /delay/],
    [{ message: 'ok', extra: true }, /extra/],
  ])('rejects %j with VALIDATION_ERROR', async (body, pattern) => {
    t = await startTestApp();
    await activate(t);
    const r = await t.call('POST', '/api/v1/messages/send', body);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('VALIDATION_ERROR');
    expect(r.json.error.message).toMatch(pattern);
    expect((await t.call('GET', '/api/v1/messages')).json.data.messages).toHaveLength(0);
  });

  it('accepts exactly 500 characters and 3,600,000 ms', async () => {
    t = await startTestApp();
    await activate(t);
    const r = await t.call('POST', '/api/v1/messages/send', { message: 'y'.repeat(500), delay: 3_600_000 });
    expect(r.status).toBe(200);
  });

  it('404s an unknown message id and validates its shape', async () => {
    t = await startTestApp();
    expect((await t.call('GET', '/api/v1/messages/msg_doesnotexist')).status).toBe(404);
    expect((await t.call('GET', '/api/v1/messages/nope')).json.error.code).toBe('VALIDATION_ERROR');
  });

  it('keeps queued messages across a restart, and re-queues one caught mid-send', async () => {
    const dataDir = tempDir();
    t = await startTestApp({ dataDir });
    await activate(t);
    const a = (await t.call('POST', '/api/v1/messages/send', { message: 'first' })).json.data.messageId;
    const b = (await t.call('POST', '/api/v1/messages/send', { message: 'second' })).json.data.messageId;
    const claimed = t.app.services.messages.claimNext(t.app.services.accounts.active().id)!;
    expect(claimed.id).toBe(a);
    await t.stop();
    t = await startTestApp({ dataDir });
    const statuses = [a, b].map((id) => t.app.services.messages.get(id).status);
    expect(statuses).toEqual(['queued', 'queued']);
  });

  it('retries then fails a message, recording the error', async () => {
    const clock = new ManualClock();
    t = await startTestApp({ clock });
    await activate(t);
    const id = (await t.call('POST', '/api/v1/messages/send', { message: 'x' })).json.data.messageId;
    const accountId = t.app.services.accounts.active().id;
    t.app.services.messages.claimNext(accountId);
    t.app.services.messages.markFailed(id, 'no echo', 1000);
    expect(t.app.services.messages.get(id)).toMatchObject({ status: 'queued', error: 'no echo', attempts: 1 });
    expect(t.app.services.messages.claimNext(accountId)).toBeUndefined();
    clock.advance(1000);
    expect(t.app.services.messages.claimNext(accountId)?.attempts).toBe(2);
    t.app.services.messages.markFailed(id, 'input missing', null);
    const r = await t.call('GET', `/api/v1/messages/${id}`);
    expect(r.json.data).toMatchObject({ status: 'failed', error: 'input missing', attempts: 2 });
  });
});
