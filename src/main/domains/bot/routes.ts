import { claimsApi } from '../../../shared/contract/giveaway.js';
import type { Clock } from '../../kernel/clock.js';
import { implement } from '../../http/route.js';
import type { AccountService } from '../accounts/service.js';
import type { SettingsService } from '../settings/service.js';
import type { ClaimTracker } from './claims.js';

export type { ClaimsView } from '../../../shared/contract/giveaway.js';

export function claimRoutes(
  deps: { accounts: AccountService; settings: SettingsService; clock: Clock },
  claims: (accountId: string) => ClaimTracker,
) {
  return implement(claimsApi, {
    claims: ({ query }) => {
      const id = deps.accounts.resolve(query.account).id;
      return { claimWindowSeconds: deps.settings.get(id).giveaway.claimWindowSeconds, claims: claims(id).list(deps.clock.now()) };
    },
  });
}
