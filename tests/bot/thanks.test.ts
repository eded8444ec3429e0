import { afterEach, describe, expect, it } from 'vitest';
import { botModule } from '../../src/main/domains/bot/domain.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { FakeGateway } from './fixtures.js';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

const base = (accountId: string) => ({ accountId, showId: null, platform: 'whatnot', at: new Date().toISOString() });

describe('thanks for tips, raids and sales', () => {
  it('queues each enabled thank-you with its placeholders, none for what is off, nothing while the bot is off', async () => {
    const gateway = new FakeGateway();
    t = await startTestApp({ modules: (s) => [botModule(s, gateway, { tickMs: 0 })] });
    const s = t.app.services;
    const accountId = s.accounts.active().id;
    const texts = () =>
      s.messages
        .list(accountId, undefined, 50)
        .map((m) => [m.cause, m.message])
        .reverse();
    const tip = () =>
      s.events.emit('stream.tip', accountId, { ...base(accountId), type: 'tip', username: 'ana', amount: 5, currency: 'USD', text: null });
    const bits = () =>
      s.events.emit('stream.tip', accountId, { ...base(accountId), type: 'tip', username: 'bob', amount: 100, currency: 'bits', text: null });
    const raid = (direction: 'incoming' | 'outgoing') =>
      s.events.emit('stream.raid', accountId, { ...base(accountId), type: 'raid', direction, fromUsername: 'pal', toUsername: null, viewers: 40 });
    const sold = () =>
      s.events.emit('stream.product', accountId, {
        ...base(accountId),
        type: 'product',
        action: 'sold',
        productId: 'p1',
        title: 'Charizard',
        price: 25,
        currency: 'USD',
        buyer: 'cat',
      });

    s.settings.update(accountId, { botActive: false, thanks: { tips: { enabled: true, message: 'Thanks {username} for {amount}!' } } });
    tip();
    expect(texts()).toEqual([]);

    s.settings.update(accountId, { botActive: true, thanks: { raids: { enabled: true, message: 'Welcome {username} and {viewers} raiders' } } });
    tip();
    bits();
    raid('incoming');
    raid('outgoing');
    sold();
    expect(texts()).toEqual([
      ['thanks', 'Thanks ana for $5.00!'],
      ['thanks', 'Thanks bob for 100 bits!'],
      ['thanks', 'Welcome pal and 40 raiders'],
    ]);
    s.settings.update(accountId, { thanks: { sales: { enabled: true, message: 'Congrats {username} on {product} ({price})' } } });
    sold();
    expect(texts().at(-1)).toEqual(['thanks', 'Congrats cat on Charizard ($25.00)']);
  });
});
