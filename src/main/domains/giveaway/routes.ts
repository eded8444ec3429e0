import { giveawayApi } from '../../../shared/contract/giveaway.js';
import { implement, MessageReply } from '../../http/route.js';
import type { AccountService } from '../accounts/service.js';
import type { SettingsService } from '../settings/service.js';
import type { GiveawayService } from './service.js';

export function giveawayRoutes(giveaway: GiveawayService, accounts: AccountService, settings: SettingsService) {
  const account = (id: string | undefined) => accounts.resolve(id).id;
  return implement(giveawayApi, {
    entries: ({ query }) => giveaway.entries(account(query.account), query.limit, query.offset),
    clear: ({ query }) => new MessageReply('All entries cleared', giveaway.clear(account(query.account))),
    addEntry: ({ query, body }) => {
      const id = account(query.account);
      return giveaway.addEntry(id, { username: body.username, source: 'api', entriesPerUser: settings.get(id).giveaway.entriesPerUser });
    },
    pickWinner: ({ query, body }) => giveaway.drawWinners(account(query.account), body.count),
    reroll: ({ query, body }) => giveaway.reroll(account(query.account), body.username, body.drawId),
    draws: ({ query }) => ({ draws: giveaway.draws(account(query.account)) }),
    status: ({ query }) => giveaway.window.status(account(query.account)),
    open: ({ query, body }) => giveaway.window.open(account(query.account), body),
    close: ({ query }) => giveaway.window.close(account(query.account)),
  });
}
