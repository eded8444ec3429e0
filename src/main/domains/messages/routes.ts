import { z } from 'zod';
import { ApiError } from '../../http/errors.js';
import { route } from '../../http/route.js';
import type { AppServices } from '../../app/services.js';
import { listMessagesQuery, messageIdParams, messageSchema, sendMessageBody, sendMessageQuery, sendMessageResponse } from './schema.js';

export function messageRoutes(s: AppServices) {
  return [
    route({
      method: 'post',
      path: '/messages/send',
      tag: 'Messages',
      summary: 'Queue a chat message; it is sent by the chat session after `delay` ms',
      scope: 'messages:send',
      query: sendMessageQuery,
      body: sendMessageBody,
      response: sendMessageResponse,
      handler: ({ query, body }) => {
        const accountId = s.accounts.resolve(query.account).id;
        if (!s.settings.get(accountId).botActive) throw new ApiError('BOT_INACTIVE');
        const m = s.messages.enqueue({ accountId, text: body.message, cause: 'api', delayMs: body.delay });
        return { messageId: m.messageId, sentAt: m.scheduledFor, status: m.status, scheduledFor: m.scheduledFor };
      },
    }),
    route({
      method: 'get',
      path: '/messages',
      tag: 'Messages',
      summary: 'Recent outgoing messages, newest first',
      scope: 'messages:read',
      query: listMessagesQuery,
      response: z.object({ messages: z.array(messageSchema) }),
      handler: ({ query }) => ({ messages: s.messages.list(s.accounts.resolve(query.account).id, query.status, query.limit) }),
    }),
    route({
      method: 'get',
      path: '/messages/:id',
      tag: 'Messages',
      summary: 'Delivery status of one message: queued, sending, sent or failed',
      // The key that sent a message may follow it with the id it was given.
      scope: ['messages:read', 'messages:send'],
      params: messageIdParams,
      response: messageSchema,
      handler: ({ params }) => s.messages.get(params.id),
    }),
  ];
}
