import type { Clock } from '../../kernel/clock.js';
import type { EventBus } from '../../kernel/events/bus.js';
import type { EventPublisher } from '../../kernel/events/publisher.js';
import type { Logger } from '../../kernel/logger.js';
import type { AccountService } from '../accounts/service.js';
import type { ChatEventLog } from '../analytics/service.js';
import type { MessageService } from '../messages/service.js';
import type { SettingsService } from '../settings/service.js';
import type { WireEvent } from './wire/types.js';

/** What the chat domain uses: accounts (which page), settings (host name, pacing), the send queue, the bus. */
export interface ChatDeps {
  dataDir: string;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  events: EventPublisher;
  accounts: AccountService;
  settings: SettingsService;
  messages: MessageService;
  chatEvents: ChatEventLog;
}

/**
 * The contract between the chat driver (Playwright, one session per account) and the bot.
 * The driver pushes ChatLines; the bot answers only through MessageService (the durable send queue),
 * which the driver drains. Neither side imports the other's implementation.
 */
export interface ChatLine {
  accountId: string;
  platform: string;
  kind: 'message' | 'join';
  username: string;
  text: string;
  /** Stable identity of the row: the platform's message id, or a key the ingest script gave the DOM node. */
  rowKey: string;
  /** Already on screen when the bot attached: shown and stored, never a trigger. */
  history: boolean;
  /** Sent by the logged-in host or echoing a text the bot just sent: never a trigger. */
  self: boolean;
  /** A self line the host typed by hand (their name, not the echo of a queued message): stored as sent, cause manual. */
  manual?: boolean;
  /** Epoch ms the page stamped on the row, when it has one (the practice stream does): for latency figures. */
  pageTs: number | null;
  /** Epoch ms Node received it. */
  receivedAt: number;
}

/** `hide` removes a viewer's lines (where a platform cannot, a 1 s timeout purges them); `timeout` silences them a while. */
export type ModeratorAction = 'hide' | 'timeout' | 'slow' | 'announce';

export { chatStatusSchema, type ChatSessionStatus } from '../../../shared/contract/chat.js';
import type { LineReaction } from '../../../shared/contract/chat.js';
export type { LineReaction };

/** A non-message event from a platform's data stream (tip, raid, viewers, stream, giveaway, product, join). */
export interface ChatWireEvent {
  accountId: string;
  platform: string;
  event: Exclude<WireEvent, { type: 'message' }>;
  /** Epoch ms Node received it. */
  receivedAt: number;
}

/** What the bot may ask of the chat side. */
export interface ChatGateway {
  /** Subscribe to every parsed line of every session. Returns an unsubscribe function. */
  onLine(listener: (line: ChatLine) => LineReaction | void): () => void;
  /** Whether the account's stream page shows the LIVE indicator (timers only run while live). */
  isLive(accountId: string): boolean;
  /** The platform's moderator command for an action (e.g. Whatnot `/hide user`), or null when it has none. */
  moderatorCommand(accountId: string, action: ModeratorAction, arg: string): string | null;
  /** Viewer count the stream page shows, when it shows one. */
  viewerCount?(accountId: string): number | null;
  /**
   * Subscribe to the data stream's other events. Replays after a reconnect are not delivered; a join is
   * delivered once per viewer arrival whichever path saw it (it is also a `kind: 'join'` ChatLine).
   */
  onEvent?(listener: (e: ChatWireEvent) => void): () => void;
}
