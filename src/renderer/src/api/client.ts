import type {
  Account,
  Analytics,
  ApiKey,
  ChatHistoryRow,
  ChatLine,
  ChatStatus,
  ChatStatusWire,
  BackupList,
  NewBackup,
  Timeline,
  TopChatter,
  Claims,
  CreatedWebhook,
  Draw,
  DrawResult,
  FaqTrigger,
  FaqTriggers,
  GiveawayEntries,
  MessageStatus,
  OutgoingMessage,
  Period,
  Platform,
  Scope,
  SentMessage,
  Settings,
  SettingsPatch,
  Webhook,
  WebhookDeliveries,
  WebhookDelivery,
  WebhookEventType,
  WebhookTestResult,
} from './types.js';
import { chatStatus, delivery, historyLine } from './views.js';

/**
 * The dashboard's one way to the core: the same /api/v1 REST API automation uses, with the per-launch
 * session token. Every failure becomes an ApiRequestError carrying the envelope's code, so screens can
 * branch on codes and show the server's message instead of guessing.
 */
export class ApiRequestError extends Error {
  readonly code: string;
  readonly status: number;
  /** `path -> message` pulled from VALIDATION_ERROR messages ("Invalid body: faqRules.0.triggers: ..."). */
  readonly fieldErrors: Record<string, string>;

  constructor(code: string, status: number, message: string) {
    super(message);
    this.name = 'ApiRequestError';
    this.code = code;
    this.status = status;
    this.fieldErrors = code === 'VALIDATION_ERROR' ? parseFieldErrors(message) : {};
  }
}

/** The server joins zod issues as `path: message; path: message` after an `Invalid <where>: ` prefix. */
export function parseFieldErrors(message: string): Record<string, string> {
  const out: Record<string, string> = {};
  const body = message.replace(/^Invalid [a-z]+: /, '');
  for (const part of body.split('; ')) {
    const m = /^([A-Za-z_][\w]*(?:\.[\w]+)*): (.+)$/s.exec(part);
    if (m && !(m[1]! in out)) out[m[1]!] = m[2]!;
  }
  return out;
}

export interface ApiClientOptions {
  token: string;
  /** '' = same origin (the renderer); tests pass http://127.0.0.1:PORT. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Called once per 401, e.g. to show the "session expired" screen. */
  onUnauthorized?: (err: ApiRequestError) => void;
}

type Query = Record<string, string | number | boolean | undefined>;

export class ApiClient {
  readonly baseUrl: string;
  readonly token: string;
  private fetchImpl: typeof fetch;

