import { practiceApi } from '../../../shared/contract/practice.js';
import { implement, type RouteDef } from '../../http/route.js';
import { parseOrThrow } from '../../http/parse.js';
import type { PracticeController } from './controller.js';
import { injectManyBody, injectOneBody } from './schema.js';

/** The practice stream's control API: the app's auth, rate limits, error envelope and OpenAPI entries apply. */
export function practiceApiRoutes(c: PracticeController): RouteDef[] {
  const stream = c.stream;
  const pages = () => ({ pages: c.hub.pages });
  return implement(practiceApi, {
    state: () => c.state(),
    inject: ({ body }) => {
      // Pick the shape first so a mistake gets a precise message rather than a union's "Invalid input".
      const raw = body ?? {};
      const many = typeof raw === 'object' && raw !== null && 'messages' in raw;
      const lines = many ? parseOrThrow(injectManyBody, raw, 'body').messages : [parseOrThrow(injectOneBody, raw, 'body')];
      const added = stream.append(lines.map((l) => ({ ...l, category: 'injected' as const })));
      return { messages: added.map(({ id, seq, ts, username, text, kind }) => ({ id, seq, ts, username, text, kind })) };
    },
    send: ({ body }) => stream.postHost(body.text),
    hostMessages: ({ query }) => ({ hostName: stream.hostName, messages: stream.hostMessages(query.since) }),
    messages: ({ query }) => ({ messages: stream.recent({ limit: query.limit, afterSeq: query.afterSeq }) }),
    config: ({ body }) => c.configure(body),
    simulationStart: ({ body }) => {
      c.simulator.start(body.rate);
      return c.state();
    },
    simulationStop: () => (c.simulator.stop(), c.state()),
    burst: ({ body }) => (c.simulator.burst(body.count), c.state()),
    showEvent: ({ body }) => (c.show.step(body.event), c.state()),
    liveStart: () => c.setLive(true),
    liveEnd: () => c.setLive(false),
    reload: () => (stream.control({ action: 'reload' }), pages()),
    rerender: () => (stream.control({ action: 'rerender' }), pages()),
    detach: ({ body }) => (stream.control({ action: 'detach', count: body.count ?? 1 }), pages()),
    paths: ({ body }) => c.setPaths(body),
    dropSocket: () => ({ dropped: c.hub.dropAll() }),
    reset: () => c.reset(),
  });
}
