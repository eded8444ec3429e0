import { OVERLAY_PAGES, OVERLAY_STREAMS, type OverlayPage } from '../../../shared/contract/overlays.js';
import type { EventBus } from '../../kernel/events/bus.js';
import type { Clock } from '../../kernel/clock.js';
import type { AccountService } from '../accounts/service.js';
import type { ApiKeyService } from '../apikeys/service.js';
import type { GiveawayService } from '../giveaway/service.js';
import type { SettingsService } from '../settings/service.js';
import type { Domain } from '../define.js';
import { overlayPagesRouter } from './pages.js';
import { overlayRoutes } from './routes.js';

export interface OverlaysDeps {
  bus: EventBus;
  clock: Clock;
  keys: Pick<ApiKeyService, 'authenticate'>;
  accounts: Pick<AccountService, 'resolve'>;
  settings: Pick<SettingsService, 'get'>;
  giveaway: Pick<GiveawayService, 'entryCount' | 'draws'>;
}

/**
 * OBS overlays: the chat and giveaway pages under /overlays (a browser source loads them with an overlays:read
 * key in `?token=`), and GET /overlays/state, what they show when they load. The pages then follow the live
 * event stream (the events domain); the state names the last event of each page's types, so a page can drop
 * the events its state already holds and count every giveaway entry exactly once.
 */
export function overlaysDomain(deps: OverlaysDeps): Domain {
  const lastEventIds: Record<OverlayPage, string | null> = { chat: null, giveaway: null };
  const pagesOf = new Map<string, OverlayPage[]>();
  for (const page of OVERLAY_PAGES) for (const t of OVERLAY_STREAMS[page]) pagesOf.set(t, [...(pagesOf.get(t) ?? []), page]);
  // Subscribed when built: the bus delivers in order to every subscriber, the event streams included.
  const unsubscribe = deps.bus.subscribe((e) => {
    for (const page of pagesOf.get(e.type) ?? []) lastEventIds[page] = e.id;
  });
  return {
    name: 'overlays',
    routes: overlayRoutes(deps, () => ({ ...lastEventIds })),
    mounts: [{ path: '/overlays', handler: overlayPagesRouter(deps.keys) }],
    stop: unsubscribe,
  };
}
