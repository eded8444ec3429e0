import type {
  Account,
  Analytics,
  ApiKey,
  ChatLine,
  ChatStatus,
  BackupList,
  NewBackup,
  Timeline,
  TopChatter,
  Claims,
  CreatedWebhook,
  Draw,
  DrawResult,
  FaqTrigger,
  GiveawayEntries,
  MessageStatus,
  OutgoingMessage,
  Period,
  Platform,
  Scope,
  SentMessage,
  Settings,
  SettingsPatch,
  Show,
  StoredStreamEvent,
  Webhook,
  WebhookDelivery,
  WebhookEventType,
  WebhookTestResult,
} from './types.js';
import { chatStatus, delivery, historyLine } from './views.js';

import { api } from '../../../shared/contract/index.js';
import { ApiRequestError, createClient } from '../../../shared/client.js';

export { ApiRequestError, parseFieldErrors } from '../../../shared/client.js';

export interface ApiClientOptions {
  token: string;
  /** '' = same origin (the renderer); tests pass http://127.0.0.1:PORT. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Called once per 401, e.g. to show the "session expired" screen. */
  onUnauthorized?: (err: ApiRequestError) => void;
}

/**
 * The dashboard's one way to the core: the shared typed client of the /api/v1 REST API (the same one the MCP
 * server and the tests use) with the per-launch session token, plus the few mappings from wire shapes to what
 * the screens show (views.ts). Failures are ApiRequestErrors carrying the envelope's code.
 */
export class ApiClient {
  readonly baseUrl: string;
  readonly token: string;
  readonly api: ReturnType<typeof createClient<typeof api>>;

