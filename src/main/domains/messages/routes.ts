import { messagesApi } from '../../../shared/contract/messages.js';
import { ApiError } from '../../http/errors.js';
import { implement } from '../../http/route.js';
import type { AccountService } from '../accounts/service.js';
import type { SettingsService } from '../settings/service.js';
import type { MessageService } from './service.js';

export function messageRoutes(messages: MessageService, accounts: AccountService, settings: SettingsService) {
  return implement(messagesApi, {
    send: ({ query, body }) => {
      const accountId = accounts.resolve(query.account).id;
      if (!settings.get(accountId).botActive) throw new ApiError('BOT_INACTIVE');
      const m = messages.enqueue({ accountId, text: body.message, cause: 'api', delayMs: body.delay });
      return { messageId: m.messageId, sentAt: m.scheduledFor, status: m.status, scheduledFor: m.scheduledFor };
    },
    list: ({ query }) => ({ messages: messages.list(accounts.resolve(query.account).id, query.status, query.limit) }),
    get: ({ params }) => messages.get(params.id),
  });
}
