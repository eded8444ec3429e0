import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/renderer/src/api/client.js';
import { createChatStore } from '../../src/renderer/src/stores/chat.js';
import type { LiveChatLine, LiveEvent } from '../../src/renderer/src/api/types.js';

const api = new ApiClient({ baseUrl: 'http://127.0.0.1:9', token: 'unused' });
let n = 0;
/** A `chat.message` event as the driver publishes it, received at `timestamp`. */
const line = (data: Pick<LiveChatLine, 'username' | 'text' | 'self'>, timestamp = '2025-01-24T10:00:00.000Z'): LiveEvent => {
  const l: LiveChatLine = { accountId: 'acc_1', platform: 'practice', rowKey: `row_${++n}`, kind: 'message', history: false, pageTs: null, receivedAt: Date.parse(timestamp), ...data };
  return { id: `evt_${n}`, type: 'chat.message', timestamp, accountId: 'acc_1', data: { ...l } };
};

describe('live chat lines', () => {
  it("shows a bot post once although it comes back as the host's echo", () => {
    const store = createChatStore(api);
    store.getState().onEvent(line({ username: 'BuzzChat', text: 'Shipping is $5', self: true }));
    store.getState().onEvent(line({ username: 'PracticeHost', text: 'Shipping is $5', self: true }, '2025-01-24T10:00:01.000Z'));
    expect(store.getState().lines.map((l) => l.text)).toEqual(['Shipping is $5']);
  });

  it('keeps a viewer repeating the same text, and a host post repeated much later', () => {
    const store = createChatStore(api);
    store.getState().onEvent(line({ username: 'ann', text: 'enter', self: false }));
    store.getState().onEvent(line({ username: 'ann', text: 'enter', self: false }));
    store.getState().onEvent(line({ username: 'Host', text: 'Follow!', self: true }));
    store.getState().onEvent(line({ username: 'Host', text: 'Follow!', self: true }, '2025-01-24T10:05:00.000Z'));
    expect(store.getState().lines.map((l) => l.text)).toEqual(['enter', 'enter', 'Follow!', 'Follow!']);
  });
});
