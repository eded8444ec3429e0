import { describe, expect, it } from 'vitest';
import { clockTime } from '../../src/main/domains/bot/text.js';
import { engine, join, line, texts } from './fixtures.js';

describe('welcome', () => {
  it('welcomes a viewer once per stream session, after welcomeDelay', () => {
    const { e } = engine({ welcomeDelay: 3000 });
    const first = e.handleLine(join('ana'));
    expect(first.actions).toEqual([{ type: 'send', text: 'Welcome to the stream, ana!', cause: 'welcome', delayMs: 3000 }]);
    expect(first.cause).toBe('welcome');
    expect(e.handleLine(join('ana')).actions).toEqual([]);
    expect(e.handleLine(line('Ana', 'hi all')).actions).toEqual([]);
    e.resetSession();
    expect(texts(e.handleLine(join('ana')).actions)).toEqual(['Welcome to the stream, ana!']);
  });

  it('starts a new session when a new show goes live, but not across a brief loss of the LIVE badge', () => {
    const { e, clock } = engine();
    e.tick({ live: true });
    expect(texts(e.handleLine(join('ana')).actions)).toHaveLength(1);
    e.tick({ live: false }); // a reload
    clock.advance(5000);
    e.tick({ live: true });
    expect(texts(e.handleLine(join('ana')).actions)).toEqual([]);
    e.tick({ live: false }); // the show ends; the bot stays on until tomorrow
    clock.advance(12 * 3600_000);
    expect(texts(e.handleLine(join('ana')).actions)).toEqual([]); // chat before the next show
    e.tick({ live: true });
    expect(texts(e.handleLine(join('ana')).actions)).toHaveLength(1);
  });

  it('welcomes chatters seen without a join line on their first message', () => {
    const { e } = engine();
    expect(texts(e.handleLine(line('bob', 'hello')).actions)).toEqual(['Welcome to the stream, bob!']);
    expect(texts(e.handleLine(line('bob', 'hello again')).actions)).toEqual([]);
  });

  it('rotates welcomeMessage with welcomeMessages', () => {
    const { e } = engine({ welcomeMessage: 'Hi {username}', welcomeMessages: ['Hey {username}', 'Yo {username}'] });
    const got = ['a', 'b', 'c', 'd'].flatMap((u) => texts(e.handleLine(join(u)).actions));
    expect(got).toEqual(['Hi a', 'Hey b', 'Yo c', 'Hi d']);
  });

  it('fills {time} and {viewerCount}, and drops an unknown viewer count cleanly', () => {
    const { e, clock } = engine({ welcomeMessage: 'Hi {username}, {viewerCount} watching at {time}. {unknown}' });
    expect(texts(e.handleLine(join('a'), { viewerCount: 12 }).actions)).toEqual([`Hi a, 12 watching at ${clockTime(clock.now())}. {unknown}`]);
    const { e: e2 } = engine({ welcomeMessage: 'Hi {username} ({viewerCount})!' });
    expect(texts(e2.handleLine(join('b')).actions)).toEqual(['Hi b ()!']);
    const { e: e3 } = engine({ welcomeMessage: 'Hi {username}, we are {viewerCount} strong' });
    expect(texts(e3.handleLine(join('c')).actions)).toEqual(['Hi c, we are strong']);
  });

  it('never welcomes self, history or the host', () => {
    const { e } = engine({ hostUsername: 'Shop' });
    expect(e.handleLine(join('x')).actions).toHaveLength(1);
    expect(e.handleLine(line('old', 'hi', { history: true })).actions).toEqual([]);
    expect(e.handleLine(line('bot', 'hi', { self: true })).actions).toEqual([]);
    expect(e.handleLine(join('SHOP')).actions).toEqual([]);
    expect(e.handleLine(line('shop', 'hello')).actions).toEqual([]);
    // history did not mark "old" as welcomed: the first live line welcomes them
    expect(texts(e.handleLine(line('old', 'back')).actions)).toEqual(['Welcome to the stream, old!']);
  });

  it('does nothing when welcomes are disabled', () => {
    const { e } = engine({ welcomeEnabled: false });
    expect(e.handleLine(join('a')).actions).toEqual([]);
    expect(e.tick({ live: true })).toEqual([]);
  });

  it('caps welcomes per minute and greets the overflow together', () => {
    const { e, clock } = engine({ welcomeMaxPerMinute: 2, welcomeMessage: 'Welcome {username}!' });
    const now = ['a', 'b', 'c', 'd', 'e'].flatMap((u) => texts(e.handleLine(join(u)).actions));
    expect(now).toEqual(['Welcome a!', 'Welcome b!']);
    expect(e.welcomesWaiting).toBe(3);
    clock.advance(30_000);
    expect(e.tick({ live: true })).toEqual([]);
    clock.advance(30_001);
    expect(e.tick({ live: true })).toEqual([{ type: 'send', text: 'Welcome c, d and e!', cause: 'welcome', delayMs: 0 }]);
    expect(e.welcomesWaiting).toBe(0);
    // A newcomer while the allowance is spent waits too (never jumps the queue).
    e.handleLine(join('f'));
    expect(e.handleLine(join('g')).actions).toEqual([]);
  });

  it('coalesces at most 8 names per message', () => {
    const { e, clock } = engine({ welcomeMaxPerMinute: 1, welcomeMessage: '{username}' });
    e.handleLine(join('first'));
    for (let i = 0; i < 10; i++) e.handleLine(join(`u${i}`));
    clock.advance(60_001);
    const [a] = texts(e.tick({ live: false }));
    expect(a!.split(/, | and /)).toHaveLength(8);
    expect(e.welcomesWaiting).toBe(2);
  });
});
