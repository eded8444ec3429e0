import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/kernel/clock.js';
import type { Cause } from '../../src/main/domains/analytics/store.js';
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
    expect(day.breakdown).toEqual({ welcome: 45, faq: 30, timer: 25, command: 0, api: 0, other: 0 });
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
    expect(r.json.data.breakdown).toEqual({ welcome: 0, faq: 0, timer: 0, command: 0, api: 0, other: 0 });
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

describe('analytics breakdown', () => {
  it('puts every cause in breakdown, summing to exactly 100 (the fuzzed 57.1 + 26.2 + 9.5 case)', async () => {
    t = await startTestApp();
    const { chatEvents, accounts } = t.app.services;
    const accountId = accounts.active().id;
    const at = Date.now() - 1000;
    const sent = (cause: Cause, n: number) => {
      for (let i = 0; i < n; i++) chatEvents.record({ accountId, direction: 'sent', cause, username: null, text: 'x', at });
    };
    // 24 + 11 + 4 of 42 were 57.1 + 26.2 + 9.5 = 92.8 with commands, API and moderation left out.
    sent('welcome', 24);
    sent('faq', 11);
    sent('timer', 4);
    sent('command', 1);
    sent('api', 1);
    sent('moderation', 1);
    const a = (await t.call('GET', '/api/v1/analytics?period=day')).json.data;
    expect(a).toMatchObject({ totalMessages: 42, commandReplies: 1, apiMessages: 1, otherMessages: 1 });
    expect(a.breakdown).toEqual({ welcome: 57.1, faq: 26.2, timer: 9.5, command: 2.4, api: 2.4, other: 2.4 });
    const sum = Object.values(a.breakdown as Record<string, number>).reduce((x, y) => x + y, 0);
    expect(Math.round(sum * 10)).toBe(1000);
  });

  it('rounds by largest remainder so any mix sums to 100.0', async () => {
    const { percentages } = await import('../../src/main/domains/analytics/service.js');
    const mixes: Record<string, number>[] = [
      { a: 1, b: 1, c: 1 },
      { a: 1, b: 1, c: 1, d: 1, e: 1, f: 1, g: 0 },
      { a: 2, b: 3, c: 995 },
      { a: 1, b: 6, c: 0 },
      { a: 17, b: 13, c: 11, d: 7, e: 5, f: 3 },
    ];
    for (const parts of mixes) {
      const total = Object.values(parts).reduce((x, y) => x + y, 0);
      const p = percentages(parts, total);
      expect(Object.values(p).reduce((x, y) => x + Math.round(y * 10), 0)).toBe(1000);
      for (const [k, v] of Object.entries(p)) {
        // Each share is its exact percentage rounded down or up to a tenth, never further off.
        expect(Math.abs(v - (parts[k]! / total) * 100)).toBeLessThan(0.1);
        expect(Math.round(v * 10)).toBe(v * 10);
      }
    }
    expect(percentages({ a: 0, b: 0 }, 0)).toEqual({ a: 0, b: 0 });
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
    const heard = (username: string, when: number) =>
      chatEvents.record({ accountId, direction: 'received', cause: null, username, text: 'x', at: when });
    // period=day starts at Jan 23 12:20.
    sent('faq', at(23, 12, 10)); // same hour as the start, before it: out
    sent('faq', at(23, 12, 30)); // partial first hour: in
    sent('welcome', at(23, 13, 5)); // whole hour: in
    sent('timer', at(23, 13, 40)); // same whole hour, past the start's minute: in, once
    heard('early', at(23, 3, 0)); // same UTC day as the start, before it: out
    heard('late', at(23, 20, 0)); // partial first day: in
    heard('today', at(24, 1, 0));
    heard('late', at(24, 2, 0)); // counted once across the partial and the whole day
    const day = (await t.call('GET', '/api/v1/analytics?period=day')).json.data;
    expect(day).toMatchObject({ totalMessages: 3, faqReplies: 1, welcomeMessages: 1, timerMessages: 1, messagesReceived: 3, uniqueChatters: 2 });
    // Largest remainder: the thirds sum to 100, the spare tenth going to the first.
    expect(day.breakdown).toEqual({ welcome: 33.4, faq: 33.3, timer: 33.3, command: 0, api: 0, other: 0 });
    const all = (await t.call('GET', '/api/v1/analytics?period=all')).json.data;
    expect(all).toMatchObject({ totalMessages: 4, messagesReceived: 4, uniqueChatters: 3 });
  });
});

describe('activity timeline and top chatters', () => {
  it('buckets lines per hour for a day and per 6 hours from local midnight for a week, zero-filled', async () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 24, 12, 20));
    t = await startTestApp({ clock });
    const { chatEvents, accounts } = t.app.services;
    const accountId = accounts.active().id;
    const at = (d: number, h: number, m: number) => Date.UTC(2025, 0, d, h, m);
    const heard = (username: string, when: number) =>
      chatEvents.record({ accountId, direction: 'received', cause: null, username, text: 'x', at: when });
    chatEvents.record({ accountId, direction: 'sent', cause: 'faq', username: null, text: 'x', at: at(24, 11, 5) });
    heard('ana', at(24, 11, 1));
    heard('ana', at(24, 11, 59));
    heard('bob', at(24, 9, 30));
    heard('cy', at(20, 2, 0)); // outside a day, inside a week
    const day = (await t.call('GET', '/api/v1/analytics/timeline?period=day')).json.data;
    expect(day.bucketMinutes).toBe(60);
    expect(day.buckets).toHaveLength(25);
    expect(day.buckets[0].start).toBe('2025-01-23T12:00:00.000Z');
    const byStart = new Map(day.buckets.map((b: { start: string; received: number; sent: number }) => [b.start, b]));
    expect(byStart.get('2025-01-24T11:00:00.000Z')).toEqual({ start: '2025-01-24T11:00:00.000Z', received: 2, sent: 1 });
    expect(byStart.get('2025-01-24T09:00:00.000Z')).toMatchObject({ received: 1, sent: 0 });
    expect(day.buckets.reduce((n: number, b: { received: number }) => n + b.received, 0)).toBe(3);
    // New York (UTC-5): 6-hour buckets start at its midnight, 05:00 UTC.
    const week = (await t.call('GET', '/api/v1/analytics/timeline?period=week&utcOffsetMinutes=-300')).json.data;
    expect(week.bucketMinutes).toBe(360);
    expect(week.buckets.every((b: { start: string }) => [5, 11, 17, 23].includes(new Date(b.start).getUTCHours()))).toBe(true);
    expect(week.buckets.find((b: { start: string }) => b.start === '2025-01-19T23:00:00.000Z')).toMatchObject({ received: 1 });
    expect(week.buckets.reduce((n: number, b: { received: number }) => n + b.received, 0)).toBe(4);
    expect((await t.call('GET', '/api/v1/analytics/timeline?utcOffsetMinutes=900')).json.error.code).toBe('VALIDATION_ERROR');

    const top = (await t.call('GET', '/api/v1/analytics/top-chatters?period=day')).json.data.chatters;
    expect(top).toEqual([
      { username: 'ana', messages: 2, lastMessageAt: '2025-01-24T11:59:00.000Z' },
      { username: 'bob', messages: 1, lastMessageAt: '2025-01-24T09:30:00.000Z' },
    ]);
    expect(
      (await t.call('GET', '/api/v1/analytics/top-chatters?period=week&limit=1')).json.data.chatters.map((c: { username: string }) => c.username),
    ).toEqual(['ana']);
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