  constructor(private options: ApiClientOptions) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
    this.token = options.token;
    // Bound so a browser's window.fetch is not called with the client as `this`.
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  url(path: string, query?: Query): string {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) qs.set(k, String(v));
    const q = qs.toString();
    return `${this.baseUrl}/api/v1${path}${q ? `?${q}` : ''}`;
  }

  get authHeader(): string {
    return `Bearer ${this.token}`;
  }

  async request<T>(method: string, path: string, init: { query?: Query; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
    const headers: Record<string, string> = { authorization: this.authHeader, accept: 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await this.fetchImpl(this.url(path, init.query), {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: init.signal,
      });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiRequestError('NETWORK_ERROR', 0, 'BuzzChat is not reachable; is the app still running?');
    }
    let envelope: unknown;
    try {
      envelope = await res.json();
    } catch {
      throw new ApiRequestError('BAD_RESPONSE', res.status, `Unexpected non-JSON response (HTTP ${res.status}) from ${method} ${path}`);
    }
    const env = envelope as { success?: boolean; data?: unknown; message?: string; error?: { code?: string; message?: string } };
    if (res.ok && env?.success === true) return (env.data ?? null) as T;
    const err = new ApiRequestError(
      env?.error?.code ?? `HTTP_${res.status}`,
      res.status,
      env?.error?.message ?? `Request failed with HTTP ${res.status}`,
    );
    if (res.status === 401) this.options.onUnauthorized?.(err);
    throw err;
  }

  private get<T>(path: string, query?: Query) {
    return this.request<T>('GET', path, { query });
  }

  /** For routes another module adds: a 404 NOT_FOUND means "not available in this build", not a failure. */
  private async optional<T>(promise: Promise<T>): Promise<T | null> {
    try {
      return await promise;
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 404) return null;
      throw err;
    }
  }

  // System
  health() {
    return this.get<{ status: 'ok'; version: string; schemaVersion: number; uptimeSeconds: number }>('/health');
  }

  // Settings and bot
  getSettings() {
    return this.get<Settings>('/settings');
  }
  patchSettings(patch: SettingsPatch) {
    return this.request<Settings>('PATCH', '/settings', { body: patch });
  }
  async setBotActive(active: boolean): Promise<boolean> {
    const r = await this.request<{ botActive: boolean }>('POST', `/bot/${active ? 'start' : 'stop'}`);
    return r.botActive;
  }

  // Analytics
  getAnalytics(period: Period) {
    return this.get<Analytics>('/analytics', { period });
  }
  /** Buckets aligned to this computer's midnight. */
  getTimeline(period: Period) {
    return this.get<Timeline>('/analytics/timeline', { period, utcOffsetMinutes: -new Date().getTimezoneOffset() });
  }
  async getTopChatters(period: Period, limit = 10): Promise<TopChatter[]> {
    return (await this.get<{ chatters: TopChatter[] }>('/analytics/top-chatters', { period, limit })).chatters;
  }
  async getFaqTriggers(period: Period, limit = 10): Promise<FaqTrigger[]> {
    return (await this.get<FaqTriggers>('/analytics/faq-triggers', { period, limit })).triggers;
  }

  // Chat (routes of the chat module, absent from headless builds without it: null on 404)
  async getChatStatus(): Promise<ChatStatus | null> {
    const status = await this.optional(this.get<ChatStatusWire>('/chat/status'));
    return status === null ? null : chatStatus(status);
  }
  async connectChat(url?: string): Promise<ChatStatus> {
    return chatStatus(await this.request<ChatStatusWire>('POST', '/chat/connect', { body: url ? { url } : {} }));
  }
  async disconnectChat(): Promise<ChatStatus> {
    return chatStatus(await this.request<ChatStatusWire>('POST', '/chat/disconnect'));
  }
  /** Newest first, as the route answers. */
  async getChatMessages(): Promise<ChatLine[] | null> {
    const page = await this.optional(this.get<{ messages: ChatHistoryRow[] }>('/chat/messages'));
    return page === null ? null : page.messages.map(historyLine);
  }

  // Outgoing messages
  sendMessage(message: string, delay = 0) {
    return this.request<SentMessage>('POST', '/messages/send', { body: { message, delay } });
  }
  async listMessages(status?: MessageStatus, limit = 50): Promise<OutgoingMessage[]> {
    return (await this.get<{ messages: OutgoingMessage[] }>('/messages', { status, limit })).messages;
  }

  // Giveaway
  getEntries(limit?: number, offset?: number) {
    return this.get<GiveawayEntries>('/giveaway/entries', { limit, offset });
  }
  addEntry(username: string) {
    return this.request<{ accepted: boolean; reason?: string }>('POST', '/giveaway/entries', { body: { username } });
  }
  clearEntries() {
    return this.request<{ cleared: number; roundId: number }>('DELETE', '/giveaway/entries');
  }
  pickWinners(count: number) {
    return this.request<DrawResult>('POST', '/giveaway/pick-winner', { body: { count } });
  }
  reroll(username: string, drawId?: string) {
    return this.request<DrawResult>('POST', '/giveaway/reroll', { body: { username, drawId } });
  }
  /** Backups come from the backups module: null when it is not part of this build. */
  getBackups(): Promise<BackupList | null> {
    return this.optional(this.get<BackupList>('/backups'));
  }
  takeBackup(): Promise<NewBackup> {
    return this.request<NewBackup>('POST', '/backups', { body: {} });
  }
  /** Claims come from the bot module: null when it is not part of this build. */
  getClaims(): Promise<Claims | null> {
    return this.optional(this.get<Claims>('/giveaway/claims'));
  }
  async getDraws(): Promise<Draw[]> {
    return (await this.get<{ draws: Draw[] }>('/giveaway/draws')).draws;
  }

  // Accounts
  async listAccounts(): Promise<Account[]> {
    return (await this.get<{ accounts: Account[] }>('/accounts')).accounts;
  }
  async createAccount(input: { name: string; platform: Platform; url?: string | null }): Promise<Account> {
    return (await this.request<{ account: Account }>('POST', '/accounts', { body: input })).account;
  }
  async updateAccount(id: string, patch: { name?: string; platform?: Platform; url?: string | null }): Promise<Account> {
    return (await this.request<{ account: Account }>('PATCH', `/accounts/${encodeURIComponent(id)}`, { body: patch })).account;
  }
  async switchAccount(accountId: string): Promise<Account> {
    return (await this.request<{ account: Account }>('POST', '/accounts/switch', { body: { accountId } })).account;
  }
  async deleteAccount(id: string): Promise<void> {
    await this.request('DELETE', `/accounts/${encodeURIComponent(id)}`);
  }

  // API keys
  async listKeys(): Promise<ApiKey[]> {
    return (await this.get<{ keys: ApiKey[] }>('/keys')).keys;
  }
  createKey(name: string, scopes?: Scope[]) {
    return this.request<{ key: string; apiKey: ApiKey }>('POST', '/keys', { body: { name, scopes } });
  }
  async revokeKey(id: string): Promise<ApiKey> {
    return (await this.request<{ apiKey: ApiKey }>('DELETE', `/keys/${encodeURIComponent(id)}`)).apiKey;
  }

  // Webhooks (routes of the webhooks module; list is null when the module is absent)
  async listWebhooks(): Promise<Webhook[] | null> {
    const page = await this.optional(this.get<{ webhooks: Webhook[] }>('/webhooks'));
    return page === null ? null : page.webhooks;
  }
  createWebhook(url: string, events: WebhookEventType[]) {
    return this.request<CreatedWebhook>('POST', '/webhooks', { body: { url, events } });
  }
  updateWebhook(id: string, patch: { url?: string; events?: WebhookEventType[]; active?: boolean }) {
    return this.request<Webhook>('PATCH', `/webhooks/${encodeURIComponent(id)}`, { body: patch });
  }
  async deleteWebhook(id: string): Promise<void> {
    await this.request('DELETE', `/webhooks/${encodeURIComponent(id)}`);
  }
  testWebhook(id: string) {
    return this.request<WebhookTestResult>('POST', `/webhooks/${encodeURIComponent(id)}/test`);
  }
  async webhookDeliveries(id: string): Promise<WebhookDelivery[]> {
    return (await this.get<WebhookDeliveries>(`/webhooks/${encodeURIComponent(id)}/deliveries`)).deliveries.map(delivery);
  }
}
