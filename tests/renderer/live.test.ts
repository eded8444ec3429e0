import { describe, expect, it } from 'vitest';
import { createLiveStore } from '../../src/renderer/src/stores/live.js';
import type { LiveEvent } from '../../src/renderer/src/api/types.js';

let n = 0;
const ev = (type: LiveEvent['type'], data: Record<string, unknown>): LiveEvent => ({ id: `evt_${++n}`, type, timestamp: new Date().toISOString(), accountId: 'acc_1', data }) as LiveEvent;

describe('activity feed', () => {
  it('tells when the chat connects or disconnects, not on every status update', () => {
    const live = createLiveStore();
    for (const data of [{ connected: true, live: false }, { connected: true, live: true }, { connected: true, live: true }, { connected: false }, { connected: true }]) {
      live.getState().onEvent(ev('chat.status', data));
    }
    expect(live.getState().feed.map((f) => f.text).reverse()).toEqual(['Chat connected', 'Chat disconnected', 'Chat connected']);
  });

  it('shows a claimed win', () => {
    const live = createLiveStore();
    live.getState().onEvent(ev('giveaway.claimed', { username: 'ana' }));
    expect(live.getState().feed[0]).toMatchObject({ text: 'ana claimed their win', tone: 'good' });
  });
});
