import type { Frame, Page } from 'playwright-core';
import { MASK_TEXT_JS } from './mask.js';

/** What the page reader sees now (page-script.ts's __bcDiagnose, minus what must stay in the page). */
export interface PageDiagnosis {
  probe: Record<string, { matched: string | null; tried: string[] }>;
  /** The selector of the chat container the reader is attached to, null when none is on the page. */
  container: string | null;
  rows: number;
  parsed: number;
  noName: number;
  noText: number;
}

export interface PageMarkup {
  /** The chat container, or the whole document body when no container selector matched. */
  root: 'chat-container' | 'document-body';
  selector: string | null;
  html: string;
  truncated: boolean;
  rowsTotal: number;
  rowsKept: number;
}

/** A hung page must not hang the request. */
const EVAL_MS = 5000;

function bounded<T>(p: Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p.catch(() => null), new Promise<null>((r) => (timer = setTimeout(() => r(null), EVAL_MS)))]).finally(() =>
    clearTimeout(timer),
  );
}

/**
 * The frame the page reader runs in (the top frame, or YouTube's live_chat iframe): the one whose reader is attached
 * to a chat container, else the first that has a reader at all.
 */
async function readerFrame(page: Page): Promise<Frame | null> {
  let fallback: Frame | null = null;
  for (const f of page.frames()) {
    const state = await bounded(
      f.evaluate(() => {
        const w = window as unknown as { __bcDiagnose?: () => { container: string | null } };
        return w.__bcDiagnose ? (w.__bcDiagnose().container === null ? 'reader' : 'attached') : 'none';
      }),
    );
    if (state === 'attached') return f;
    if (state === 'reader') fallback ??= f;
  }
  return fallback;
}

export async function diagnosePage(page: Page | null): Promise<PageDiagnosis | null> {
  if (!page || page.isClosed()) return null;
  const frame = await readerFrame(page);
  if (!frame) return null;
  return bounded(
    frame.evaluate(() => {
      const w = window as unknown as { __bcDiagnose: () => PageDiagnosis & { el: unknown; names: unknown; texts: unknown } };
      const d = w.__bcDiagnose();
      // Names and texts stay in the page; the element cannot leave it.
      return { probe: d.probe, container: d.container, rows: d.rows, parsed: d.parsed, noName: d.noName, noText: d.noText };
    }),
  );
}

export interface MarkupOptions {
  /** Names and texts seen on the data stream or in delivered lines (lower case). */
  known: string[];
  /** The profile's row selectors (messageItem, joinItem): rows are what is trimmed when the markup is too long. */
  rowSelectors: string[];
  maxChars: number;
}

/** The chat container's markup (or the body's), masked in the page: only masked text ever leaves it. */
export async function pageMarkup(page: Page | null, o: MarkupOptions): Promise<PageMarkup | null> {
  if (!page || page.isClosed()) return null;
  const frame = (await readerFrame(page)) ?? page.mainFrame();
  return bounded(frame.evaluate(`(${MARKUP_JS})(${JSON.stringify(o)})`) as Promise<PageMarkup | null>);
}

/**
 * Runs in the page: clones the container, masks every text node and every attribute value that may carry a name or
 * a message (kept: tag names, classes, ids, test ids, roles and other structural attributes, each still scrubbed of
 * known names; URLs keep their origin and structural path words), drops comments and script/style contents, then
 * trims rows from the top until the markup fits.
 */
