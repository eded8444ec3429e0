import { overlaysApi } from '../../../shared/contract/overlays.js';
import { implement, type RouteDef } from '../../http/route.js';
import type { SseStream } from '../../http/sse.js';
import type { OverlaysDeps } from './deps.js';
import type { OverlayFeed } from './feed.js';
import { overlayState } from './state.js';
import { serveOverlayStream } from './stream.js';

export function overlayRoutes(deps: OverlaysDeps, feed: OverlayFeed, streams: Set<SseStream>): RouteDef[] {
  return implement(overlaysApi, {
    state: ({ query }) => overlayState(deps, deps.accounts.resolve(query.account).id),
    events: async ({ req, res, query }) => {
      const header = req.headers['last-event-id'];
      const lastEventId = (typeof header === 'string' && header.trim()) || query.lastEventId || null;
      await serveOverlayStream(deps, feed, streams, { req, res, page: query.page, account: query.account, lastEventId });
    },
  });
}
