import { z } from 'zod';
import { accountQuery, route, type RouteDef } from '../../http/route.js';
import type { AppServices } from '../../app/services.js';
import type { ChatDriver } from './driver.js';
import { chatStatusSchema } from './types.js';

const chatLineSchema = z.object({
  id: z.number().int(),
  direction: z.enum(['received', 'sent']),
  username: z.string().nullable(),
  text: z.string(),
  cause: z.string().nullable(),
  rowKey: z.string().nullable(),
  messageId: z.string().nullable(),
  createdAt: z.string(),
});
export type ChatHistoryLine = z.infer<typeof chatLineSchema>;

export function chatRoutes(s: AppServices, driver: ChatDriver): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/chat/status',
      tag: 'Chat',
      summary: 'Chat session of an account: connected, live, page URL, selector health and send queue',
      scope: 'chat:read',
      query: accountQuery.strict(),
      response: chatStatusSchema,
      handler: ({ query }) => driver.status(s.accounts.resolve(query.account).id),
    }),
    route({
      method: 'post',
      path: '/chat/connect',
      tag: 'Chat',
      summary: "Open the account's chat page (the given URL, else the account URL, else the practice stream in practice mode)",
      scope: 'chat:write',
      query: accountQuery.strict(),
      body: z
        .object({
          url: z
            .string()
            .trim()
            .max(2000)
            .refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), 'must be an http(s) URL')
            .optional()
            .describe('Live page to open instead of the account URL'),
        })
        .strict(),
      response: chatStatusSchema,
      handler: ({ query, body }) => driver.connect(s.accounts.resolve(query.account).id, body.url),
    }),
    route({
      method: 'post',
      path: '/chat/disconnect',
      tag: 'Chat',
      summary: "Close the account's chat page; queued messages wait for the next connect",
      scope: 'chat:write',
      query: accountQuery.strict(),
      response: chatStatusSchema,
      handler: ({ query }) => driver.disconnect(s.accounts.resolve(query.account).id),
    }),
    route({
      method: 'get',
      path: '/chat/messages',
      tag: 'Chat',
      summary: 'Recent chat lines (received and sent), newest first',
      scope: 'chat:read',
      query: accountQuery.extend({ limit: z.coerce.number().int().min(1).max(500).default(50) }).strict(),
      response: z.object({ messages: z.array(chatLineSchema) }),
      handler: ({ query }) => {
        const accountId = s.accounts.resolve(query.account).id;
        return {
          messages: s.chatEvents.recent(accountId, 0, query.limit).map((r) => ({
            id: r.id,
            direction: r.direction,
            username: r.username,
            text: r.text,
            cause: r.cause,
            rowKey: r.row_key,
            messageId: r.message_id,
            createdAt: new Date(r.created_at).toISOString(),
          })),
        };
      },
    }),
  ];
}
