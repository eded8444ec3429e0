/**
 * Response shapes of the /api/v1 API, all from the server's zod schemas (type-only imports, erased at build,
 * so no server code reaches the bundle): a server change breaks this typecheck instead of a screen.
 * The few types declared here are the screens' own view models, mapped from those wire types in client.ts.
 */
import type { Settings as ServerSettings, SettingsPatch as ServerSettingsPatch } from '../../../shared/contract/settings.js';
import type { Account as ServerAccount, Platform as ServerPlatform } from '../../../shared/contract/accounts.js';
import type { ApiKeyView, Scope as ServerScope } from '../../../shared/contract/apikeys.js';
import type { MessageView, MessageStatus as ServerMessageStatus, SendMessageResult } from '../../../shared/contract/messages.js';
import type { AnalyticsView, FaqTriggersView, Period as ServerPeriod, TimelineView, TopChattersView } from '../../../shared/contract/analytics.js';
import type { DrawResultView, DrawView, EntriesView, EntryView } from '../../../shared/contract/giveaway.js';
import type { ChatHistoryLine } from '../../../main/domains/chat/routes.js';
import type { ClaimsView } from '../../../shared/contract/giveaway.js';
import type { BackupList as ServerBackupList, TakenBackup } from '../../../shared/contract/backups.js';
import type { ChatLine as DriverChatLine, ChatSessionStatus } from '../../../main/domains/chat/types.js';
import type { CreatedWebhookView, DeliveriesPage, DeliveryView, TestResult, WebhookView } from '../../../shared/contract/webhooks.js';
import type { BusEvent, PublicEventType } from '../../../shared/events.js';
import type { ShowView, storedStreamEventSchema } from '../../../shared/contract/shows.js';
import type { z } from 'zod';

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

/** Lists the UI offers come from the shared contract (imported by value), so they cannot drift from the server's. */
export { SCOPES } from '../../../shared/scopes.js';
export { PLATFORMS } from '../../../shared/contract/accounts.js';
export { PUBLIC_EVENT_TYPES as WEBHOOK_EVENTS } from '../../../shared/events.js';

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

/** Who a chat line is from: the bot's texts and the seller's own are told apart the same way live and from history. */
export type ChatSender = ChatHistoryRow['sender'];

/** One line of the stream's chat, as the dashboard shows it. */
export interface ChatLine {
  key: string;
  /** The stored row's id (history and search), the cursor for older pages; null for a line seen live. */
  id: number | null;
  username: string;
  text: string;
  kind: LiveChatLine['kind'];
  sender: ChatSender;
  /** The host's or the bot's line (sender !== 'viewer'). */
  self: boolean;
  /** Why a sent line was sent (faq, welcome, manual...), when known. */
  cause: string | null;
  /** The queued message it is (or echoes), when known. */
  messageId: string | null;
  /** A message the host sent from the dashboard, until its echo confirms it; null otherwise. */
  status: MessageStatus | null;
  error: string | null;
  at: string;
}

/** The chat card's view of GET /chat/status: selector health as a list, the queue as its count. */
export type ChatStatus = Pick<
  ChatStatusWire,
  'connected' | 'live' | 'platform' | 'url' | 'loggedInAs' | 'lastMessageAt' | 'lastError' | 'paths' | 'summary'
> & {
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

/** GET /shows, /shows/current and /shows/:id/events. */
export type Show = ShowView;
export type ShowStats = ShowView['stats'];
export type StoredStreamEvent = z.infer<typeof storedStreamEventSchema>;

/** GET /backups and POST /backups. */
export type BackupList = ServerBackupList;
export type Backup = BackupList['backups'][number];
export type NewBackup = TakenBackup;
