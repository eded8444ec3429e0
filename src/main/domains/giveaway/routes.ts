import { z } from 'zod';
import { accountQuery, MessageReply, route } from '../../http/route.js';
import type { AppServices } from '../../app/services.js';
import { addEntryBody, drawSchema, entriesQuery, entriesResponse, pickWinnerBody, pickWinnerResponse, rerollBody } from './schema.js';

export function giveawayRoutes(s: AppServices) {
  const account = (id: string | undefined) => s.accounts.resolve(id).id;
  return [
    route({
      method: 'get',
      path: '/giveaway/entries',
      tag: 'Giveaway',
      summary: 'Entries of the current giveaway round, oldest first',
      scope: 'giveaway:read',
      query: entriesQuery,
      response: entriesResponse,
      handler: ({ query }) => s.giveaway.entries(account(query.account), query.limit, query.offset),
    }),
    route({
      method: 'delete',
      path: '/giveaway/entries',
      tag: 'Giveaway',
      summary: 'Clear all entries (the round is closed and kept for the audit trail)',
      scope: 'giveaway:write',
      query: accountQuery.strict(),
      response: z.object({ cleared: z.number().int(), roundId: z.number().int() }),
      handler: ({ query }) => new MessageReply('All entries cleared', s.giveaway.clear(account(query.account))),
    }),
    route({
      method: 'post',
      path: '/giveaway/entries',
      tag: 'Giveaway',
      summary: 'Add an entry by hand (for viewers who entered elsewhere)',
      scope: 'giveaway:write',
      status: 201,
      query: accountQuery.strict(),
      body: addEntryBody,
      response: z.object({ accepted: z.boolean(), reason: z.string().optional() }),
      handler: ({ query, body }) => {
        const id = account(query.account);
        return s.giveaway.addEntry(id, { username: body.username, source: 'api', entriesPerUser: s.settings.get(id).giveaway.entriesPerUser });
      },
    }),
    route({
      method: 'post',
      path: '/giveaway/pick-winner',
      tag: 'Giveaway',
      summary: 'Draw `count` distinct winners, uniformly at random from a cryptographic source; the draw is recorded',
      scope: 'giveaway:write',
      query: accountQuery.strict(),
      body: pickWinnerBody,
      response: pickWinnerResponse,
      handler: ({ query, body }) => s.giveaway.drawWinners(account(query.account), body.count),
    }),
    route({
      method: 'post',
      path: '/giveaway/reroll',
      tag: 'Giveaway',
      summary: 'Replace one winner of a draw with a new one (never a previous winner of the round)',
      scope: 'giveaway:write',
      query: accountQuery.strict(),
      body: rerollBody,
      response: pickWinnerResponse.extend({ replaced: z.string() }),
      handler: ({ query, body }) => s.giveaway.reroll(account(query.account), body.username, body.drawId),
    }),
    route({
      method: 'get',
      path: '/giveaway/draws',
      tag: 'Giveaway',
      summary: 'Draws of the current round, with their method and entry counts (audit trail)',
      scope: 'giveaway:read',
      query: accountQuery.strict(),
      response: z.object({ draws: z.array(drawSchema) }),
      handler: ({ query }) => ({ draws: s.giveaway.draws(account(query.account)) }),
    }),
  ];
}
