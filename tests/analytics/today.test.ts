import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
afterEach(async () => t?.stop());

const DAY = 86_400_000;

const HOUR = 3_600_000;

/** A whole-hour UTC offset (within +/-12 h) whose midnight is a recent hour, at least 5 minutes ago. */
function recentMidnight(now: number): { midnight: number; off: number } {
  let midnight = Math.floor(now / HOUR) * HOUR;
  if (now - midnight < 5 * 60_000) midnight -= HOUR;
  let off = ((DAY - (midnight % DAY)) % DAY) / 60_000;
  if (off > 720) off -= 1440;
  return { midnight, off };
}

describe("period=today (since the caller's midnight), beside day (the last 24 hours)", () => {
  it('counts from local midnight in the summary, triggers, top chatters and timeline', async () => {
    t = await startTestApp();
    const accountId = t.app.services.accounts.active().id;
    const now = Date.now();
    const { midnight, off } = recentMidnight(now);
    const rec = (at: number, username: string, trigger: string) =>
      t.app.services.chatEvents.record({
        accountId,
        direction: 'received',
        cause: null,
        username,
        text: `${trigger}?`,
        trigger,
        rowKey: `r${at}`,
        at,
      });
    rec(Math.round((midnight + now) / 2), 'after_midnight', 'shipping');
    rec(midnight - 30 * 60_000, 'before_midnight', 'size');
    const q = (path: string, period: string) => t.call('GET', `/api/v1/analytics${path}?period=${period}&utcOffsetMinutes=${off}`);
    const today = (await q('', 'today')).json.data;
    expect(today).toMatchObject({ period: 'today', messagesReceived: 1, uniqueChatters: 1 });
    expect(Date.parse(today.since)).toBe(midnight);
    expect((await q('', 'day')).json.data.messagesReceived).toBe(2);
    expect((await q('/faq-triggers', 'today')).json.data.triggers).toEqual([{ keyword: 'shipping', count: 1 }]);
    expect((await q('/top-chatters', 'today')).json.data.chatters.map((c: { username: string }) => c.username)).toEqual(['after_midnight']);
    const timeline = (await q('/timeline', 'today')).json.data;
    expect(timeline.bucketMinutes).toBe(60);
    expect(timeline.buckets.reduce((n: number, b: { received: number }) => n + b.received, 0)).toBe(1);
    expect((await t.call('GET', '/api/v1/analytics?period=yesterday')).status).toBe(400);
  });
});
