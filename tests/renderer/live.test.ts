import { describe, expect, it } from 'vitest';
import { createLiveStore } from '../../src/renderer/src/stores/live.js';
import type { LiveEvent } from '../../src/renderer/src/api/types.js';

let n = 0;
const ev = (type: LiveEvent['type'], data: Record<string, unknown>): LiveEvent =>
  ({ id: `evt_${++n}`, type, timestamp: new Date().toISOString(), accountId: 'acc_1', data }) as LiveEvent;

describe('activity feed', () => {
  it('tells when the chat connects or disconnects, not on every status update', () => {
    const live = createLiveStore();
    for (const data of [
      { connected: true, live: false },
      { connected: true, live: true },
      { connected: true, live: true },
      { connected: false },
      { connected: true },
    ]) {
      live.getState().onEvent(ev('chat.status', data));
    }
    // The first status is how things stand when the dashboard opens, not news.
    expect(
      live
        .getState()
        .feed.map((f) => f.text)
        .reverse(),
    ).toEqual(['Chat disconnected', 'Chat connected']);
  });

  it('starts from the stored history: earlier events under live ones, and its chat state as the baseline', () => {
    const live = createLiveStore();
    live.getState().onEvent(ev('giveaway.entry', { username: 'live_one' }));
    const old = (type: LiveEvent['type'], data: Record<string, unknown>, minutesAgo: number) => ({
      ...ev(type, data),
      timestamp: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    });
    const history = [
      old('giveaway.entry', { username: 'early_bird' }, 5),
      old('chat.status', { connected: true }, 10),
      old('bot.started', { accountId: 'acc_1' }, 20),
    ];
    live.getState().backfill({ events: history as never, chatConnected: true });
    live.getState().backfill({ events: history as never, chatConnected: true });
    expect(live.getState().feed.map((f) => f.text)).toEqual([
      'live_one entered the giveaway',
      'early_bird entered the giveaway',
      'Chat connected',
      'Bot started',
    ]);
    // Still connected: a status snapshot is not news; a disconnect is.
    live.getState().onEvent(ev('chat.status', { connected: true, live: true }));
    live.getState().onEvent(ev('chat.status', { connected: false }));
    expect(
      live
        .getState()
        .feed.map((f) => f.text)
        .slice(0, 2),
    ).toEqual(['Chat disconnected', 'live_one entered the giveaway']);
  });

  it('shows a claimed win', () => {
    const live = createLiveStore();
    live.getState().onEvent(ev('giveaway.claimed', { username: 'ana' }));
    expect(live.getState().feed[0]).toMatchObject({ text: 'ana claimed their win', tone: 'good' });
  });
});
