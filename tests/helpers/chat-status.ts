import type { ChatSessionStatus } from '../../src/shared/contract/chat.js';

/**
 * A `chat.status` payload as the chat driver publishes it, for tests that drive shows, alerts and the dashboard
 * from the bus without a browser: a Whatnot chat, connected or not, whose data stream is live while connected.
 */
export function chatStatus(accountId: string, over: Partial<ChatSessionStatus> & Pick<ChatSessionStatus, 'connected' | 'live'>): ChatSessionStatus {
  return {
    accountId,
    platform: 'whatnot',
    url: 'https://www.whatnot.com/live/x',
    loggedInAs: null,
    lastMessageAt: null,
    lastError: null,
    selectorHealth: {},
    queue: { queued: 0, lastSentAt: null },
    paths: {
      wire: { available: true, live: over.connected, lastAt: null, framesPerMin: 0, byType: {}, unknown: 0, malformed: 0 },
      dom: { live: false, lastAt: null, rowsPerMin: 0, role: 'fallback' },
    },
    summary: '',
    ...over,
  };
}
