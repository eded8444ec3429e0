import type { ChatLine, ChatStatus, SelectorHealth, WebhookDelivery } from './types.js';

/**
 * Shapes from modules the dashboard does not own (chat driver, webhooks) are read field by field with
 * fallbacks, so a renamed or missing field degrades one cell instead of breaking a screen.
 */
type Loose = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const iso = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? new Date(v).toISOString() : null);

let fallbackKey = 0;

export function toChatLine(raw: unknown): ChatLine | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Loose;
  const sent = r.direction === 'sent';
  const username = str(r.username) ?? str(r.user) ?? str(r.author) ?? (sent ? 'BuzzChat' : null);
  const text = str(r.text) ?? str(r.message) ?? '';
  if (username === null) return null;
  const id = num(r.id) !== null ? `row_${r.id}` : str(r.id);
  return {
    // The platform's row identity first, so a line seen live and again in the history is shown once.
    key: str(r.rowKey) ?? str(r.messageId) ?? id ?? `line_${++fallbackKey}`,
    username,
    text,
    kind: r.kind === 'join' ? 'join' : 'message',
    self: r.self === true || sent,
    at: iso(r.receivedAt) ?? iso(r.timestamp) ?? iso(r.at) ?? iso(r.createdAt) ?? new Date().toISOString(),
  };
}

/** GET /chat/status may describe one session or list them ({sessions: [...]}); the first is the active one. */
export function toChatStatus(raw: unknown): ChatStatus {
  let r = (typeof raw === 'object' && raw !== null ? raw : {}) as Loose;
  const list = Array.isArray(raw) ? raw : Array.isArray(r.sessions) ? r.sessions : null;
  if (list) r = (list[0] ?? {}) as Loose;
  else if (typeof r.status === 'object' && r.status !== null) r = r.status as Loose;
  const queue = (typeof r.queue === 'object' && r.queue !== null ? r.queue : {}) as Loose;
  return {
    connected: r.connected === true,
    live: r.live === true,
    platform: str(r.platform),
    url: str(r.url),
    loggedInAs: str(r.loggedInAs),
    lastMessageAt: iso(r.lastMessageAt),
    lastError: str(r.lastError),
    queued: num(queue.queued),
    selectors: toSelectorHealth(r.selectorHealth),
  };
}

function toSelectorHealth(raw: unknown): SelectorHealth[] {
  if (typeof raw !== 'object' || raw === null) return [];
  return Object.entries(raw as Loose).map(([role, v]) => {
    const e = (typeof v === 'object' && v !== null ? v : {}) as Loose;
    return { role, matched: str(e.matched), tried: Array.isArray(e.tried) ? e.tried.filter((t): t is string => typeof t === 'string') : [] };
  });
}

export function toDelivery(raw: unknown): WebhookDelivery {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Loose;
  // The latest attempt carries the HTTP status and error of a delivery.
  const log = Array.isArray(r.attemptLog) ? (r.attemptLog as Loose[]) : [];
  const last = log[log.length - 1] ?? {};
  const code = num(r.responseCode) ?? num(r.statusCode) ?? num(last.statusCode);
  const delivered = r.delivered === true || r.success === true;
  return {
    id: str(r.id) ?? (num(r.id) !== null ? String(r.id) : null) ?? `dlv_${++fallbackKey}`,
    eventType: str(r.eventType) ?? str(r.event) ?? str(r.type) ?? '?',
    status: str(r.status) ?? (delivered ? 'delivered' : code !== null ? 'failed' : 'pending'),
    responseCode: code,
    attempts: num(r.attempts) ?? num(r.attempt),
    error: str(r.error) ?? str(r.lastError) ?? str(last.error),
    at: iso(r.deliveredAt) ?? iso(r.createdAt) ?? iso(r.timestamp) ?? iso(r.at),
  };
}
