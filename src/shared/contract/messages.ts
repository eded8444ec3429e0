import { z } from 'zod';
import { accountQuery, op } from './op.js';

/** Characters in a message, counted as src/shared/text.ts counts them (code points; zod 4's `.max()` agrees). */
/** Why a line was sent: what every queued message carries and what the analytics figures are split by. */
export const MESSAGE_CAUSES = ['welcome', 'faq', 'timer', 'command', 'api', 'manual', 'giveaway', 'moderation', 'thanks', 'chat'] as const;
export type Cause = (typeof MESSAGE_CAUSES)[number];

export const MESSAGE_MAX = 500;
export const messageStatusSchema = z.enum(['queued', 'sending', 'sent', 'failed', 'cancelled']);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

/** A chat message's text as every send route takes it (bot and API sends, the host's own). */
export const messageText = z
  .string()
  .min(1, 'message must not be empty')
  .max(MESSAGE_MAX, `message must be at most ${MESSAGE_MAX} characters (an emoji counts as one)`)
  .refine((m) => m.trim().length > 0, 'message must not be blank');

export const sendMessageBody = z
  .object({
    message: messageText,
    delay: z.number().int().min(0).max(3_600_000).default(0).describe('Milliseconds to wait before sending'),
  })
  .strict();

export const sendMessageQuery = accountQuery.strict();

export const messageSchema = z.object({
  messageId: z.string().describe('msg_…'),
  accountId: z.string(),
  message: z.string(),
  cause: z.string(),
  status: messageStatusSchema,
  attempts: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  scheduledFor: z.string(),
  sentAt: z.string().nullable(),
});
export type MessageView = z.infer<typeof messageSchema>;

export const sendMessageResponse = z.object({
  messageId: z.string(),
  sentAt: z.string().describe('When the message is due to be sent (now + delay); see GET /messages/{id} for delivery'),
  status: messageStatusSchema,
  scheduledFor: z.string(),
});
export type SendMessageResult = z.infer<typeof sendMessageResponse>;

export const messageIdParams = z.object({ id: z.string().regex(/^msg_[a-z0-9]+$/, 'must be a msg_ id') });

export const listMessagesQuery = accountQuery
  .extend({
    status: messageStatusSchema.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

const TAG = 'Messages';

export const messagesApi = {
  send: op({
    method: 'post',
    path: '/messages/send',
    tag: TAG,
    summary: 'Queue a chat message; it is sent by the chat session after `delay` ms',
    scope: 'messages:send',
    // The bot of the account must be running (botActive).
    errors: ['BOT_INACTIVE'],
    query: sendMessageQuery,
    body: sendMessageBody,
    response: sendMessageResponse,
  }),
  list: op({
    method: 'get',
    path: '/messages',
    tag: TAG,
    summary: 'Recent outgoing messages, newest first',
    scope: 'messages:read',
    query: listMessagesQuery,
    response: z.object({ messages: z.array(messageSchema) }),
  }),
  get: op({
    method: 'get',
    path: '/messages/:id',
    tag: TAG,
    summary: 'Delivery status of one message: queued, sending, sent or failed',
    // The key that sent a message may follow it with the id it was given.
    scope: ['messages:read', 'messages:send'],
    params: messageIdParams,
    response: messageSchema,
  }),
};
