import type { BusEvent } from '../../../shared/events.js';
import { eventsApi } from '../../../shared/contract/system.js';
import type { Clock } from '../../kernel/clock.js';
import type { EventBus } from '../../kernel/events/bus.js';
import { implement } from '../../http/route.js';
import { openSse, type SseStream } from '../../http/sse.js';
import type { Domain } from '../define.js';
import { DEFAULT_EVENT_HISTORY, EventHistory, type EventHistoryOptions } from './history.js';

/** How long a client waits before reconnecting (the SSE `retry:` field). */
const RECONNECT_MS = 2000;

/**
 * The live event stream (Server-Sent Events): every bus event, public and internal, as it happens, for
 * dashboards, overlays and automation. `?types=a,b` filters by type; `?account=` by account. A client that
 * reconnects with `Last-Event-ID` (or `?lastEventId=` where it cannot set headers) first gets the events it
 * missed, from the last 1,000 or 10 minutes; when its event is older than that, a `reset` event tells it to
 * reload what it shows.
 */
export function eventsDomain(deps: { bus: EventBus; clock: Clock; history?: EventHistoryOptions }): Domain {
  const streams = new Set<SseStream>();
  const history = new EventHistory(deps.clock, deps.history ?? DEFAULT_EVENT_HISTORY);
  const unrecord = deps.bus.subscribe((e) => history.record(e));
  return {
    name: 'events',
    routes: implement(eventsApi, {
      stream: async ({ req, res, query }) => {
        const types = query.types ? new Set(query.types.split(',').map((t) => t.trim())) : null;
        const wanted = (e: BusEvent) => (!types || types.has(e.type)) && !(query.account && e.accountId !== null && e.accountId !== query.account);
        const header = req.headers['last-event-id'];
        // `?lastEventId=` is read loosely: the contract's query schema may not list it yet.
        const lastEventId = (typeof header === 'string' && header.trim()) || (query as { lastEventId?: string }).lastEventId || null;
        const stream = openSse(req, res, { retryMs: RECONNECT_MS });
        streams.add(stream);
        // Replay and subscription in one synchronous step: no event can fall between them.
        if (lastEventId) {
          const missed = history.after(lastEventId);
          if (missed) for (const e of missed.filter(wanted)) stream.send({ id: e.id, type: e.type, data: e });
          else stream.send({ type: 'reset', data: resetEvent(deps.clock, lastEventId) });
        }
        const unsubscribe = deps.bus.subscribe((e) => {
          if (wanted(e)) stream.send({ id: e.id, type: e.type, data: e });
        });
        await stream.closed;
        unsubscribe();
        streams.delete(stream);
      },
    }),
    stop() {
      unrecord();
      for (const s of [...streams]) s.close();
    },
  };
}

/** Shaped like every event ({id, type, timestamp, accountId, data}) so clients parse it the same way. */
function resetEvent(clock: Clock, lastEventId: string) {
  return {
    id: null,
    type: 'reset',
    timestamp: new Date(clock.now()).toISOString(),
    accountId: null,
    data: { lastEventId, reason: 'The events after this id are no longer kept; reload the current state' },
  };
}
