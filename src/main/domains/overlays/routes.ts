import { overlaysApi, type OverlayPage, type OverlayState } from '../../../shared/contract/overlays.js';
import { implement, type RouteDef } from '../../http/route.js';
import type { OverlaysDeps } from './domain.js';

/** GET /overlays/state: exactly what the pages show, nothing more (an overlays:read key reads no settings). */
export function overlayRoutes(deps: OverlaysDeps, lastEventIds: () => Record<OverlayPage, string | null>): RouteDef[] {
  return implement(overlaysApi, {
    state: ({ query }): OverlayState => {
      // Read first: every event published before this answer is at or before these ids.
      const ids = lastEventIds();
      const accountId = deps.accounts.resolve(query.account).id;
      const g = deps.settings.get(accountId).giveaway;
      const latest = deps.giveaway.draws(accountId).at(-1);
      return {
        accountId,
        now: new Date(deps.clock.now()).toISOString(),
        lastEventIds: ids,
        giveaway: {
          enabled: g.enabled,
          keyword: g.keyword,
          entriesCount: deps.giveaway.entryCount(accountId),
          opensAt: g.opensAt,
          closesAt: g.closesAt,
          latestDraw: latest ? { drawId: latest.drawId, winners: latest.winners, timestamp: latest.timestamp } : null,
        },
      };
    },
  });
}
