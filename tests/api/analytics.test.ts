import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock.js';
import type { Cause } from '../../src/main/analytics/store.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
afterEach(async () => t?.stop());

const DAY = 86_400_000;

describe('analytics', () => {
  it('computes totals and breakdown percentages from stored events, per period', async () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 24, 12));
    t = await startTestApp({ clock });
    const { chatEvents, accounts } = t.app.services;
    const accountId = accounts.active().id;
    const sent = (cause: Cause, n: number, at: number) => {
      for (let i = 0; i < n; i++) chatEvents.record({ accountId, direction: 'sent', cause, username: null, text: 'x', at });
    };
    const now = clock.now();
    sent('welcome', 9, now - 1000);
    sent('faq', 6, now - 1000);
    sent('timer', 5, now - 1000);
    sent('welcome', 10, now - 3 * DAY);
    sent('timer', 4, now - 40 * DAY);
    chatEvents.record({ accountId, direction: 'received', cause: null, username: 'a', text: 'hi', at: now - 10 });
    chatEvents.record({ accountId, direction: 'received', cause: null, username: 'a', text: 'hi again', at: now - 10 });
    chatEvents.record({ accountId, direction: 'received', cause: null, username: 'b', text: 'yo', at: now - 10 });

    const day = (await t.call('GET', '/api/v1/analytics?period=day')).json.data;
    expect(day).toMatchObject({ totalMessages: 20, welcomeMessages: 9, faqReplies: 6, timerMessages: 5, period: 'day' });
    expect(day.breakdown).toEqual({ welcome: 45, faq: 30, timer: 25 });
    expect(day).toMatchObject({ messagesReceived: 3, uniqueChatters: 2 });
    const week = (await t.call('GET', '/api/v1/analytics')).json.data;
    expect(week).toMatchObject({ period: 'week', totalMessages: 30, welcomeMessages: 19 });
    expect(week.breakdown.welcome).toBe(63.3);
    expect((await t.call('GET', '/api/v1/analytics?period=month')).json.data.totalMessages).toBe(30);
    const all = (await t.call('GET', '/api/v1/analytics?period=all')).json.data;
    expect(all).toMatchObject({ totalMessages: 34, timerMessages: 9, since: null });
  });

  it('answers zeros without dividing by zero, and validates period', async () => {
    t = await startTestApp();
    const r = await t.call('GET', '/api/v1/analytics?period=all');
    expect(r.json.data.breakdown).toEqual({ welcome: 0, faq: 0, timer: 0 });
    const bad = await t.call('GET', '/api/v1/analytics?period=year');
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('VALIDATION_ERROR');
  });

  it('lists top FAQ triggers by count', async () => {
    t = await startTestApp();
    const accountId = t.app.services.accounts.active().id;
    const hit = (trigger: string, n: number) => {
      for (let i = 0; i < n; i++)
        t.app.services.chatEvents.record({ accountId, direction: 'received', cause: 'faq', username: 'u', text: trigger, trigger, at: Date.now() });
    };
    hit('size', 2);
    hit('shipping', 5);
    hit('payment', 3);
    const r = await t.call('GET', '/api/v1/analytics/faq-triggers');
    expect(r.json.data.triggers).toEqual([
      { keyword: 'shipping', count: 5 },
      { keyword: 'payment', count: 3 },
      { keyword: 'size', count: 2 },
    ]);
    expect((await t.call('GET', '/api/v1/analytics/faq-triggers?limit=1')).json.data.triggers).toHaveLength(1);
    expect((await t.call('GET', '/api/v1/analytics/faq-triggers?limit=0')).status).toBe(400);
  });
});

describe('analytics windows', () => {
  it('counts exactly from the start of the period, not from the start of its hour or UTC day', async () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 24, 12, 20));
    t = await startTestApp({ clock });
    const { chatEvents, accounts } = t.app.services;
    const accountId = accounts.active().id;
    const at = (d: number, h: number, m: number) => Date.UTC(2025, 0, d, h, m);
    const sent = (cause: Cause, when: number) => chatEvents.record({ accountId, direction: 'sent', cause, username: null, text: 'x', at: when });
    const heard = (username: string, when: number) => chatEvents.record({ accountId, direction: 'received', cause: null, username, text: 'x', at: when });
    // period=day starts at Jan 23 12:20.
    sent('faq', at(23, 12, 10)); // same hour as the start, before it: out
    sent('faq', at(23, 12, 30)); // partial first hour: in
    sent('welcome', at(23, 13, 5)); // whole hour: in
    heard('early', at(23, 3, 0)); // same UTC day as the start, before it: out
    heard('late', at(23, 20, 0)); // partial first day: in
    heard('today', at(24, 1, 0));
    heard('late', at(24, 2, 0)); // counted once across the partial and the whole day
    const day = (await t.call('GET', '/api/v1/analytics?period=day')).json.data;
    expect(day).toMatchObject({ totalMessages: 2, faqReplies: 1, welcomeMessages: 1, messagesReceived: 3, uniqueChatters: 2 });
    expect(day.breakdown).toEqual({ welcome: 50, faq: 50, timer: 0 });
    const all = (await t.call('GET', '/api/v1/analytics?period=all')).json.data;
    expect(all).toMatchObject({ totalMessages: 3, messagesReceived: 4, uniqueChatters: 3 });
  });
});

describe('analytics rollups', () => {
  it('keeps hourly rollups in step with stored events (migration 3 trigger)', async () => {
    t = await startTestApp();
    const accountId = t.app.services.accounts.active().id;
    const at = Date.UTC(2025, 0, 24, 10, 30);
    for (let i = 0; i < 5; i++) t.app.services.chatEvents.record({ accountId, direction: 'sent', cause: 'faq', username: null, text: 'x', at });
    t.app.services.chatEvents.record({ accountId, direction: 'received', cause: null, username: 'ann', text: 'x', at });
    const rows = t.app.services.db.prepare('SELECT direction, cause, n FROM chat_stats_hourly ORDER BY direction').all();
    expect(rows).toEqual([
      { direction: 'received', cause: '', n: 1 },
      { direction: 'sent', cause: 'faq', n: 5 },
    ]);
  });
});
