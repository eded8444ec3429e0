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

export type ModeratorAction = 'hide' | 'slow' | 'announce';

export interface ChatSessionStatus {
  accountId: string;
  platform: string;
  connected: boolean;
  live: boolean;
  url: string | null;
  loggedInAs: string | null;
  lastMessageAt: string | null;
  lastError: string | null;
  /** For each selector role, which selector of the profile matched (null = none). */
  selectorHealth: Record<string, { matched: string | null; tried: string[] }>;
  queue: { queued: number; lastSentAt: string | null };
}

/** What the bot may ask of the chat side. */
export interface ChatGateway {
  /** Subscribe to every parsed line of every session. Returns an unsubscribe function. */
  onLine(listener: (line: ChatLine) => void): () => void;
  /** Whether the account's stream page shows the LIVE indicator (timers only run while live). */
  isLive(accountId: string): boolean;
  /** The platform's moderator command for an action (e.g. Whatnot `/hide user`), or null when it has none. */
  moderatorCommand(accountId: string, action: ModeratorAction, arg: string): string | null;
  /** Viewer count the stream page shows, when it shows one. */
  viewerCount?(accountId: string): number | null;
}
