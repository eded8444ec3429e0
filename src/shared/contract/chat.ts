import { z } from 'zod';
import { messageStatusSchema, messageText } from './messages.js';
import { accountQuery, op } from './op.js';
import { chatDiagnoseQuery, chatDiagnosisSchema, siteReportSchema } from './chat-diagnosis.js';

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

/** What the bot made of a viewer's line: the cause of its answer (or null) and the trigger it matched. */
export const lineReactionSchema = z.object({
  cause: z.string().nullable().describe('welcome, faq, command, giveaway (an accepted entry)... or null when nothing answered'),
  trigger: z.string().nullable().describe('The FAQ trigger or command the line matched, also when it was cooling down'),
});
export type LineReaction = z.infer<typeof lineReactionSchema>;

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
  reaction: lineReactionSchema.nullable().optional().describe('What the bot made of the line (absent when no bot runs)'),
});

/**
 * Who a line is from, one rule for history and live: `bot` = a text BuzzChat queued (welcome, FAQ, timer, command,
 * giveaway, moderation, an integration's /messages/send), `host` = the seller's own (typed on the site, or sent
 * from the dashboard with /chat/send), `viewer` = everyone else.
 */
export const chatSenderSchema = z.enum(['viewer', 'host', 'bot']);
export type ChatSender = z.infer<typeof chatSenderSchema>;

/** A sent line is the host's own when they wrote it (cause `manual`); any other cause is the bot's. */
export function senderOf(direction: 'received' | 'sent', cause: string | null): ChatSender {
  if (direction === 'received') return 'viewer';
  return cause === 'manual' ? 'host' : 'bot';
}

/** A stored chat line (GET /chat/messages). */
export const chatHistoryLineSchema = z.object({
  id: z.number().int().describe('Stored row id; pass the last one as `before` for the next page'),
  direction: z.enum(['received', 'sent']),
  username: z
    .string()
    .nullable()
    .describe(
      "Who posted it. Sent lines (the bot's too) are posted under the host's account: the name the page shows, else the settings' hostUsername; null when neither is known",
    ),
  sender: chatSenderSchema,
  text: z.string(),
  cause: z.string().nullable().describe('Why a sent line was sent (faq, welcome, manual...); null for received lines'),
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

export const CHAT_SEARCH_MIN = 2;
export const CHAT_SEARCH_MAX = 100;

export const chatMessagesQuery = accountQuery
  .extend({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    q: z
      .string()
      .trim()
      .min(CHAT_SEARCH_MIN, `q must be at least ${CHAT_SEARCH_MIN} characters`)
      .max(CHAT_SEARCH_MAX, `q must be at most ${CHAT_SEARCH_MAX} characters`)
      .optional()
      .describe('Only lines whose text or username contains this, case-insensitively (% and _ match themselves)'),
    before: z.coerce.number().int().min(1).optional().describe('Only lines stored before this row id (paging: the last id of the previous page)'),
  })
  .strict();

export const chatSendBody = z
  .object({
    message: messageText,
  })
  .strict();

export const chatSendResponse = z.object({
  messageId: z.string().describe('msg_…; follow it with GET /messages/{id} or the message.sent / message.failed events'),
  status: messageStatusSchema,
  cause: z.literal('manual'),
  scheduledFor: z.string(),
});

/** Moderator actions a seller can take on a chat line. */
export const chatModerateBody = z
  .object({
    action: z.enum(['hide', 'timeout']).describe("hide: the platform's hide/purge command; timeout: a temporary timeout where the platform has one"),
    username: z
      .string()
      .trim()
      .min(1, 'username must not be empty')
      .max(100)
      .refine((u) => /^@?[^\s/]+$/.test(u), 'username must be one name without spaces or slashes'),
  })
  .strict();

export const chatModerateResponse = z.object({
  messageId: z.string(),
  status: messageStatusSchema,
  command: z.string().describe('The command queued into chat, e.g. "/hide troll"'),
});

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
    // No browser to launch, a bad selectors file, or the app is shutting down.
    errors: ['CHAT_UNAVAILABLE'],
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
    summary: 'Stored chat lines (received and sent), newest first; `q` searches text and usernames, `before` pages back',
    scope: 'chat:read',
    query: chatMessagesQuery,
    response: z.object({ messages: z.array(chatHistoryLineSchema) }),
  }),
  send: op({
    method: 'post',
    path: '/chat/send',
    tag: TAG,
    summary: "Queue the host's own chat message (cause manual): works whether the bot is on or off; its echo in chat confirms it",
    scope: 'messages:send',
    body: chatSendBody,
    query: accountQuery.strict(),
    response: chatSendResponse,
  }),
  moderate: op({
    method: 'post',
    path: '/chat/moderate',
    tag: TAG,
    summary: "Queue the platform's moderator command for a viewer (hide, timeout; cause moderation)",
    scope: 'chat:write',
    query: accountQuery.strict(),
    body: chatModerateBody,
    response: chatModerateResponse,
  }),
  diagnose: op({
    method: 'get',
    path: '/chat/diagnose',
    tag: TAG,
    summary:
      "What reads the account's chat and what is wrong, in plain words: per selector role the selector that matched, rows read from the page, frames per event type in the last minute, the last 5 lines and their reader (`buzzchat doctor`)",
    scope: 'chat:read',
    query: chatDiagnoseQuery,
    response: chatDiagnosisSchema,
  }),
  siteReport: op({
    method: 'post',
    path: '/chat/site-report',
    tag: TAG,
    summary:
      "A report to send when a site changes: the chat's markup and recent data-stream frames with every username and message text masked, the profile's selectors and which matched (no cookies, storage or headers); `Content-Disposition` names it as a file",
    scope: 'chat:read',
    query: chatDiagnoseQuery,
    response: siteReportSchema,
  }),
};
