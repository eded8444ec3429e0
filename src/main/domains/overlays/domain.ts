import type { SseStream } from '../../http/sse.js';
import type { Domain } from '../define.js';
import type { OverlaysDeps } from './deps.js';
import { OverlayFeed } from './feed.js';
import { overlayPagesRouter } from './pages.js';
import { overlayRoutes } from './routes.js';

/**
 * OBS overlays: the chat and giveaway pages under /overlays (a browser source loads them with an overlays:read
 * key in `?token=`), GET /overlays/state (what they show besides live events) and GET /overlays/events, each
 * page's stream: its state, then its events, resumable (feed.ts keeps the recent ones).
 */
export function overlaysDomain(deps: OverlaysDeps): Domain {
  const feed = new OverlayFeed();
  const streams = new Set<SseStream>();
  // Subscribed when built, before any stream: the feed has recorded an event by the time a stream sees it.
  const unsubscribe = deps.bus.subscribe((e) => feed.record(e));
  return {
    name: 'overlays',
    routes: overlayRoutes(deps, feed, streams),
    mounts: [{ path: '/overlays', handler: overlayPagesRouter(deps.keys) }],
    stop() {
      unsubscribe();
      for (const s of [...streams]) s.close();
    },
  };
}
