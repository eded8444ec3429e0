import { afterEach, describe, expect, it } from 'vitest';
import { botModule } from '../../src/main/domains/bot/domain.js';
import { webhooksModule } from '../../src/main/domains/webhooks/domain.js';
import { FakeGateway, line } from '../bot/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { FAST } from './harness.js';
import { Receiver, verifyStandardWebhook, verifyWebhookSignature, waitFor } from './receiver.js';
import { WAIT_MS } from '../helpers/wait.js';

let t: TestApp | undefined;
let rx: Receiver | undefined;
afterEach(async () => {
  await t?.stop();
  await rx?.close();
  t = rx = undefined;
});

const ALL = ['giveaway.entry', 'giveaway.winner', 'message.sent', 'message.received', 'bot.started', 'bot.stopped'];

/**
 * The six public events as the running engine produces them (bot module on a chat gateway, the send queue,
 * the giveaway and settings services), each delivered with both signatures: not events published by hand.
 */
describe('webhook events from the engine', () => {
  it('delivers all six event types with the reference data, message.received only for FAQ/command matches', async () => {
    rx = await Receiver.start();
    const gateway = new FakeGateway();
    t = await startTestApp({
      rateLimits: { perMinute: 100_000, perDay: 1_000_000 },
      modules: (s) => [webhooksModule(s, FAST), botModule(s, gateway, { tickMs: 0, random: () => 0.5 })],
    });
    const c = await t.call('POST', '/api/v1/webhooks', { url: rx.url(), events: ALL });
    expect(c.status).toBe(201);
    const secret: string = c.json.data.secret;
    const s = t.app.services;
    const accountId = s.accounts.active().id;
    await t.call('PATCH', '/api/v1/settings', {
      botActive: true,
      welcomeEnabled: false,
      faqRules: [{ triggers: ['shipping'], response: 'Ships Monday', cooldownSeconds: 0, userCooldownSeconds: 0 }],
      commands: [{ name: 'rules', response: 'Be kind' }],
    });
    const keyword: string = (await t.call('GET', '/api/v1/settings')).json.data.giveaway.keyword;
    gateway.push(line('ana', 'hello everyone', { accountId }));
    gateway.push(line('bob', 'shipping to Canada?', { accountId }));
    gateway.push(line('cat', '!rules', { accountId }));
    gateway.push(line('dan', keyword, { accountId }));
    expect((await t.call('POST', '/api/v1/giveaway/pick-winner', { count: 1 })).status).toBe(200);
    // What the chat driver does once the platform shows the bot's reply.
    const queued = s.messages.claimNext(accountId)!;
    s.messages.markSent(queued.id);
    await t.call('PATCH', '/api/v1/settings', { botActive: false });

    await waitFor(() => ALL.every((type) => rx!.ofType(type).length > 0), WAIT_MS, 'every event type');
    for (const r of rx.received) {
      expect(Object.keys(r.json)).toEqual(['id', 'type', 'timestamp', 'data']);
      expect(verifyWebhookSignature(r.body, r.headers['x-buzzchat-signature'] as string, secret), r.json.type).toBe(true);
      expect(verifyStandardWebhook(secret, r.headers, r.body), r.json.type).toBe(true);
    }
    const data = (type: string) => rx!.ofType(type).map((r) => r.json.data);
    expect(data('message.received').map((d) => [d.username, d.matched.type])).toEqual([
      ['bob', 'faq'],
      ['cat', 'command'],
    ]);
    expect(data('giveaway.entry')).toEqual([{ accountId, username: 'dan', entryTime: expect.any(String) }]);
    expect(data('giveaway.winner')[0]).toMatchObject({ winners: ['dan'] });
    expect(data('message.sent')).toEqual([expect.objectContaining({ messageId: queued.id, message: 'Ships Monday', cause: 'faq' })]);
    expect(data('bot.started')).toEqual([{ accountId }]);
    expect(data('bot.stopped')).toEqual([{ accountId }]);
  });
});
