import express, { type Request, type Response } from 'express';
import { ApiError } from '../../http/errors.js';
import { parseOrThrow } from '../../http/server.js';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_CSS, renderPage } from './page.js';
import { burstBody, configBody, detachBody, injectManyBody, injectOneBody, listQuery, sendBody, simulationStartBody } from './schema.js';
import type { PracticeController } from './controller.js';

const HEARTBEAT_MS = 15_000;

/**
 * /practice: the page, its SSE feed and the control API (JSON under /practice/api/). Loopback only, like the
 * whole server (host and origin guards run first); errors reach the core's error middleware as ApiErrors.
 */
export function practiceRouter(c: PracticeController): express.Router {
  const r = express.Router();
  const stream = c.stream;
  const ok = (res: Response, data: unknown, status = 200) => res.status(status).json({ success: true, data });

  r.get('/', (_req, res) => {
    res.type('html').send(renderPage({ state: stream.pageState(), history: stream.history(), lastSeq: stream.lastSeq }));
  });
  r.get('/app.js', (_req, res) => res.type('application/javascript').send(PAGE_SCRIPT));
  r.get('/app.css', (_req, res) => res.type('text/css').send(PAGE_CSS));

  r.get('/events', (req: Request, res: Response) => {
    const after = cursor(req);
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    // Row latency is the point of this feed: never let Nagle hold a small frame back.
    req.socket.setNoDelay(true);
    const disconnect = stream.connect({ write: (chunk) => res.write(chunk) }, after);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const close = () => {
      clearInterval(heartbeat);
      disconnect();
      c.sseClosers.delete(close);
      res.end();
    };
    c.sseClosers.add(close);
    req.on('close', close);
  });

  const api = express.Router();
  api.use(express.json({ limit: '4mb', type: () => true }));

  api.get('/state', (_req, res) => ok(res, c.state()));

  api.post('/inject', (req, res) => {
    // Pick the shape first so a mistake gets a precise message rather than a union's "Invalid input".
    const raw: unknown = req.body ?? {};
    const many = typeof raw === 'object' && raw !== null && 'messages' in raw;
    const lines = many ? parseOrThrow(injectManyBody, raw, 'body').messages : [parseOrThrow(injectOneBody, raw, 'body')];
    const added = stream.append(lines.map((l) => ({ ...l, category: 'injected' as const })));
    ok(res, { messages: added.map(({ id, seq, ts, username, text, kind }) => ({ id, seq, ts, username, text, kind })) }, 201);
  });

  /** The page's own send: what the host typed. */
  api.post('/send', (req, res) => {
    const body = parseOrThrow(sendBody, req.body ?? {}, 'body');
    ok(res, stream.postHost(body.text), 201);
  });

  api.get('/host-messages', (req, res) => {
    const q = parseOrThrow(listQuery, req.query, 'query');
    ok(res, { hostName: stream.hostName, messages: stream.hostMessages(q.since) });
  });

  api.get('/messages', (req, res) => {
    const q = parseOrThrow(listQuery, req.query, 'query');
    ok(res, { messages: stream.recent({ limit: q.limit, afterSeq: q.afterSeq }) });
  });

  api.post('/config', (req, res) => ok(res, c.configure(parseOrThrow(configBody, req.body ?? {}, 'body'))));

  api.post('/simulation/start', (req, res) => {
    const body = parseOrThrow(simulationStartBody, req.body ?? {}, 'body');
    c.simulator.start(body.rate);
    ok(res, c.state());
  });
  api.post('/simulation/stop', (_req, res) => {
    c.simulator.stop();
    ok(res, c.state());
  });
  /** Generate n simulated lines at once (benches skip waiting for the timer). */
  api.post('/simulation/burst', (req, res) => {
    c.simulator.burst(parseOrThrow(burstBody, req.body ?? {}, 'body').count);
    ok(res, c.state());
  });

  api.post('/live/start', (_req, res) => ok(res, c.setLive(true)));
  api.post('/live/end', (_req, res) => ok(res, c.setLive(false)));

  api.post('/reload', (_req, res) => {
    stream.broadcast({ t: 'reload' });
    ok(res, { pages: stream.pages });
  });
  api.post('/rerender', (_req, res) => {
    stream.broadcast({ t: 'rerender' });
    ok(res, { pages: stream.pages });
  });
  api.post('/detach', (req, res) => {
    const body = parseOrThrow(detachBody, req.body ?? {}, 'body');
    stream.broadcast({ t: 'detach', count: body.count ?? 1 });
    ok(res, { pages: stream.pages });
  });
  api.post('/reset', (_req, res) => ok(res, c.reset()));

  r.use('/api', api);
  r.use((req, _res, next) => next(new ApiError('NOT_FOUND', `No practice route for ${req.method} ${req.originalUrl.split('?')[0]}`)));
  return r;
}

/** Where a page resumes: EventSource's own Last-Event-ID on reconnect, else the page's ?after=. */
function cursor(req: Request): number | null {
  const raw = req.headers['last-event-id'] ?? req.query.after;
  const n = typeof raw === 'string' ? Number(raw) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : null;
}
