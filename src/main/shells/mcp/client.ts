import type { z } from 'zod';
import type { accountSchema } from '../../domains/accounts/schema.js';
import type { analyticsSchema, faqTriggersSchema, TopChattersView } from '../../domains/analytics/schema.js';
import type { entriesResponse, pickWinnerResponse } from '../../domains/giveaway/schema.js';
import type { messageSchema, sendMessageResponse } from '../../domains/messages/schema.js';
import type { Settings, SettingsPatch } from '../../domains/settings/schema.js';
import type { WebhookView as Webhook } from '../../domains/webhooks/schema.js';

/**
 * The MCP server's only way to the data: a small typed client of the local REST API (`/api/v1`).
 * Response types come from the core's own zod schemas (type-only imports, so no core code is bundled).
 * Every failure becomes a BuzzChatError with a code: the API's own codes, or one of the transport codes below.
 */
export type TransportErrorCode = 'NOT_RUNNING' | 'CONNECTION_FAILED' | 'TIMEOUT' | 'BAD_RESPONSE';

export class BuzzChatError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status, or 0 when no response came back. */
    readonly status = 0,
  ) {
    super(message);
    this.name = 'BuzzChatError';
  }
}

export type Account = z.infer<typeof accountSchema>;
export type Analytics = z.infer<typeof analyticsSchema>;
export type FaqTriggers = z.infer<typeof faqTriggersSchema>;
export type Entries = z.infer<typeof entriesResponse>;
export type Draw = z.infer<typeof pickWinnerResponse>;
export type Message = z.infer<typeof messageSchema>;
export type SendResult = z.infer<typeof sendMessageResponse>;
export type Period = 'day' | 'week' | 'month' | 'all';

/** The chat module's routes are not typed here yet; the MCP server passes their data through as-is. */
export type JsonObject = Record<string, unknown>;

export interface ClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Per-request limit; a hung app must not hang the assistant. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

type Query = Record<string, string | number | undefined>;

export class BuzzChatClient {
  readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.apiKey = options.apiKey;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.fetchImpl = options.fetch ?? fetch;
  }

  // Messages
  sendMessage(message: string, delay?: number, account?: string): Promise<SendResult> {
    return this.request('POST', '/messages/send', { query: { account }, body: { message, ...(delay !== undefined && { delay }) } });
  }
  getMessage(messageId: string): Promise<Message> {
    return this.request('GET', `/messages/${encodeURIComponent(messageId)}`);
  }

  // Analytics
  analytics(period?: Period, account?: string): Promise<Analytics> {
    return this.request('GET', '/analytics', { query: { period, account } });
  }
  faqTriggers(period?: Period, limit?: number, account?: string): Promise<FaqTriggers> {
    return this.request('GET', '/analytics/faq-triggers', { query: { period, limit, account } });
  }
  topChatters(period?: Period, limit?: number, account?: string): Promise<TopChattersView> {
    return this.request('GET', '/analytics/top-chatters', { query: { period, limit, account } });
  }

  // Giveaway
  entries(limit?: number, offset?: number, account?: string): Promise<Entries> {
    return this.request('GET', '/giveaway/entries', { query: { limit, offset, account } });
  }
  clearEntries(account?: string): Promise<{ cleared: number; roundId: number }> {
    return this.request('DELETE', '/giveaway/entries', { query: { account } });
  }
  pickWinner(count?: number, account?: string): Promise<Draw> {
    return this.request('POST', '/giveaway/pick-winner', { query: { account }, body: count === undefined ? {} : { count } });
  }
  reroll(username: string, drawId?: string, account?: string): Promise<Draw & { replaced: string }> {
    return this.request('POST', '/giveaway/reroll', { query: { account }, body: { username, ...(drawId && { drawId }) } });
  }

  // Settings and accounts
  settings(account?: string): Promise<Settings> {
    return this.request('GET', '/settings', { query: { account } });
  }
  updateSettings(patch: SettingsPatch, account?: string): Promise<Settings> {
    return this.request('PATCH', '/settings', { query: { account }, body: patch });
  }
  accounts(): Promise<{ accounts: Account[] }> {
    return this.request('GET', '/accounts');
  }
  switchAccount(accountId: string): Promise<{ account: Account }> {
    return this.request('POST', '/accounts/switch', { body: { accountId } });
  }

  // Chat sessions and webhooks (modules beside the core)
  chatStatus(account?: string): Promise<JsonObject> {
    return this.request('GET', '/chat/status', { query: { account } });
  }
  recentChat(limit?: number, account?: string): Promise<JsonObject> {
    return this.request('GET', '/chat/messages', { query: { limit, account } });
  }
  webhooks(): Promise<{ webhooks: Webhook[] }> {
    return this.request('GET', '/webhooks');
  }

  /** One API call; resolves to the envelope's `data`, rejects with a BuzzChatError. */
  async request<T>(method: string, path: string, init: { query?: Query; body?: unknown } = {}): Promise<T> {
    const url = new URL(`${this.baseUrl}/api/v1${path}`);
    for (const [k, v] of Object.entries(init.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { authorization: `Bearer ${this.apiKey}`, accept: 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw this.transportError(err);
    }
    const text = await res.text().catch(() => '');
    let envelope: unknown;
    try {
      envelope = text ? JSON.parse(text) : undefined;
    } catch {
      envelope = undefined;
    }
    if (!isEnvelope(envelope)) {
      throw new BuzzChatError(
        'BAD_RESPONSE',
        `${this.baseUrl} answered ${method} ${path} with HTTP ${res.status} but not a BuzzChat API response; is BUZZCHAT_URL right?`,
        res.status,
      );
    }
    if (envelope.success === false) {
      const e = envelope.error ?? {};
      throw new BuzzChatError(String(e.code ?? `HTTP_${res.status}`), String(e.message ?? res.statusText), res.status);
    }
    // The reference's DELETE /giveaway/entries carries a top-level `message` beside (or instead of) `data`.
    return (envelope.data ?? (envelope.message !== undefined ? { message: envelope.message } : null)) as T;
  }

  private transportError(err: unknown): BuzzChatError {
    const name = (err as { name?: string })?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new BuzzChatError('TIMEOUT', `BuzzChat at ${this.baseUrl} did not answer within ${this.timeoutMs / 1000}s`);
    }
    const code = causeCode(err);
    if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ENOTFOUND' || code === 'EADDRNOTAVAIL') {
      return new BuzzChatError(
        'NOT_RUNNING',
        `BuzzChat is not running at ${this.baseUrl} (${code}). Start the BuzzChat app (or \`buzzchat serve\`), or set BUZZCHAT_URL to where it listens.`,
      );
    }
    const detail = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    return new BuzzChatError('CONNECTION_FAILED', `Could not reach BuzzChat at ${this.baseUrl}: ${detail}`);
  }
}

interface Envelope {
  success: boolean;
  data?: unknown;
  message?: unknown;
  error?: { code?: unknown; message?: unknown };
}

function isEnvelope(v: unknown): v is Envelope {
  return typeof v === 'object' && v !== null && typeof (v as Envelope).success === 'boolean';
}

/** undici wraps the socket error: `TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })`, sometimes nested. */
function causeCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown; errors?: unknown[] } | undefined, i = 0; e && i < 5; i++) {
    if (typeof e.code === 'string' && e.code !== 'UND_ERR_SOCKET') return e.code;
    // AggregateError from happy-eyeballs (localhost resolving to ::1 and 127.0.0.1).
    if (Array.isArray(e.errors) && e.errors.length > 0) e = e.errors[0] as typeof e;
    else e = e.cause as typeof e;
  }
  return undefined;
}
