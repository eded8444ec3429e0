import { z } from 'zod';
import { accountQuery, route } from '../../http/route.js';
import type { AppServices } from '../../app/services.js';
import type { ClaimTracker } from './claims.js';

const claimSchema = z.object({
  drawId: z.string(),
  username: z.string(),
  drawnAt: z.string(),
  deadline: z.string().describe('The winner must write in chat before this (ISO 8601)'),
  status: z.enum(['pending', 'claimed', 'expired']).describe('expired = no message within the window: reroll with POST /giveaway/reroll'),
  claimedAt: z.string().nullable(),
});

const claimsResponse = z.object({ claimWindowSeconds: z.number().int(), claims: z.array(claimSchema) });
export type ClaimsView = z.infer<typeof claimsResponse>;

export function claimRoutes(s: AppServices, claims: (accountId: string) => ClaimTracker) {
  return [
    route({
      method: 'get',
      path: '/giveaway/claims',
      tag: 'Giveaway',
      summary: 'Whether each recent winner wrote in chat within the claim window (giveaway.claimWindowSeconds)',
      scope: 'giveaway:read',
      query: accountQuery.strict(),
      response: claimsResponse,
      handler: ({ query }) => {
        const id = s.accounts.resolve(query.account).id;
        return { claimWindowSeconds: s.settings.get(id).giveaway.claimWindowSeconds, claims: claims(id).list(s.clock.now()) };
      },
    }),
  ];
}
