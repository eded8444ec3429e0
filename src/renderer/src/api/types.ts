/**
 * Response shapes of the /api/v1 API. Core shapes come from the server's zod schemas (type-only imports,
 * erased at build, so no server code reaches the bundle). Routes built elsewhere (chat, webhooks) are typed
 * loosely here and normalised in the client, because the dashboard must survive their absence.
 */
import type { Settings as ServerSettings, SettingsPatch as ServerSettingsPatch } from '../../../main/settings/schema.js';
import type { Account as ServerAccount, Platform as ServerPlatform } from '../../../main/accounts/schema.js';
import type { ApiKeyView, Scope as ServerScope } from '../../../main/apikeys/schema.js';
import type { MessageView, MessageStatus as ServerMessageStatus } from '../../../main/messages/schema.js';
import type { BusEvent, PublicEventType } from '../../../main/events/bus.js';

export type Settings = ServerSettings;
export type SettingsPatch = ServerSettingsPatch;
export type Account = ServerAccount;
export type Platform = ServerPlatform;
export type ApiKey = ApiKeyView;
export type Scope = ServerScope;
export type OutgoingMessage = MessageView;
export type MessageStatus = ServerMessageStatus;
export type LiveEvent = BusEvent;
export type WebhookEventType = PublicEventType;
export type Period = 'day' | 'week' | 'month' | 'all';

// Lists the UI offers; `exhaustive` makes the compiler fail if the server adds a value we do not list.
function exhaustive<All>() {
  return <const L extends readonly All[]>(list: L & ([Exclude<All, L[number]>] extends [never] ? unknown : { missing: Exclude<All, L[number]> })) =>
    list;
}

export const SCOPES = exhaustive<Scope>()([
  'analytics:read',
  'messages:send',
  'messages:read',
  'giveaway:read',
  'giveaway:write',
  'settings:read',
  'settings:write',
  'webhooks:read',
  'webhooks:write',
  'accounts:read',
  'accounts:write',
  'chat:read',
  'chat:write',
  'keys:admin',
]);
export const PLATFORMS = exhaustive<Platform>()(['whatnot', 'youtube', 'twitch', 'kick', 'ebay', 'practice']);
export const WEBHOOK_EVENTS = exhaustive<WebhookEventType>()([
  'giveaway.entry',
  'giveaway.winner',
  'message.sent',
  'message.received',
  'bot.started',
  'bot.stopped',
]);

export interface Analytics {
  totalMessages: number;
  welcomeMessages: number;
  faqReplies: number;
  timerMessages: number;
  commandReplies: number;
  apiMessages: number;
  otherMessages: number;
  messagesReceived: number;
  uniqueChatters: number;
  period: Period;
  since: string | null;
  breakdown: { welcome: number; faq: number; timer: number };
}

export interface FaqTrigger {
  keyword: string;
  count: number;
}

export interface GiveawayEntry {
  username: string;
  timestamp: string;
  source: string;
}

export interface GiveawayEntries {
  entries: GiveawayEntry[];
  count: number;
  uniqueUsers: number;
  roundId: number;
}

export interface DrawResult {
  winners: string[];
  timestamp: string;
  drawId: string;
  entriesCount: number;
  replaced?: string;
}

export interface Draw {
  drawId: string;
  roundId: number;
  count: number;
  winners: string[];
  entriesCount: number;
  method: string;
  timestamp: string;
}

export interface SentMessage {
  messageId: string;
  sentAt: string;
  status: MessageStatus;
  scheduledFor: string;
}

/** One line of the stream's chat, as the dashboard shows it. */
export interface ChatLine {
  key: string;
  username: string;
  text: string;
  kind: 'message' | 'join';
  self: boolean;
  at: string;
}

export interface ChatStatus {
  connected: boolean;
  live: boolean;
  platform: string | null;
  url: string | null;
  loggedInAs: string | null;
  lastMessageAt: string | null;
  lastError: string | null;
  queued: number | null;
  /** Per selector role (chatInput, messageItem, ...): the selector that matched, null when none did. */
  selectors: SelectorHealth[];
}

export interface SelectorHealth {
  role: string;
  matched: string | null;
  tried: string[];
}

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: string;
  /** Only in the create response. */
  secret?: string;
  [extra: string]: unknown;
}

export interface WebhookTestResult {
  delivered: boolean;
  responseCode: number | null;
  responseTime: number | null;
  error?: string | null;
}

export interface WebhookDelivery {
  id: string;
  eventType: string;
  status: string;
  responseCode: number | null;
  attempts: number | null;
  error: string | null;
  at: string | null;
}
