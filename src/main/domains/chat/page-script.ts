import type { PlatformProfile, SelectorSet } from './profiles.js';

/** Name of the binding the page calls with new rows (context.exposeBinding). */
export const INGEST_BINDING = '__buzzchatIngest';

/** What the page script sends to Node: new rows, and page state when it changed. */
export interface PageRow {
  key: string;
  kind: 'message' | 'join';
  username: string;
  text: string;
  ts: number | null;
  /** Present when the script attached to this document's first chat container: history. */
  initial: boolean;
}
export interface PageState {
  live: boolean;
  loggedInAs: string | null;
  viewers: number | null;
}
export interface PagePayload {
  /** Random per document: a reload is a new document. */
  doc: string;
  rows: PageRow[];
  state?: PageState;
  attached?: { container: string };
}

export interface PageScriptConfig {
  binding: string;
  sel: SelectorSet;
  idAttr: string | null;
  tsAttr: string | null;
  frameUrlPattern: string | null;
  joinTextPattern: string | null;
  usernameFromHref: string | null;
}

export function pageScriptConfig(profile: PlatformProfile): PageScriptConfig {
  return {
    binding: INGEST_BINDING,
    sel: profile.selectors,
    idAttr: profile.messageIdAttribute,
    tsAttr: profile.timestampAttribute,
    frameUrlPattern: profile.frameUrlPattern,
    joinTextPattern: profile.joinTextPattern,
    usernameFromHref: profile.usernameFromHref,
  };
}

/** The init script source for a profile (plain JS text, so no bundler helper can leak into the page). */
export function pageScriptSource(cfg: PageScriptConfig): string {
  return `(${PAGE_SCRIPT})(${JSON.stringify(cfg)});`;
}

/**
 * Runs in every frame of the chat page. Pushes rows through the binding as the page adds them
 * (MutationObserver, no polling); re-attaches when the container is replaced; gives each row an identity:
 * the platform id, else a key stored on the node, else - for a re-rendered copy of a row that just left
 * the DOM - the key of that row, so a re-render is never a new message.
 */
