/**
 * Response shapes of the /api/v1 API, all from the server's zod schemas (type-only imports, erased at build,
 * so no server code reaches the bundle): a server change breaks this typecheck instead of a screen.
 * The few types declared here are the screens' own view models, mapped from those wire types in client.ts.
 */
import type { Settings as ServerSettings, SettingsPatch as ServerSettingsPatch } from '../../../main/domains/settings/schema.js';
import type { Account as ServerAccount, Platform as ServerPlatform } from '../../../main/domains/accounts/schema.js';
import type { ApiKeyView, Scope as ServerScope } from '../../../main/domains/apikeys/schema.js';
import type { MessageView, MessageStatus as ServerMessageStatus, SendMessageResult } from '../../../main/domains/messages/schema.js';
import type { AnalyticsView, FaqTriggersView, Period as ServerPeriod, TimelineView, TopChattersView } from '../../../main/domains/analytics/schema.js';
import type { DrawResultView, DrawView, EntriesView, EntryView } from '../../../main/domains/giveaway/schema.js';
import type { ChatHistoryLine } from '../../../main/domains/chat/routes.js';
import type { ClaimsView } from '../../../main/domains/bot/routes.js';
import type { BackupList as ServerBackupList, TakenBackup } from '../../../main/domains/backups/schema.js';
import type { ChatLine as DriverChatLine, ChatSessionStatus } from '../../../main/domains/chat/types.js';
import type { CreatedWebhookView, DeliveriesPage, DeliveryView, TestResult, WebhookView } from '../../../main/domains/webhooks/schema.js';
import type { BusEvent, PublicEventType } from '../../../main/kernel/events/bus.js';

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
export type Period = ServerPeriod;

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

export type Analytics = AnalyticsView;
export type FaqTriggers = FaqTriggersView;
export type FaqTrigger = FaqTriggersView['triggers'][number];

export type GiveawayEntry = EntryView;
export type GiveawayEntries = EntriesView;
export type Draw = DrawView;
/** POST /giveaway/pick-winner; POST /giveaway/reroll adds the winner it replaced. */
export type DrawResult = DrawResultView & { replaced?: string };

export type SentMessage = SendMessageResult;

/** Wire shapes of the chat module: GET /chat/messages rows, GET /chat/status, and the data of its live events. */
export type ChatHistoryRow = ChatHistoryLine;
export type ChatStatusWire = ChatSessionStatus;
/** `chat.message` event data: the driver's parsed line. */
export type LiveChatLine = DriverChatLine;
/** `chat.status` event data: the same status snapshot. */
export type ChatStatusEvent = ChatSessionStatus;

/** One line of the stream's chat, as the dashboard shows it. */
export interface ChatLine {
  key: string;
  username: string;
  text: string;
  kind: LiveChatLine['kind'];
  self: boolean;
  at: string;
}

/** The chat card's view of GET /chat/status: selector health as a list, the queue as its count. */
export type ChatStatus = Pick<ChatStatusWire, 'connected' | 'live' | 'platform' | 'url' | 'loggedInAs' | 'lastMessageAt' | 'lastError'> & {
  queued: ChatStatusWire['queue']['queued'];
  /** Per selector role (chatInput, messageItem, ...): the selector that matched, null when none did. */
  selectors: SelectorHealth[];
};

export type SelectorHealth = { role: string } & ChatStatusWire['selectorHealth'][string];

export type Webhook = WebhookView;
/** Only the create response carries the signing secret. */
export type CreatedWebhook = CreatedWebhookView;
export type WebhookTestResult = TestResult;
export type WebhookDeliveryWire = DeliveryView;
export type WebhookDeliveries = DeliveriesPage;

/** A delivery as the log table shows it: the latest attempt carries its HTTP status and error. */
export type WebhookDelivery = Pick<WebhookDeliveryWire, 'id' | 'eventType' | 'status' | 'attempts'> & {
  responseCode: number | null;
  error: string | null;
  at: string;
};

/** GET /giveaway/claims: whether each recent winner wrote in chat within the claim window. */
export type Claims = ClaimsView;
export type Claim = ClaimsView['claims'][number];

/** GET /analytics/timeline and /analytics/top-chatters. */
export type Timeline = TimelineView;
export type TopChatter = TopChattersView['chatters'][number];

/** GET /backups and POST /backups. */
export type BackupList = ServerBackupList;
export type Backup = BackupList['backups'][number];
export type NewBackup = TakenBackup;
