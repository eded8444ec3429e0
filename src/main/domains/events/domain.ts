import { eventsApi } from '../../../shared/contract/system.js';
import type { EventBus } from '../../kernel/events/bus.js';
import { implement } from '../../http/route.js';
import { openSse, type SseStream } from '../../http/sse.js';
import type { Domain } from '../define.js';

/**
 * The live event stream (Server-Sent Events): every bus event, public and internal, as it happens, for
 * dashboards, overlays and automation. `?types=a,b` filters by type; `?account=` by account.
 */
export function eventsDomain(deps: { bus: EventBus }): Domain {
  const streams = new Set<SseStream>();
  return {
    name: 'events',
    routes: implement(eventsApi, {
      stream: async ({ req, res, query }) => {
        const types = query.types ? new Set(query.types.split(',').map((t) => t.trim())) : null;
        const stream = openSse(req, res);
        streams.add(stream);
        const unsubscribe = deps.bus.subscribe((e) => {
          if (types && !types.has(e.type)) return;
          if (query.account && e.accountId !== null && e.accountId !== query.account) return;
          stream.send({ id: e.id, type: e.type, data: e });
        });
        await stream.closed;
        unsubscribe();
        streams.delete(stream);
      },
    }),
    stop() {
      for (const s of [...streams]) s.close();
    },
  };
}