const MARKUP_JS = String.raw`function (o) {
  var mask = ${MASK_TEXT_JS};
  var d = typeof window.__bcDiagnose === 'function' ? window.__bcDiagnose() : null;
  var words = o.known.slice();
  if (d) words = words.concat(d.names, d.texts);
  var long = [], short = {};
  words.forEach(function (w) {
    w = String(w).trim().replace(/^@/, '').toLowerCase();
    if (w.length >= 3) long.push(w); else if (w) short[w] = 1;
  });
  long.sort(function (a, b) { return b.length - a.length; });
  // Whole words only, as KnownWords (mask.ts) does.
  var re = long.length ? new RegExp('(?<![\\p{L}\\p{N}])(?:' + long.map(function (w) { return w.replace(/[.*+?^$\{\}()|[\]\\]/g, '\\$&'); }).join('|') + ')(?![\\p{L}\\p{N}])', 'giu') : null;
  function scrub(v) {
    var out = re ? v.replace(re, function (m) { return mask(m); }) : v;
    return out.replace(/[\p{L}\p{N}_]+/gu, function (t) { return short[t.toLowerCase()] ? mask(t) : t; });
  }
  function scrubBoth(v) {
    var s = scrub(v), dec = v;
    try { dec = decodeURIComponent(v); } catch (e) { /* not encoded */ }
    return dec !== v && scrub(dec) !== dec ? mask(v) : s;
  }
  var KEEP = {};
  ('class id role type style name for slot part tabindex dir lang hidden disabled contenteditable draggable spellcheck ' +
    'autocomplete inputmode enterkeyhint maxlength minlength rows cols width height loading decoding target rel method ' +
    'aria-hidden aria-live aria-expanded aria-selected aria-level aria-setsize aria-posinset aria-atomic aria-relevant ' +
    'aria-busy aria-checked aria-pressed aria-modal aria-haspopup aria-orientation aria-controls aria-labelledby ' +
    'aria-describedby aria-owns viewbox fill stroke xmlns').split(' ').forEach(function (a) { KEEP[a] = 1; });
  var URLS = { href: 1, src: 1, srcset: 1, action: 1, poster: 1, 'xlink:href': 1, 'data-src': 1, formaction: 1 };
  var TEXTISH = { 'data-tooltip': 1, 'data-title': 1, 'data-text': 1, 'data-label': 1, 'data-content': 1, 'data-original-title': 1, 'data-message': 1, 'data-placeholder': 1 };
  var SEGMENTS = {};
  ('user users u profile profiles channel channels c live watch video videos emote emotes emoticons static assets images ' +
    'img image avatars avatar badges badge api v1 v2 v3 i s p popout chat embed stream streams show shows').split(' ').forEach(function (s) { SEGMENTS[s] = 1; });
  var SKIP = { SCRIPT: 1, STYLE: 1, NOSCRIPT: 1, TEMPLATE: 1 };

  function maskUrl(v) {
    var t = v.trim();
    if (/^data:/i.test(t)) { var c = t.indexOf(','); return (c > 0 ? t.slice(0, c + 1) : 'data:') + '(' + t.length + ' chars)'; }
    var m = /^([a-z][a-z0-9+.-]*:)?(\/\/[^/?#]*)?([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(t);
    if (!m || /^(javascript|blob):/i.test(t)) return mask(t);
    var path = (m[3] || '').split('/').map(function (seg) { return SEGMENTS[seg.toLowerCase()] ? seg : mask(seg); }).join('/');
    return (m[1] || '') + scrubBoth(m[2] || '') + path + (m[4] ? mask(m[4]) : '') + (m[5] ? mask(m[5]) : '');
  }
  function maskAttr(name, v) {
    if (URLS[name]) return name === 'srcset' ? v.split(',').map(function (p) { var t = p.trim().split(/\s+/); return maskUrl(t[0] || '') + (t[1] ? ' ' + t[1] : ''); }).join(', ') : maskUrl(v);
    if (KEEP[name]) return scrubBoth(v);
    if (name.indexOf('data-') === 0 && !TEXTISH[name] && !/\s/.test(v)) return scrubBoth(v);
    return mask(v);
  }
  function clean(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT | NodeFilter.SHOW_COMMENT);
    var drop = [], n = root;
    for (; n; n = walker.nextNode()) {
      if (n.nodeType === 3) { n.data = mask(n.data); continue; }
      if (n.nodeType === 8) { drop.push(n); continue; }
      if (SKIP[n.tagName]) { n.innerHTML = ''; }
      for (var i = 0; i < n.attributes.length; i++) { var a = n.attributes[i]; a.value = maskAttr(a.name.toLowerCase(), a.value); }
    }
    drop.forEach(function (c) { c.remove(); });
  }

  var el = d && d.el ? d.el : document.body;
  if (!el) return null;
  var clone = el.cloneNode(true);
  clean(clone);
  var rowSel = o.rowSelectors.filter(function (s) { try { clone.querySelector(s); return true; } catch (e) { return false; } }).join(',');
  var rows = [];
  if (rowSel) rows = Array.prototype.slice.call(clone.querySelectorAll(rowSel)).filter(function (r) { var up = r.parentElement && r.parentElement.closest(rowSel); return !up || !clone.contains(up); });
  var total = rows.length, html = clone.outerHTML;
  // The newest rows are what a developer needs: the oldest go first, half at a time.
  while (html.length > o.maxChars && rows.length > 5) {
    rows.splice(0, Math.ceil(rows.length / 2)).forEach(function (r) { r.remove(); });
    html = clone.outerHTML;
  }
  var truncated = html.length > o.maxChars || rows.length < total;
  if (html.length > o.maxChars) html = html.slice(0, o.maxChars);
  return { root: d && d.el ? 'chat-container' : 'document-body', selector: d && d.el ? d.container : null, html: html, truncated: truncated, rowsTotal: total, rowsKept: rows.length };
}`;
