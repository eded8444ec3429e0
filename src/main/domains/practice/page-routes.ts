import express from 'express';
import { ApiError } from '../../http/errors.js';
import { openSse } from '../../http/sse.js';
import type { PracticeController } from './controller.js';
import { PAGE_CSS } from './page-css.js';
import { PAGE_SCRIPT } from './page-script.js';
import { renderPage } from './page.js';

/**
 * /practice: what a browser needs to watch the show (the page, its script and style, the fallback feed). No
 * token: it is a public page like the real one, and carries nothing a caller can change. The control API lives
 * under /api/v1/practice (api-routes.ts); the socket at /practice/socket (socket.ts).
 */
export function practicePageRouter(c: PracticeController): express.Router {
  const r = express.Router();
  r.get('/', (_req, res) => {
    res.type('html').send(renderPage(c.pageBoot()));
  });
  r.get('/app.js', (_req, res) => res.type('application/javascript').send(PAGE_SCRIPT));
  r.get('/app.css', (_req, res) => res.type('text/css').send(PAGE_CSS));
  /**
   * The page's other source of chat (practice only): `/feed?after=` what it missed while its socket was down,
   * `/feed/stream?after=` (Server-Sent Events) all of it while frames are stopped, each line as it comes.
   */
  r.get('/feed', (req, res) => {
    res.json(c.feed.read(afterParam(req.query.after)));
  });
  r.get('/feed/stream', (req, res) => {
    const sse = openSse(req, res);
    const close = c.feed.open(afterParam(req.query.after), (answer) => sse.send({ data: answer }));
    void sse.closed.then(close);
  });
  r.use((req, _res, next) => next(new ApiError('NOT_FOUND', `No practice page at ${req.method} ${req.originalUrl.split('?')[0]}`)));
  return r;
}

function afterParam(v: unknown): number {
  const n = typeof v === 'string' ? Number(v) : -1;
  return Number.isInteger(n) && n >= 0 ? n : -1;
}
