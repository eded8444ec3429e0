import type { OverlayState } from '../../../shared/contract/overlays.js';
import type { OverlaysDeps } from './deps.js';

/** What the pages show besides the live events; exactly that, so an overlays:read key reads no settings. */
export function overlayState(deps: OverlaysDeps, accountId: string): OverlayState {
  const g = deps.settings.get(accountId).giveaway;
  const latest = deps.giveaway.draws(accountId).at(-1);
  return {
    accountId,
    now: new Date(deps.clock.now()).toISOString(),
    giveaway: {
      enabled: g.enabled,
      keyword: g.keyword,
      entriesCount: deps.giveaway.entryCount(accountId),
      opensAt: g.opensAt,
      closesAt: g.closesAt,
      latestDraw: latest ? { drawId: latest.drawId, winners: latest.winners, timestamp: latest.timestamp } : null,
    },
  };
}
