import { describe, expect, it } from 'vitest';
import { TIMER_BACKLOG_LIMIT } from '../../src/main/domains/bot/timers.js';
import { engine, line, settings, texts } from './fixtures.js';

const MIN = 60_000;
const timer = (extra: Record<string, unknown> = {}) => ({ id: 't1', message: 'Follow the shop!', intervalMinutes: 10, jitterPercent: 0, ...extra });
const base = (timers: unknown[], extra: Record<string, unknown> = {}) => ({ timerMessages: timers, welcomeEnabled: false, ...extra });

/** Ticks once per simulated second for `ms`, collecting timer texts. */
function run(e: ReturnType<typeof engine>['e'], clock: ReturnType<typeof engine>['clock'], ms: number, ctx = { live: true, queued: 0 }) {
  const out: string[] = [];
  for (let t = 0; t < ms; t += 1000) {
    clock.advance(1000);
    out.push(...texts(e.tick(ctx)));
  }
  return out;
}

describe('timers', () => {
  it('posts every interval while live, starting one interval after going live', () => {
    const { e, clock } = engine(base([timer()]));
    expect(e.tick({ live: true })).toEqual([]); // going live starts the interval
    expect(run(e, clock, 10 * MIN - 1000)).toEqual([]);
    expect(run(e, clock, 1000)).toEqual(['Follow the shop!']);
    expect(run(e, clock, 10 * MIN)).toEqual(['Follow the shop!']);
  });

  it('keeps jitter within +/- jitterPercent', () => {
    for (const [random, expected] of [
      [0, 8 * MIN],
      [0.999999, 12 * MIN],
    ] as const) {
      const { e, clock } = engine(base([timer({ jitterPercent: 20 })]), () => random);
      const start = clock.now();
      e.tick({ live: true });
      expect(Math.abs(e.timerDueAt('t1')! - start - expected)).toBeLessThan(10);
    }
    const values: number[] = [];
    let i = 0;
    const { e, clock } = engine(base([timer({ jitterPercent: 10 })]), () => (i++ * 0.37) % 1);
    e.tick({ live: true });
    for (let n = 0; n < 20; n++) {
      const before = clock.now();
      run(e, clock, 12 * MIN);
      values.push(e.timerDueAt('t1')! - before);
    }
    expect(new Set(values.map((v) => Math.round(v / 1000))).size).toBeGreaterThan(3);
  });

  it('waits for minChatLines viewer lines since its last post (self and history do not count)', () => {
    const { e, clock } = engine(base([timer({ minChatLines: 2 })]));
    e.tick({ live: true });
    expect(run(e, clock, 11 * MIN)).toEqual([]);
    e.handleLine(line('a', 'hi'));
    e.handleLine(line('bot', 'hi', { self: true }));
    e.handleLine(line('old', 'hi', { history: true }));
    expect(run(e, clock, 1000)).toEqual([]);
    e.handleLine(line('b', 'hey'));
    expect(run(e, clock, 1000)).toEqual(['Follow the shop!']);
    expect(run(e, clock, 11 * MIN)).toEqual([]);
  });

  it('does not post while not live, and restarts the interval when the stream goes live again', () => {
    const { e, clock } = engine(base([timer()]));
    expect(run(e, clock, 30 * MIN, { live: false, queued: 0 })).toEqual([]);
    e.tick({ live: true });
    expect(run(e, clock, 10 * MIN - 1000)).toEqual([]);
    expect(run(e, clock, 1000)).toHaveLength(1);
    run(e, clock, 5 * MIN);
    expect(run(e, clock, 20 * MIN, { live: false, queued: 0 })).toEqual([]);
    e.tick({ live: true });
    expect(run(e, clock, 9 * MIN)).toEqual([]);
  });

  it('keeps its schedule through a brief loss of the LIVE badge (page reload or re-render)', () => {
    const { e, clock } = engine(base([timer()]));
    e.tick({ live: true });
    run(e, clock, 8 * MIN);
    // The page reloads: for a few seconds no LIVE badge is on screen.
    expect(run(e, clock, 5000, { live: false, queued: 0 })).toEqual([]);
    expect(run(e, clock, 2 * MIN - 6000)).toEqual([]);
    expect(run(e, clock, 1000)).toEqual(['Follow the shop!']);
  });

  it('delays (never drops) a post blocked by a backed-up send queue', () => {
    const { e, clock } = engine(base([timer()]));
    e.tick({ live: true });
    run(e, clock, 10 * MIN - 1000);
    expect(run(e, clock, 3 * MIN, { live: true, queued: TIMER_BACKLOG_LIMIT })).toEqual([]);
    expect(run(e, clock, 1000)).toEqual(['Follow the shop!']);
    // The next interval counts from the actual post.
    expect(run(e, clock, 10 * MIN - 1000)).toEqual([]);
    expect(run(e, clock, 1000)).toHaveLength(1);
  });

  it('delays a post while the per-minute budget is spent', () => {
    const { e, clock } = engine(
      base([timer({ intervalMinutes: 0.5 })], {
        botMaxMessagesPerMinute: 1,
        faqRules: [{ triggers: ['price'], response: 'cheap', cooldownSeconds: 0, userCooldownSeconds: 0 }],
      }),
    );
    e.tick({ live: true });
    clock.advance(29_000);
    expect(texts(e.handleLine(line('a', 'price')).actions)).toEqual(['cheap']);
    expect(run(e, clock, 30_000)).toEqual([]); // due since 30 s, but the reply at 29 s spent the minute's budget
    expect(run(e, clock, 30_000)).toEqual(['Follow the shop!']);
  });

  it('rotates messages and posts at most one timer per tick, most overdue first', () => {
    const { e, clock } = engine(
      base([
        timer({ id: 'a', message: undefined, messages: ['A1', 'A2'], intervalMinutes: 1 }),
        timer({ id: 'b', message: 'B', intervalMinutes: 1 }),
      ]),
    );
    e.tick({ live: true });
    clock.advance(MIN);
    expect(texts(e.tick({ live: true }))).toEqual(['A1']);
    expect(run(e, clock, 1000)).toEqual(['B']);
    expect(run(e, clock, MIN)).toEqual(['A2', 'B']);
    expect(run(e, clock, MIN)).toEqual(['A1', 'B']);
  });

  it('keeps a timer schedule across settings changes that do not touch it', () => {
    const { e, clock } = engine(base([timer()]));
    e.tick({ live: true });
    run(e, clock, 5 * MIN);
    const due = e.timerDueAt('t1');
    e.configure(settings(base([timer({ message: 'Edited text' }), timer({ id: 't2', message: 'T2', intervalMinutes: 3 })])));
    expect(e.timerDueAt('t1')).toBe(due);
    expect(run(e, clock, 5 * MIN)).toEqual(['T2', 'Edited text']);
    e.configure(settings(base([timer({ intervalMinutes: 20 })])));
    expect(e.timerDueAt('t1')).toBe(clock.now() + 20 * MIN);
  });

  it('ignores disabled timers', () => {
    const { e, clock } = engine(base([timer({ enabled: false, intervalMinutes: 1 })]));
    e.tick({ live: true });
    expect(run(e, clock, 5 * MIN)).toEqual([]);
  });
});

