import type { z } from 'zod';
import { ApiRequestError, createClient } from '../../../shared/client.js';
import { api } from '../../../shared/contract/index.js';
import type { accountSchema } from '../../../shared/contract/accounts.js';
import type { ChatHistoryLine, ChatSessionStatus as ChatStatus } from '../../../shared/contract/chat.js';
import type { analyticsSchema, faqTriggersSchema, Period, TopChattersView } from '../../../shared/contract/analytics.js';
import type { entriesResponse, GiveawayStatusView, OpenGiveawayInput, pickWinnerResponse } from '../../../shared/contract/giveaway.js';
import type { ShowView } from '../../../shared/contract/shows.js';
import type { messageSchema, sendMessageResponse } from '../../../shared/contract/messages.js';
import type { Settings, SettingsPatch, settingsUpdateResponse } from '../../../shared/contract/settings.js';
import type { WebhookView as Webhook } from '../../../shared/contract/webhooks.js';

/**
 * The MCP server's only way to the data: the shared typed client of the local REST API (`/api/v1`), with the
 * calls the tools make. Every failure is a BuzzChatError (the shared ApiRequestError) with a code: the API's own
 * codes, or a transport code (NOT_RUNNING, CONNECTION_FAILED, TIMEOUT, BAD_RESPONSE).
 */
export const BuzzChatError = ApiRequestError;
export type BuzzChatError = ApiRequestError;

export type Account = z.infer<typeof accountSchema>;
export type Analytics = z.infer<typeof analyticsSchema>;
export type FaqTriggers = z.infer<typeof faqTriggersSchema>;
export type Entries = z.infer<typeof entriesResponse>;
export type Draw = z.infer<typeof pickWinnerResponse>;
export type Message = z.infer<typeof messageSchema>;
export type SendResult = z.infer<typeof sendMessageResponse>;
export type UpdatedSettings = z.infer<typeof settingsUpdateResponse>;
export type { Period };

export type JsonObject = Record<string, unknown>;
export type { ChatHistoryLine, ChatSessionStatus as ChatStatus } from '../../../shared/contract/chat.js';

export interface ClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Per-request limit; a hung app must not hang the assistant. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class BuzzChatClient {
  readonly baseUrl: string;
  private readonly api;

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.api = createClient(api, { baseUrl: this.baseUrl, token: options.apiKey, timeoutMs: options.timeoutMs ?? 15_000, fetch: options.fetch });
  }

  // Messages
  sendMessage(message: string, delay?: number, account?: string): Promise<SendResult> {
    return this.api.messages.send({ query: { account }, body: { message, ...(delay !== undefined && { delay }) } });
  }
  getMessage(messageId: string): Promise<Message> {
    return this.api.messages.get({ params: { id: messageId } });
  }

  // Analytics
  analytics(period?: Period, account?: string): Promise<Analytics> {
    return this.api.analytics.summary({ query: { period, account } });
  }
  faqTriggers(period?: Period, limit?: number, account?: string): Promise<FaqTriggers> {
    return this.api.analytics.faqTriggers({ query: { period, limit, account } });
  }
  topChatters(period?: Period, limit?: number, account?: string): Promise<TopChattersView> {
    return this.api.analytics.topChatters({ query: { period, limit, account } });
  }

  // Giveaway
  entries(limit?: number, offset?: number, account?: string): Promise<Entries> {
    return this.api.giveaway.entries({ query: { limit, offset, account } });
  }
  clearEntries(account?: string): Promise<{ cleared: number; roundId: number }> {
    return this.api.giveaway.clear({ query: { account } });
  }
  pickWinner(count?: number, account?: string): Promise<Draw> {
    return this.api.giveaway.pickWinner({ query: { account }, body: count === undefined ? {} : { count } });
  }
  reroll(username: string, drawId?: string, account?: string): Promise<Draw & { replaced: string }> {
    return this.api.giveaway.reroll({ query: { account }, body: { username, ...(drawId && { drawId }) } });
  }

  openGiveaway(body: Partial<OpenGiveawayInput>, account?: string): Promise<GiveawayStatusView> {
    return this.api.giveaway.open({ query: { account }, body });
  }
  closeGiveaway(account?: string): Promise<GiveawayStatusView> {
    return this.api.giveaway.close({ query: { account } });
  }

  // Shows
  async currentShow(account?: string): Promise<ShowView | null> {
    return (await this.api.shows.current({ query: { account } })).show;
  }
  async shows(limit: number, account?: string): Promise<ShowView[]> {
    return (await this.api.shows.list({ query: { limit, account } })).shows;
  }

  // Settings and accounts
  settings(account?: string): Promise<Settings> {
    return this.api.settings.get({ query: { account } });
  }
  updateSettings(patch: SettingsPatch, account?: string): Promise<UpdatedSettings> {
    return this.api.settings.update({ query: { account }, body: patch });
  }
  accounts(): Promise<{ accounts: Account[] }> {
    return this.api.accounts.list();
  }
  switchAccount(accountId: string): Promise<{ account: Account }> {
    return this.api.accounts.switch({ body: { accountId } });
  }

  // Chat sessions and webhooks (domains beside the core)
  chatStatus(account?: string): Promise<ChatStatus> {
    return this.api.chat.status({ query: { account } });
  }
  recentChat(limit?: number, account?: string): Promise<{ messages: ChatHistoryLine[] }> {
    return this.api.chat.messages({ query: { limit, account } });
  }
  webhooks(): Promise<{ webhooks: Webhook[] }> {
    return this.api.webhooks.list();
  }
}
