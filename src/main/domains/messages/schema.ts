import { z } from 'zod';
import { accountQuery } from '../../http/route.js';

export const MESSAGE_MAX = 500;
export const messageStatusSchema = z.enum(['queued', 'sending', 'sent', 'failed', 'cancelled']);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

export const sendMessageBody = z
  .object({
    message: z.string().min(1, 'message must not be empty').max(MESSAGE_MAX, `message must be at most ${MESSAGE_MAX} characters`)
      .refine((m) => m.trim().length > 0, 'message must not be blank'),
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