  constructor(options: ApiClientOptions) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
    this.token = options.token;
    this.api = createClient(api, { baseUrl: this.baseUrl, token: options.token, fetch: options.fetch, onUnauthorized: options.onUnauthorized });
  }

  url(path: string, query?: Record<string, string | number | boolean | undefined>): string {
    return this.api.url(path, query);
  }

  get authHeader(): string {
    return `Bearer ${this.token}`;
  }

  /** For routes another domain adds: a 404 NOT_FOUND means "not available in this build", not a failure. */
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
    return this.api.system.health();
  }

  // Settings and bot
  getSettings(): Promise<Settings> {
    return this.api.settings.get();
  }
  patchSettings(patch: SettingsPatch): Promise<Settings> {
    return this.api.settings.update({ body: patch });
  }
  async setBotActive(active: boolean): Promise<boolean> {
    return (await (active ? this.api.settings.start() : this.api.settings.stop())).botActive;
  }

  /** What a chat line would make the bot do, without sending (POST /bot/test). */
  testBot(message: string, username?: string) {
    return this.api.bot.test({ body: { message, username } });
  }

  /** The activity feed's history, newest first, with the last known chat state. */
  getActivity(limit = 50) {
    return this.api.activity.list({ query: { limit } });
  }

  // Analytics (every period is counted from this computer's midnight where that matters: `today`, day buckets).
  // `show` restricts a call to one show's window (GET /shows); the period is then ignored by the server.
  getAnalytics(period: Period, show?: string): Promise<Analytics> {
    return this.api.analytics.summary({ query: { period, utcOffsetMinutes: localOffset(), show } });
  }
  /** Buckets aligned to this computer's midnight. */
  getTimeline(period: Period, show?: string): Promise<Timeline> {
    return this.api.analytics.timeline({ query: { period, utcOffsetMinutes: localOffset(), show } });
  }
  async getTopChatters(period: Period, limit = 10, show?: string): Promise<TopChatter[]> {
    return (await this.api.analytics.topChatters({ query: { period, limit, utcOffsetMinutes: localOffset(), show } })).chatters;
  }
  async getFaqTriggers(period: Period, limit = 10, show?: string): Promise<FaqTrigger[]> {
    return (await this.api.analytics.faqTriggers({ query: { period, limit, utcOffsetMinutes: localOffset(), show } })).triggers;
  }

  // Shows (the shows domain; absent from builds without it: null / [] on 404)
  async currentShow(): Promise<Show | null> {
    return (await this.optional(this.api.shows.current()))?.show ?? null;
  }
  async listShows(limit = 20, account?: string): Promise<Show[]> {
    return (await this.optional(this.api.shows.list({ query: { limit, account } })))?.shows ?? [];
  }
  async showEvents(id: string, limit = 200): Promise<StoredStreamEvent[]> {
    return (await this.api.shows.events({ params: { id }, query: { limit } })).events;
  }

  // Chat (routes of the chat module, absent from headless builds without it: null on 404)
  async getChatStatus(): Promise<ChatStatus | null> {
    const status = await this.optional(this.api.chat.status());
    return status === null ? null : chatStatus(status);
  }
  async connectChat(url?: string): Promise<ChatStatus> {
    return chatStatus(await this.api.chat.connect({ body: url ? { url } : {} }));
  }
  async disconnectChat(): Promise<ChatStatus> {
    return chatStatus(await this.api.chat.disconnect());
  }
  /** Newest first, as the route answers; `q` searches text and usernames, `before` (a row id) pages back. */
  async getChatMessages(query: { q?: string; before?: number; limit?: number } = {}): Promise<ChatLine[] | null> {
    const page = await this.optional(this.api.chat.messages({ query }));
    return page === null ? null : page.messages.map(historyLine);
  }
  /** The host's own message: queued with cause manual, whether the bot is on or off. */
  sendChat(message: string) {
    return this.api.chat.send({ body: { message } });
  }
  /** Queues the platform's moderator command for a viewer; VALIDATION_ERROR where the platform has none. */
  moderateChat(action: 'hide' | 'timeout', username: string) {
    return this.api.chat.moderate({ body: { action, username } });
  }

  // Outgoing messages
  sendMessage(message: string, delay = 0): Promise<SentMessage> {
    return this.api.messages.send({ body: { message, delay } });
  }
  async listMessages(status?: MessageStatus, limit = 50): Promise<OutgoingMessage[]> {
    return (await this.api.messages.list({ query: { status, limit } })).messages;
  }

  // Giveaway
  getEntries(limit?: number, offset?: number): Promise<GiveawayEntries> {
    return this.api.giveaway.entries({ query: { limit, offset } });
  }
  addEntry(username: string) {
    return this.api.giveaway.addEntry({ body: { username } });
  }
  clearEntries() {
    return this.api.giveaway.clear();
  }
  pickWinners(count: number): Promise<DrawResult> {
    return this.api.giveaway.pickWinner({ body: { count } });
  }
  reroll(username: string, drawId?: string): Promise<DrawResult> {
    return this.api.giveaway.reroll({ body: { username, drawId } });
  }
  /** Backups come from the backups domain: null when it is not part of this build. */
  getBackups(): Promise<BackupList | null> {
    return this.optional(this.api.backups.list());
  }
  takeBackup(): Promise<NewBackup> {
    return this.api.backups.take({ body: {} });
  }
  /** Claims come from the bot domain: null when it is not part of this build. */
  getClaims(): Promise<Claims | null> {
    return this.optional(this.api.claims.claims());
  }
  async getDraws(): Promise<Draw[]> {
    return (await this.api.giveaway.draws()).draws;
  }

  // Accounts
  async listAccounts(): Promise<Account[]> {
    return (await this.api.accounts.list()).accounts;
  }
  async createAccount(input: { name: string; platform: Platform; url?: string | null }): Promise<Account> {
    return (await this.api.accounts.create({ body: input })).account;
  }
  async updateAccount(id: string, patch: { name?: string; platform?: Platform; url?: string | null }): Promise<Account> {
    return (await this.api.accounts.update({ params: { id }, body: patch })).account;
  }
  async switchAccount(accountId: string): Promise<Account> {
    return (await this.api.accounts.switch({ body: { accountId } })).account;
  }
  async deleteAccount(id: string): Promise<void> {
    await this.api.accounts.delete({ params: { id } });
  }

  // API keys
  async listKeys(): Promise<ApiKey[]> {
    return (await this.api.keys.list()).keys;
  }
  createKey(name: string, scopes?: Scope[]) {
    return this.api.keys.create({ body: { name, scopes } });
  }
  async revokeKey(id: string): Promise<ApiKey> {
    return (await this.api.keys.revoke({ params: { id } })).apiKey;
  }

  // Webhooks (routes of the webhooks module; list is null when the module is absent)
  async listWebhooks(): Promise<Webhook[] | null> {
    const page = await this.optional(this.api.webhooks.list());
    return page === null ? null : page.webhooks;
  }
  createWebhook(url: string, events: WebhookEventType[]): Promise<CreatedWebhook> {
    return this.api.webhooks.create({ body: { url, events } });
  }
  updateWebhook(id: string, patch: { url?: string; events?: WebhookEventType[]; active?: boolean }): Promise<Webhook> {
    return this.api.webhooks.update({ params: { id }, body: patch });
  }
  async deleteWebhook(id: string): Promise<void> {
    await this.api.webhooks.delete({ params: { id } });
  }
  testWebhook(id: string): Promise<WebhookTestResult> {
    return this.api.webhooks.test({ params: { id } });
  }
  /** App-wide webhook settings (whether URLs on the local network are allowed). */
  webhookConfig() {
    return this.api.webhooks.config();
  }
  setWebhookConfig(patch: { allowPrivateNetworks: boolean }) {
    return this.api.webhooks.setConfig({ body: patch });
  }
  async webhookDeliveries(id: string): Promise<WebhookDelivery[]> {
    return (await this.api.webhooks.deliveries({ params: { id } })).deliveries.map(delivery);
  }
}

/** Minutes east of UTC on this computer, so `today` and day buckets start at its midnight. */
function localOffset(): number {
  return -new Date().getTimezoneOffset();
}