const PAGE_SCRIPT = String.raw`function (cfg) {
  if (window.__bcInstalled) return;
  if (cfg.frameUrlPattern) { if (!new RegExp(cfg.frameUrlPattern).test(location.href)) return; }
  else if (window.top !== window) return;
  window.__bcInstalled = true;

  var KEY = '__bcKey', GONE_MS = 5000, SIG_MAX = 5000;
  var doc = Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
  // Readable by the driver: a same-document navigation (pushState) keeps it, a reload makes a new one.
  try { Object.defineProperty(window, '__bcDoc', { value: doc }); } catch (e) { /* defined by an earlier copy */ }
  var counter = 0;
  var frag = document.createDocumentFragment();
  function valid(list) { return (list || []).filter(function (s) { try { frag.querySelector(s); return true; } catch (e) { return false; } }); }
  var sel = {};
  Object.keys(cfg.sel).forEach(function (r) { sel[r] = valid(cfg.sel[r]); });
  var itemList = sel.messageItem.concat(sel.joinItem);
  var itemAny = itemList.join(',');
  var joinAny = sel.joinItem.join(',');
  var joinRe = cfg.joinTextPattern ? new RegExp(cfg.joinTextPattern, 'iu') : null;
  var hrefRe = cfg.usernameFromHref ? new RegExp(cfg.usernameFromHref) : null;

  function first(root, list) {
    for (var i = 0; i < list.length; i++) { var el = root.querySelector(list[i]); if (el) return { el: el, sel: list[i] }; }
    return null;
  }
  function clean(s) { return (s || '').replace(/\s+/g, ' ').trim(); }

  // What a person does not see is not text: tooltips (YouTube's emoji names), aria-hidden separators and action
  // bars, hidden and display:none parts, scripts. Tag and attribute checks first; a style lookup only for elements
  // a stylesheet or an inline style can hide (the first one per batch pays the style recalc, the rest are cached).
  // Icons (svg) hold no chat text, only deep trees to walk.
  var SKIP_TAGS = { SCRIPT: 1, STYLE: 1, TEMPLATE: 1, NOSCRIPT: 1, 'TP-YT-PAPER-TOOLTIP': 1, svg: 1, SVG: 1 };
  function unseen(el) {
    if (SKIP_TAGS[el.tagName] || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true' || el.getAttribute('role') === 'tooltip') return true;
    return (el.hasAttribute('class') || el.hasAttribute('style')) && getComputedStyle(el).display === 'none';
  }
  // In DOM order with nothing inserted between parts. Emoji and emotes are often images (YouTube, Twitch, Kick):
  // their alt is part of a message; in a name an image is a badge, so names leave alts out. skip: a subtree left out.
  function textOf(el, alts, skip) {
    var out = '';
    for (var n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) out += n.data;
      else if (n.nodeType !== 1 || n === skip || unseen(n)) continue;
      else if (n.tagName === 'IMG') { if (alts) out += n.getAttribute('alt') || ''; }
      else if (n.tagName === 'BR') out += ' ';
      else out += textOf(n, alts, skip);
    }
    return out;
  }
  // A site may split one message into several elements (Whatnot's lines after the name, Twitch fragments): all the
  // outermost matches, in order, one space apart. querySelectorAll is in document order, so a match inside an
  // earlier one can only be inside the last one kept.
  function messageText(row, t) {
    var parts = row.querySelectorAll(t.sel), acc = [], last = null;
    for (var i = 0; i < parts.length; i++) {
      if (last && last.contains(parts[i])) continue;
      last = parts[i];
      acc.push(textOf(parts[i], true, null));
    }
    return clean(acc.join(' '));
  }
  function nameFromLink(row) {
    var links = row.querySelectorAll('a[href]');
    for (var i = 0; i < links.length; i++) {
      var m = hrefRe.exec(links[i].getAttribute('href'));
      if (m && m[1]) { try { return clean(decodeURIComponent(m[1])); } catch (e) { return clean(m[1]); } }
    }
    return '';
  }

  // What a row shows, before deciding whether it is a line (parse) or why not (__bcDiagnose).
  function fields(row) {
    var u = first(row, sel.username), t = first(row, sel.messageText);
    var username = u ? clean(textOf(u.el, false, null)).replace(/:$/, '') : hrefRe ? nameFromLink(row) : '';
    // No text element: the row minus its name element, never the whole row as both.
    var text = t ? messageText(row, t) : clean(textOf(row, true, u ? u.el : null)).replace(/^:\s*/, '');
    var kind = joinAny && row.matches(joinAny) ? 'join' : 'message';
    // A join notice reads "joined" after the name element, or "<name> joined" where there is none; a viewer
    // writing "<someone> joined" under their own name is a message.
    var m = joinRe && kind === 'message' ? joinRe.exec(text) : null;
    if (m && !(username && m[1])) {
      kind = 'join';
      if (m[1]) { username = m[1]; text = clean(text.slice(m[1].length)); }
    }
    return { kind: kind, username: username, text: text };
  }
  function parse(row) {
    var f = fields(row), kind = f.kind, username = f.username, text = f.text;
    if (kind === 'join') { if (!username) return null; }
    else if (!username || !text) return null;
    var ts = null;
    if (cfg.tsAttr) { var raw = row.getAttribute(cfg.tsAttr); if (raw && isFinite(+raw)) ts = +raw; }
    return { kind: kind, username: username, text: text, ts: ts };
  }

  var bySig = new Map();
  function identify(row, p) {
    if (cfg.idAttr) { var id = row.getAttribute(cfg.idAttr); if (id) return 'id:' + id; }
    if (row[KEY]) return row[KEY];
    var sig = p.kind + '\u0001' + p.username + '\u0001' + p.text, now = Date.now();
    var list = bySig.get(sig);
    if (list) {
      for (var i = 0; i < list.length; i++) {
        var c = list[i];
        if (c.node !== row && !c.node.isConnected && c.goneAt && now - c.goneAt < GONE_MS) {
          c.node = row; c.goneAt = 0; row[KEY] = c.key; return c.key;
        }
      }
    } else { list = []; bySig.set(sig, list); }
    var key = 'k:' + doc + ':' + (++counter);
    row[KEY] = key;
    list.push({ key: key, node: row, goneAt: 0 });
    if (bySig.size > SIG_MAX) bySig.delete(bySig.keys().next().value);
    return key;
  }
  function markGone(root) {
    if (root.nodeType !== 1 || !itemAny) return;
    var now = Date.now(), rows = root.matches(itemAny) ? [root] : root.querySelectorAll(itemAny);
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i]; if (!r[KEY]) continue;
      var list = bySig.get(r.__bcSig);
      if (list) for (var j = 0; j < list.length; j++) if (list[j].node === r) list[j].goneAt = now;
    }
  }

  var pending = [], inflight = false, scheduled = false, nextState = null, attachedInfo = null;
  var waiting = new Set();
  function take(row, initial) {
    if (row.__bcDone) return;
    var p = parse(row);
    if (!p) { waiting.add(row); return; }
    waiting.delete(row);
    row.__bcDone = true;
    row.__bcSig = p.kind + '\u0001' + p.username + '\u0001' + p.text;
    p.key = identify(row, p);
    p.initial = initial;
    pending.push(p);
    schedule();
  }
  function schedule() { if (!scheduled) { scheduled = true; queueMicrotask(flush); } }
  function flush() {
    scheduled = false;
    if (inflight) return;
    if (!pending.length && !nextState && !attachedInfo) return;
    var fn = window[cfg.binding];
    if (typeof fn !== 'function') { setTimeout(schedule, 20); return; }
    var payload = { doc: doc, rows: pending };
    if (nextState) payload.state = nextState;
    if (attachedInfo) payload.attached = attachedInfo;
    pending = []; nextState = null; attachedInfo = null;
    inflight = true;
    // One call in flight at a time: rows that arrive meanwhile go out together when it returns.
    Promise.resolve(fn(payload)).catch(function () {}).then(function () { inflight = false; if (pending.length || nextState || attachedInfo) schedule(); });
  }

  function outermost(rows, container) {
    return rows.filter(function (r) { var up = r.parentElement && r.parentElement.closest(itemAny); return !up || up === container || !container.contains(up); });
  }
  function rowsIn(node, container) {
    if (node.nodeType !== 1 || !itemAny) return [];
    if (node.matches(itemAny)) return outermost([node], container);
    return outermost(Array.prototype.slice.call(node.querySelectorAll(itemAny)), container);
  }

  var container = null, containerSel = null, observer = null, attachedOnce = false;
  function onRows(records) {
    for (var i = 0; i < records.length; i++) {
      var rec = records[i];
      for (var j = 0; j < rec.removedNodes.length; j++) markGone(rec.removedNodes[j]);
      for (var k = 0; k < rec.addedNodes.length; k++) {
        var rows = rowsIn(rec.addedNodes[k], container);
        for (var n = 0; n < rows.length; n++) take(rows[n], false);
      }
      if (waiting.size && rec.target.nodeType === 1) {
        var w = rec.target.closest(itemAny);
        if (w && waiting.has(w)) take(w, false);
      }
    }
  }
  function attach(el, selector) {
    if (observer) observer.disconnect();
    if (container) markGone(container);
    container = el;
    containerSel = selector;
    var initial = !attachedOnce;
    attachedOnce = true;
    waiting = new Set();
    var rows = itemAny ? outermost(Array.prototype.slice.call(el.querySelectorAll(itemAny)), el) : [];
    for (var i = 0; i < rows.length; i++) take(rows[i], initial);
    observer = new MutationObserver(onRows);
    observer.observe(el, { childList: true, subtree: true, characterData: true });
    attachedInfo = { container: selector };
    checkState();
    schedule();
  }
  function findContainer() {
    var f = first(document, sel.chatContainer);
    if (f && f.el !== container) attach(f.el, f.sel);
  }

  var lastState = '', stateTimer = 0;
  // "1,234", "1.2K", "3M watching": the first number, with its K/M suffix.
  function viewersIn(s) {
    var m = /(\d[\d,]*(?:\.\d+)?)\s*([km](?![a-z]))?/i.exec(s || '');
    if (!m) return null;
    var n = parseFloat(m[1].replace(/,/g, ''));
    return isFinite(n) ? Math.round(n * (!m[2] ? 1 : /k/i.test(m[2]) ? 1e3 : 1e6)) : null;
  }
  function checkState() {
    stateTimer = 0;
    var who = first(document, sel.loggedInUser);
    var vc = first(document, sel.viewerCount), viewers = vc ? viewersIn(vc.el.textContent) : null;
    // Some sites put the count only in an aria-label ("1.2K watching").
    if (vc && viewers === null) viewers = viewersIn(vc.el.getAttribute('aria-label'));
    var s = { live: !!first(document, sel.liveIndicator), loggedInAs: who ? clean(who.el.textContent).replace(/^@/, '') || null : null, viewers: viewers };
    var j = JSON.stringify(s);
    if (j !== lastState) { lastState = j; nextState = s; schedule(); }
  }
  function onDocument() {
    if (!container || !container.isConnected) findContainer();
    if (!stateTimer) stateTimer = setTimeout(checkState, 100);
  }

  window.__bcProbe = function () {
    // A container the page removed is no match, whatever it still holds.
    var live = container && container.isConnected ? container : null;
    var out = {}, row = live && live.querySelector(itemAny || '*');
    var rowRoles = { username: 1, messageText: 1 };
    Object.keys(cfg.sel).forEach(function (r) {
      var root = rowRoles[r] ? row : (r === 'messageItem' ? live : document);
      var f = root ? first(root, sel[r]) : null;
      out[r] = { matched: f ? f.sel : null, tried: cfg.sel[r] };
    });
    return out;
  };

  // For \`buzzchat doctor\` and the site report: the rows as this reader sees them now, read by the same code.
  // names/texts stay in the page (the report masks values equal to them); el is the container itself.
  window.__bcDiagnose = function () {
    var live = container && container.isConnected ? container : null;
    var rows = live && itemAny ? outermost(Array.prototype.slice.call(live.querySelectorAll(itemAny)), live) : [];
    var out = { probe: window.__bcProbe(), container: live ? containerSel : null, rows: rows.length, parsed: 0, noName: 0, noText: 0, names: [], texts: [], el: live };
    for (var i = 0; i < rows.length; i++) {
      var f = fields(rows[i]);
      if (!f.username) out.noName++;
      if (f.kind === 'message' && !f.text) out.noText++;
      if (parse(rows[i])) out.parsed++;
      if (f.username) out.names.push(f.username);
      if (f.text) out.texts.push(f.text);
    }
    return out;
  };

  function start() {
    new MutationObserver(onDocument).observe(document.documentElement, { childList: true, subtree: true });
    findContainer();
    checkState();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}`;
