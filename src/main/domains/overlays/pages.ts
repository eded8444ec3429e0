import express, { type Response } from 'express';
import { OVERLAY_SCOPE, type OverlayPage } from '../../../shared/contract/overlays.js';
import { ApiError } from '../../http/errors.js';
import type { OverlaysDeps } from './deps.js';
import { CHAT_JS } from './page-chat.js';
import { CORE_JS } from './page-core.js';
import { OVERLAY_CSS } from './page-css.js';
import { GIVEAWAY_JS } from './page-giveaway.js';

/**
 * Our own scripts and style only, no inline code, no fonts or CDNs; the dashboard (same origin) may frame the
 * pages for its preview. Styling by URL parameters goes through the CSSOM, which style-src does not govern.
 */
export const OVERLAY_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

const BODIES: Record<OverlayPage, string> = {
  chat: '<main id="lines" class="chat-lines"></main>',
  giveaway: `<main class="giveaway">
<section id="card" class="card" hidden>
<div class="keyword">Type <b id="keyword"></b> to join!</div>
<div class="count"><span id="count">0</span> <span id="count-label">entries</span></div>
<div id="countdown" class="countdown" hidden></div>
</section>
<section id="winner" class="winner" hidden><div id="winner-title" class="winner-title">Winner!</div><div id="winner-names" class="winner-names"></div></section>
</main>`,
};

function page(name: OverlayPage): string {
  return `<!doctype html>
<html lang="en" class="overlay overlay-${name}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>BuzzChat ${name} overlay</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/overlays/overlay.css">
<script src="/overlays/core.js" defer></script>
<script src="/overlays/${name}.js" defer></script>
</head>
<body>
${BODIES[name]}
</body>
</html>`;
}

/** Says what is wrong to whoever opens the URL, and carries no data. */
const DENIED = `<!doctype html>
<html lang="en" class="overlay">
<head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>BuzzChat overlay: token missing or invalid</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/overlays/overlay.css"></head>
<body><p class="denied">BuzzChat overlay: token missing or invalid. Copy the URL again from the dashboard's Overlays card.</p></body>
</html>`;

const PAGES: Record<OverlayPage, string> = { chat: page('chat'), giveaway: page('giveaway') };
const ASSETS: Record<string, { type: string; body: string }> = {
  'core.js': { type: 'text/javascript', body: CORE_JS },
  'chat.js': { type: 'text/javascript', body: CHAT_JS },
  'giveaway.js': { type: 'text/javascript', body: GIVEAWAY_JS },
  'overlay.css': { type: 'text/css', body: OVERLAY_CSS },
};

/**
 * Only a key granted overlays:read by name opens a page: not the dashboard session, and not a full-access key
 * either, so the URL that ends up in OBS scene files and screenshots can never do more than read what is on
 * stream anyway.
 */
function admitted(keys: OverlaysDeps['keys'], token: unknown): boolean {
  if (typeof token !== 'string' || token.length === 0 || token.length > 200) return false;
  try {
    const p = keys.authenticate(token);
    return p.kind === 'key' && p.scopes !== null && p.scopes.includes(OVERLAY_SCOPE);
  } catch (err) {
    if (err instanceof ApiError) return false;
    throw err;
  }
}

function headers(res: Response): void {
  res.setHeader('Content-Security-Policy', OVERLAY_CSP);
  res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  // The page URL holds the key: never send it on as a Referer.
  res.setHeader('Referrer-Policy', 'no-referrer');
}

/** /overlays/<page>?token=... (401 without a valid overlay key) and the pages' public script and style. */
export function overlayPagesRouter(keys: OverlaysDeps['keys']): express.Router {
  const r = express.Router();
  for (const name of Object.keys(PAGES) as OverlayPage[]) {
    r.get(`/${name}`, (req, res) => {
      headers(res);
      if (!admitted(keys, req.query.token)) return void res.status(401).type('html').send(DENIED);
      res.type('html').send(PAGES[name]);
    });
  }
  for (const [file, asset] of Object.entries(ASSETS)) {
    r.get(`/${file}`, (_req, res) => void res.type(asset.type).send(asset.body));
  }
  r.use((req, _res, next) => next(new ApiError('NOT_FOUND', `No overlay at ${req.method} ${req.originalUrl.split('?')[0]}`)));
  return r;
}
