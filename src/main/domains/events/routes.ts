import { z } from 'zod';
import { accountQuery, route } from '../../http/route.js';
import type { AppModule } from '../define.js';
import type { AppServices } from '../../app/services.js';
import type { BusEvent } from '../../kernel/events/bus.js';

const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events: every bus event (public and internal) as it happens, for dashboards and automation.
 * `?types=a,b` filters by type; `?account=` by account. Authenticated like any other route.
 */
export function eventStreamModule(s: AppServices): AppModule {
  const clients = new Set<() => void>();
  return {
    name: 'event-stream',
    routes: [
      route({
        method: 'get',
        path: '/events',
        tag: 'Events',
        summary: 'Live event stream (text/event-stream); each event is {id, type, timestamp, accountId, data}',
        scope: 'chat:read',
        query: accountQuery.extend({ types: z.string().max(1000).optional().describe('Comma-separated event types') }).strict(),
        handler: ({ req, res, query }) =>
          new Promise<void>((resolve) => {
            const types = query.types ? new Set(query.types.split(',').map((t) => t.trim())) : null;
            res.status(200);
            res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
            res.setHeader('Cache-Control', 'no-store');
            res.setHeader('X-Accel-Buffering', 'no');
            res.flushHeaders();
            res.write(': connected\n\n');
            const send = (e: BusEvent) => {
              if (types && !types.has(e.type)) return;
              if (query.account && e.accountId !== null && e.accountId !== query.account) return;
              res.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
            };
            const unsubscribe = s.bus.subscribe((e) => {
              try {
                send(e);
              } catch {
                /* a dead socket must not break the publisher */
              }
            });
            const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
            const close = () => {
              clearInterval(heartbeat);
              unsubscribe();
              clients.delete(close);
              res.end();
              resolve();
            };
            clients.add(close);
            req.on('close', close);
          }),
      }),
    ],
    stop() {
      for (const close of [...clients]) close();
    },
  };
}
