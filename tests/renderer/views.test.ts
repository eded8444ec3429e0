import { describe, expect, it } from 'vitest';
import { chatStatus, delivery, historyLine, liveLine } from '../../src/renderer/src/api/views.js';
import type { ChatHistoryRow, ChatStatusWire, WebhookDeliveryWire } from '../../src/renderer/src/api/types.js';

/** The wire-to-view mappers over shapes typed by the server's schemas. */
const row = (r: Partial<ChatHistoryRow>): ChatHistoryRow => ({
  id: 7,
  direction: 'received',
  username: 'ann',
  sender: 'viewer',
  text: 'hi',
  cause: null,
  rowKey: null,
  messageId: null,
  createdAt: '2025-01-24T10:00:00.000Z',
  ...r,
});

describe('chat views', () => {
  it('keys history rows by the platform row, else the queued message, else the stored row', () => {
    expect(historyLine(row({ rowKey: 'r1' }))).toEqual({
      key: 'r1',
      id: 7,
      username: 'ann',
      text: 'hi',
      kind: 'message',
      sender: 'viewer',
      self: false,
      cause: null,
      messageId: null,
      status: null,
      error: null,
      at: '2025-01-24T10:00:00.000Z',
    });
    expect(historyLine(row({ direction: 'sent', sender: 'bot', cause: 'faq', username: 'CardShopSam', messageId: 'msg_1' }))).toMatchObject({
      key: 'msg_1',
      username: 'CardShopSam',
      self: true,
      sender: 'bot',
      cause: 'faq',
    });
    expect(historyLine(row({})).key).toBe('row_7');
  });

  it("names the host's lines 'You' when neither the page nor the settings say who they are", () => {
    expect(historyLine(row({ direction: 'sent', sender: 'host', cause: 'manual', username: null })).username).toBe('You');
  });

  it('times a live line by when the driver received it; tells the host typing on the site from an echo', () => {
    const at = Date.parse('2025-01-24T10:00:02.000Z');
    const base = {
      accountId: 'a',
      platform: 'practice',
      kind: 'message' as const,
      username: 'Host',
      text: 'hey',
      rowKey: 'k',
      history: false,
      self: true,
      pageTs: null,
      receivedAt: at,
    };
    expect(liveLine({ ...base, kind: 'join', username: 'bo', text: '', self: false })).toMatchObject({
      key: 'k',
      username: 'bo',
      kind: 'join',
      sender: 'viewer',
      at: '2025-01-24T10:00:02.000Z',
    });
    expect(liveLine({ ...base, manual: true })).toMatchObject({ sender: 'host', cause: 'manual' });
    // An echo of something queued: the bot's until the store matches it to the queued message.
    expect(liveLine({ ...base, manual: false })).toMatchObject({ sender: 'bot', cause: null });
  });

  it('lists selector health per role and takes the queue count', () => {
    const wire: ChatStatusWire = {
      accountId: 'a',
      platform: 'whatnot',
      connected: true,
      live: false,
      url: null,
      loggedInAs: null,
      lastMessageAt: null,
      lastError: null,
      selectorHealth: { chatInput: { matched: 'textarea', tried: ['textarea'] }, messageItem: { matched: null, tried: ['.m', '.n'] } },
      queue: { queued: 3, lastSentAt: null },
      paths: {
        wire: { available: true, live: true, lastAt: null, framesPerMin: 120, byType: { message: 100 }, unknown: 4, malformed: 0 },
        dom: { live: false, lastAt: null, rowsPerMin: 0, role: 'fallback' },
      },
      summary: 'wire: 120 frames/min, DOM: fallback ready',
    };
    expect(chatStatus(wire)).toMatchObject({
      platform: 'whatnot',
      queued: 3,
      selectors: [
        { role: 'chatInput', matched: 'textarea', tried: ['textarea'] },
        { role: 'messageItem', matched: null, tried: ['.m', '.n'] },
      ],
    });
  });
});

describe('webhook delivery view', () => {
  const wire: WebhookDeliveryWire = {
    id: 4,
    eventId: 'evt_1',
    eventType: 'giveaway.entry',
    status: 'pending',
    attempts: 2,
    nextAttemptAt: '2025-01-24T10:01:00.000Z',
    createdAt: '2025-01-24T10:00:00.000Z',
    deliveredAt: null,
    attemptLog: [
      { attempt: 1, statusCode: null, latencyMs: null, error: 'ECONNREFUSED', responseBody: null, at: '2025-01-24T10:00:00.000Z' },
      { attempt: 2, statusCode: 503, latencyMs: 12, error: 'HTTP 503', responseBody: 'busy', at: '2025-01-24T10:00:30.000Z' },
    ],
  };
  it('shows the latest attempt and falls back to creation time until delivered', () => {
    expect(delivery(wire)).toEqual({
      id: 4,
      eventType: 'giveaway.entry',
      status: 'pending',
      attempts: 2,
      responseCode: 503,
      error: 'HTTP 503',
      at: '2025-01-24T10:00:00.000Z',
    });
    expect(delivery({ ...wire, attemptLog: [], attempts: 0 })).toMatchObject({ responseCode: null, error: null });
    expect(delivery({ ...wire, status: 'delivered', deliveredAt: '2025-01-24T10:02:00.000Z' }).at).toBe('2025-01-24T10:02:00.000Z');
  });
});
