import type { ChatHistoryRow, ChatLine, ChatStatus, ChatStatusWire, LiveChatLine, WebhookDelivery, WebhookDeliveryWire } from './types.js';

/** Maps the server's wire shapes (types.ts) to what the screens show. */

/** Who a sent row is shown as: the bot posts under the host's name, which the stored row does not keep. */
const BOT_NAME = 'BuzzChat';

/** A stored row of GET /chat/messages. Only message lines are stored; sent rows carry no username. */
export function historyLine(r: ChatHistoryRow): ChatLine {
  const sent = r.direction === 'sent';
  return {
    // The platform's row identity first, so a line seen live and again in the history is shown once.
    key: r.rowKey ?? r.messageId ?? `row_${r.id}`,
    username: r.username ?? (sent ? BOT_NAME : '?'),
    text: r.text,
    kind: 'message',
    self: sent,
    at: r.createdAt,
  };
}

/** A `chat.message` event: the driver's line as parsed from the page. */
export function liveLine(l: LiveChatLine): ChatLine {
  return { key: l.rowKey, username: l.username, text: l.text, kind: l.kind, self: l.self, at: new Date(l.receivedAt).toISOString() };
}

export function chatStatus(s: ChatStatusWire): ChatStatus {
  return {
    connected: s.connected,
    live: s.live,
    platform: s.platform,
    url: s.url,
    loggedInAs: s.loggedInAs,
    lastMessageAt: s.lastMessageAt,
    lastError: s.lastError,
    queued: s.queue.queued,
    selectors: Object.entries(s.selectorHealth).map(([role, h]) => ({ role, matched: h.matched, tried: h.tried })),
  };
}

export function delivery(d: WebhookDeliveryWire): WebhookDelivery {
  // The latest attempt carries the HTTP status and error of a delivery.
  const last = d.attemptLog.at(-1);
  return {
    id: d.id,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    responseCode: last?.statusCode ?? null,
    error: last?.error ?? null,
    at: d.deliveredAt ?? d.createdAt,
  };
}