describe('timer placeholders', () => {
  it('fills {keyword} from the current setting, {entries} on demand and {timeLeft} until the giveaway closes', () => {
    const { e, clock } = engine(base([timer({ message: 'Type {keyword} to enter: {entries} in, {timeLeft} left', intervalMinutes: 1 })]));
    const closesAt = new Date(clock.now() + 10 * MIN).toISOString();
    e.configure({ ...e.settings, giveaway: { ...e.settings.giveaway, keyword: 'win', closesAt } });
    let asked = 0;
    const ctx = { live: true, queued: 0, giveawayEntries: () => (asked++, 7) };
    e.tick(ctx);
    let out: string[] = [];
    for (let i = 0; i < 60 && out.length === 0; i++) {
      clock.advance(1000);
      out = texts(e.tick(ctx));
    }
    expect(out).toEqual(['Type win to enter: 7 in, 9 min left']);
    expect(asked).toBe(1);
  });

  it('leaves {timeLeft} out when the giveaway has no closing time, and shows unknown names as typed', () => {
    const { e, clock } = engine(base([timer({ message: 'Hurry, {timeLeft} left! {oops}', intervalMinutes: 1 })]));
    e.tick({ live: true });
    clock.advance(MIN);
    expect(texts(e.tick({ live: true }))).toEqual(['Hurry, left! {oops}']);
  });
});
