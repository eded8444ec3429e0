import express from 'express';
import { ApiError } from '../../http/errors.js';
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
  /** The page's fallback source while chat frames are stopped (polled, never held open). */
  r.get('/feed', (req, res) => {
    const raw = typeof req.query.after === 'string' ? Number(req.query.after) : -1;
    res.json(c.feed(Number.isInteger(raw) && raw >= 0 ? raw : -1));
  });
  r.use((req, _res, next) => next(new ApiError('NOT_FOUND', `No practice page at ${req.method} ${req.originalUrl.split('?')[0]}`)));
  return r;
}
