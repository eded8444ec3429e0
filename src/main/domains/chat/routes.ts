import { chatApi } from '../../../shared/contract/chat.js';
import { implement, type RouteDef } from '../../http/route.js';
import type { AccountService } from '../accounts/service.js';
import type { ChatEventLog } from '../analytics/service.js';
import type { ChatDriver } from './driver.js';

export type { ChatHistoryLine } from '../../../shared/contract/chat.js';

export function chatRoutes(deps: { accounts: AccountService; chatEvents: ChatEventLog }, driver: ChatDriver): RouteDef[] {
  const account = (id: string | undefined) => deps.accounts.resolve(id).id;
  return implement(chatApi, {
    status: ({ query }) => driver.status(account(query.account)),
    connect: ({ query, body }) => driver.connect(account(query.account), body.url),
    disconnect: ({ query }) => driver.disconnect(account(query.account)),
    messages: ({ query }) => ({
      messages: deps.chatEvents.recent(account(query.account), 0, query.limit).map((r) => ({
        id: r.id,
        direction: r.direction,
        username: r.username,
        text: r.text,
        cause: r.cause,
        rowKey: r.row_key,
        messageId: r.message_id,
        createdAt: new Date(r.created_at).toISOString(),
      })),
    }),
  });
}
