import { z } from 'zod';
import { accountQuery, op } from './op.js';

/** The chat domain on the wire: session status, connect/disconnect, the stored chat history, the host's own sends. */

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

/** A chat line as the chat driver parsed it (the `chat.message` event). */
export const chatLineSchema = z.object({
  accountId: z.string(),
  platform: z.string(),
  kind: z.enum(['message', 'join']),
  username: z.string(),
  text: z.string(),
  rowKey: z.string().describe("The line's identity: the platform's message id, or a key the page reader gave the row"),
  history: z.boolean().describe('Already on screen when the bot attached: shown and stored, never a trigger'),
  self: z.boolean().describe('Sent by the logged-in host or the echo of a text BuzzChat sent'),
  manual: z.boolean().optional().describe('The host typed it by hand'),
  pageTs: z.number().nullable(),
  receivedAt: z.number().describe('Epoch ms BuzzChat received it'),
});

/** A stored chat line (GET /chat/messages). */
export const chatHistoryLineSchema = z.object({
  id: z.number().int(),
  direction: z.enum(['received', 'sent']),
  username: z.string().nullable(),
  text: z.string(),
  cause: z.string().nullable(),
  rowKey: z.string().nullable(),
  messageId: z.string().nullable(),
  createdAt: z.string(),
});
export type ChatHistoryLine = z.infer<typeof chatHistoryLineSchema>;

export const connectBody = z
  .object({
    url: z
      .string()
      .trim()
      .max(2000)
      .refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), 'must be an http(s) URL')
      .optional()
      .describe('Live page to open instead of the account URL'),
  })
  .strict();

const TAG = 'Chat';

export const chatApi = {
  status: op({
    method: 'get',
    path: '/chat/status',
    tag: TAG,
    summary: 'Chat session of an account: connected, live, page URL, both readers (data stream and page), selector health and send queue',
    scope: 'chat:read',
    query: accountQuery.strict(),
    response: chatStatusSchema,
  }),
  connect: op({
    method: 'post',
    path: '/chat/connect',
    tag: TAG,
    summary: "Open the account's chat page (the given URL, else the account URL, else the practice stream in practice mode)",
    scope: 'chat:write',
    query: accountQuery.strict(),
    body: connectBody,
    response: chatStatusSchema,
  }),
  disconnect: op({
    method: 'post',
    path: '/chat/disconnect',
    tag: TAG,
    summary: "Close the account's chat page; queued messages wait for the next connect",
    scope: 'chat:write',
    query: accountQuery.strict(),
    response: chatStatusSchema,
  }),
  messages: op({
    method: 'get',
    path: '/chat/messages',
    tag: TAG,
    summary: 'Recent chat lines (received and sent), newest first',
    scope: 'chat:read',
    query: accountQuery.extend({ limit: z.coerce.number().int().min(1).max(500).default(50) }).strict(),
    response: z.object({ messages: z.array(chatHistoryLineSchema) }),
  }),
};
