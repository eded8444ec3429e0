import type { ChatHistoryRow, ChatLine, ChatStatus, ChatStatusWire, LiveChatLine, WebhookDelivery, WebhookDeliveryWire } from './types.js';

/** Maps the server's wire shapes (types.ts) to what the screens show. */

/** Shown for the host's lines when neither the page nor the settings name them. */
export const HOST_FALLBACK_NAME = 'You';

/**
 * A stored row of GET /chat/messages. The server names sent rows after the account they were posted from (the
 * host's) and says whether they are the bot's or the host's own, the same as their live echo shows.
 */
export function historyLine(r: ChatHistoryRow): ChatLine {
  const self = r.sender !== 'viewer';
  return {
    // The platform's row identity first, so a line seen live and again in the history is shown once.
    key: r.rowKey ?? r.messageId ?? `row_${r.id}`,
    id: r.id,
    username: r.username ?? (self ? HOST_FALLBACK_NAME : '?'),
    text: r.text,
    kind: 'message',
    sender: r.sender,
    self,
    cause: r.direction === 'sent' ? r.cause : null,
    messageId: r.messageId,
    status: null,
    error: null,
    at: r.createdAt,
  };
}

/**
 * A `chat.message` event: the driver's line as parsed from the page. A self line the host typed on the site is
 * theirs; any other self line is the echo of something queued, the bot's until the store matches it to a
 * queued message (which may turn out to be the host's own send from the dashboard).
 */
export function liveLine(l: LiveChatLine): ChatLine {
  const sender = !l.self ? 'viewer' : l.manual || l.history ? 'host' : 'bot';
  return {
    key: l.rowKey,
    id: null,
    username: l.username,
    text: l.text,
    kind: l.kind,
    sender,
    self: l.self,
    cause: l.manual ? 'manual' : null,
    messageId: null,
    status: null,
    error: null,
    at: new Date(l.receivedAt).toISOString(),
  };
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
    paths: s.paths,
    summary: s.summary,
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
