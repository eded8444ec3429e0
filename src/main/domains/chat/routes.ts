import { chatApi } from '../../../shared/contract/chat.js';
import { implement, type RouteDef } from '../../http/route.js';
import type { AccountService } from '../accounts/service.js';
import type { ChatEventLog } from '../analytics/service.js';
import type { MessageService } from '../messages/service.js';
import type { ChatDriver } from './driver.js';
import { chatHistory, moderate, sendAsHost, type LiveActionDeps } from './live-actions.js';
import { diagnose } from './diagnostics/diagnose.js';
import { siteReportDownload } from './site-report.js';

export type { ChatHistoryLine } from '../../../shared/contract/chat.js';

export function chatRoutes(deps: { accounts: AccountService; chatEvents: ChatEventLog; messages: MessageService }, driver: ChatDriver): RouteDef[] {
  const account = (id: string | undefined) => deps.accounts.resolve(id).id;
  const live: LiveActionDeps = {
    ...deps,
    hostName: (id) => driver.hostName(id),
    moderatorCommand: (id, action, arg) => driver.moderatorCommand(id, action, arg),
  };
  return implement(chatApi, {
    status: ({ query }) => driver.status(account(query.account)),
    connect: ({ query, body }) => driver.connect(account(query.account), body.url),
    disconnect: ({ query }) => driver.disconnect(account(query.account)),
    messages: ({ query }) => chatHistory(live, account(query.account), query),
    send: ({ query, body }) => sendAsHost(live, account(query.account), body.message),
    moderate: ({ query, body }) => moderate(live, account(query.account), body.action, body.username),
    diagnose: ({ query }) => diagnose(driver, account(query.account)),
    siteReport: ({ query, res }) => siteReportDownload(driver, account(query.account), res),
  });
}
