import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { line } from '../bot/fixtures.js';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

// Lines are recorded where they enter (the chat domain's chat.message) and leave (message.sent): no bot needed.
describe('analytics records chat lines from the bus', () => {
  it('records viewer lines (with what the bot made of them, when it says), hand-typed host lines, and sent messages once, without a bot loaded', async () => {
    t = await startTestApp();
    const s = t.app.services;
    const accountId = s.accounts.active().id;
    const publish = (l: ReturnType<typeof line>, reaction: { cause: string | null; trigger: string | null } | null = null) =>
      s.events.emit('chat.message', accountId, { ...l, accountId, reaction });
    publish(line('ana', 'hi all'));
    publish(line('bob', 'shipping?'), { cause: 'faq', trigger: 'shipping' });
    publish(line('cat', '', { kind: 'join' }));
    publish(line('Host', 'doors open!', { self: true, manual: true }));
    // The echo of something BuzzChat sent: counted when it was sent, not again here.
    publish(line('Host', 'Welcome ana!', { self: true, manual: false }));
    const queued = s.messages.enqueue({ accountId, text: 'Welcome ana!', cause: 'welcome' });
    s.messages.claimNext(accountId);
    s.messages.markSent(queued.messageId);
    const rows = s.chatEvents.recent(accountId, 0, 10).reverse();
    expect(rows.map((r) => [r.direction, r.cause, r.username, r.text, r.trigger])).toEqual([
      ['received', null, 'ana', 'hi all', null],
      ['received', 'faq', 'bob', 'shipping?', 'shipping'],
      ['sent', 'manual', 'Host', 'doors open!', null],
      ['sent', 'welcome', null, 'Welcome ana!', null],
    ]);
    const triggers = (await t.call('GET', '/api/v1/analytics/faq-triggers')).json.data.triggers;
    expect(triggers).toEqual([{ keyword: 'shipping', count: 1 }]);
  });
});
