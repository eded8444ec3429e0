import { z } from 'zod';
import type { WireEvent } from './wire/types.js';

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

const selectorHealthEntry = z.object({ matched: z.string().nullable(), tried: z.array(z.string()) });

/** One account's chat session as GET /chat/status and the chat.status event report it. */
export const chatStatusSchema = z.object({
  accountId: z.string(),
  platform: z.string(),
  connected: z.boolean().describe('A browser shows the chat page'),
  live: z.boolean().describe('The page shows its LIVE indicator'),
  url: z.string().nullable(),
  loggedInAs: z.string().nullable(),
  lastMessageAt: z.string().nullable(),
  lastError: z.string().nullable(),
  selectorHealth: z.record(z.string(), selectorHealthEntry).describe('Per selector role: the selector that matched (null = none) and those tried'),
  queue: z.object({ queued: z.number().int(), lastSentAt: z.string().nullable() }),
  paths: z
    .object({
      wire: z.object({
        available: z.boolean().describe("The platform's data stream has a decoder"),
        live: z.boolean().describe('Frames were decoded in the last 60 s'),
        lastAt: z.string().nullable(),
        framesPerMin: z.number().int().describe('Frames and bodies decoded in the last minute'),
        byType: z.record(z.string(), z.number().int()).describe('Events read in the last minute, by type (message, join, tip, viewers...)'),
        unknown: z.number().int().describe('Frames read but holding nothing we use (heartbeats, replies), since the app started'),
        malformed: z.number().int().describe('Frames refused (unparseable, too large, binary), since the app started'),
      }),
      dom: z.object({
        live: z.boolean().describe('Rows were read from the page in the last 60 s'),
        lastAt: z.string().nullable(),
        rowsPerMin: z.number().int(),
        role: z.enum(['primary', 'fallback']).describe('fallback while the wire path is live (it then only fills gaps and confirms echoes)'),
      }),
    })
    .describe('The two readers of the chat: the data stream (wire) and the rendered page (DOM); each line is delivered once'),
  summary: z.string().describe('One line for people, e.g. "wire: 120 frames/min, DOM: fallback ready"'),
});
export type ChatSessionStatus = z.infer<typeof chatStatusSchema>;

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
  onLine(listener: (line: ChatLine) => void): () => void;
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
