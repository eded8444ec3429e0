/**
 * In-page chat list, react-virtuoso style: every message is kept in memory, only a window of `mounted` rows is
 * in the DOM. Rows carry their list position as `data-index` on virtuoso's item wrapper (not an id: a row that
 * scrolled out and back is a new node with the same index). The list sticks to the bottom until the user
 * scrolls up; scrolling back mounts older rows again. Two markups: Whatnot's, and an `alternate` one no Whatnot
 * selector matches (to show the socket path carrying chat on its own).
 */
export const LIST_JS = String.raw`
function el(tag, attrs, text) {
  var e = document.createElement(tag);
  if (attrs) for (var k in attrs) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  return e;
}
var AVATAR_COLORS = ['#f97316', '#22c55e', '#3b82f6', '#a855f7', '#ec4899', '#eab308', '#14b8a6', '#ef4444'];
var avatars = new Map();
function avatarSrc(name) {
  var src = avatars.get(name);
  if (src) return src;
  var h = 0;
  for (var i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
  var initial = (Array.from(name)[0] || '?').replace(/[<&>"']/g, '?');
  var svg = '<svg xmlns="http://www.w3.org/2000/svg" width="28" height="28"><circle cx="14" cy="14" r="14" fill="' + AVATAR_COLORS[Math.abs(h) % AVATAR_COLORS.length] +
    '"/><text x="14" y="19" font-size="13" font-family="sans-serif" text-anchor="middle" fill="#fff">' + initial + '</text></svg>';
  src = 'data:image/svg+xml,' + encodeURIComponent(svg);
  if (avatars.size > 2000) avatars.clear();
  avatars.set(name, src);
  return src;
}

// Whatnot's row: avatar link, then the content container (the row's last div): name row (strong + badges),
// then the text. No test ids or class hooks on the name or the text, as on the real site.
function whatnotRow(m, index) {
  var wrap = el('div', { 'data-index': index, 'data-known-size': m.kind === 'join' ? 36 : 52, 'data-item-index': index });
  // No message id and no time on the row: real Whatnot rows carry neither (the id is on the wire only).
  var row = el('div', { 'data-testid': 'chat-message', class: 'flex gap-2 px-3 py-1' });
  var link = el('a', { href: '/user/' + encodeURIComponent(m.name), class: 'shrink-0' });
  link.appendChild(el('img', { alt: m.name, class: 'size-7 rounded-full', src: avatarSrc(m.name) }));
  var box = el('div', { class: 'flex min-w-0 flex-col' });
  var top = el('div', { class: 'flex items-center gap-1' });
  top.appendChild(el('strong', { class: 'text-neutral-max' }, m.name));
  if (m.host) top.appendChild(el('span', { class: 'inline-flex host-badge' }, 'Host'));
  var body = el('div', { class: 'break-words text-neutral-max' + (m.host ? ' text-system-orange-opaque-darker' : '') + (m.kind === 'join' ? ' text-neutral-subtle' : '') });
  body.appendChild(el('span', null, m.text));
  box.appendChild(top);
  box.appendChild(body);
  row.appendChild(link);
  row.appendChild(box);
  wrap.appendChild(row);
  return wrap;
}
function alternateRow(m, index) {
  var li = el('li', { class: 'feed-line' + (m.host ? ' feed-line-host' : ''), 'data-line': index });
  li.appendChild(el('b', null, m.name));
  li.appendChild(el('span', { class: 'feed-sep' }, ': '));
  li.appendChild(el('span', null, m.text));
  return li;
}

function createChatList(scroller, opts) {
  var HARD_CAP = 5000, SEEN_CAP = 20000, EST_ROW = 30, EDGE_PX = 120;
  var items = [], seen = new Set(), base = 0, start = 0, end = 0;
  /** Mounted rows in order: {pos, m, el}. */
  var mounted = [];
  var markup = opts.markup, limit = opts.mounted, sticky = true, holder = null, rowsEl = null;
  /** Where the list last put the view (the bottom): a scroll that stays there is not the user leaving it. */
  var pinnedTop = 0;

  function build(pos) {
    var m = items[pos];
    return markup === 'alternate' ? alternateRow(m, base + pos) : whatnotRow(m, base + pos);
  }

  function makeHolder() {
    if (holder) holder.remove();
    if (markup === 'alternate') {
      holder = el('div', { class: 'feed-viewport' });
      rowsEl = el('ol', { class: 'feed-lines' });
      holder.appendChild(rowsEl);
    } else {
      holder = el('div', { 'data-viewport-type': 'element', class: 'virtuoso-viewport' });
      rowsEl = el('div', { 'data-testid': 'virtuoso-item-list' });
      holder.appendChild(rowsEl);
    }
    scroller.appendChild(holder);
    mounted = [];
  }

  function pad() {
    rowsEl.style.paddingTop = start * EST_ROW + 'px';
    rowsEl.style.paddingBottom = (items.length - end) * EST_ROW + 'px';
  }

  /** Brings the DOM to the window [start, end), touching only rows that enter or leave it. */
  function sync() {
    while (mounted.length && mounted[0].pos < start) mounted.shift().el.remove();
    while (mounted.length && mounted[mounted.length - 1].pos >= end) mounted.pop().el.remove();
    if (!mounted.length) {
      var frag = document.createDocumentFragment();
      for (var p = start; p < end; p++) { var r = { pos: p, m: items[p], el: build(p) }; mounted.push(r); frag.appendChild(r.el); }
      rowsEl.appendChild(frag);
    } else {
      var before = document.createDocumentFragment(), head = [];
      for (var q = start; q < mounted[0].pos; q++) { var h = { pos: q, m: items[q], el: build(q) }; head.push(h); before.appendChild(h.el); }
      rowsEl.insertBefore(before, rowsEl.firstChild);
      mounted = head.concat(mounted);
      var after = document.createDocumentFragment();
      for (var s = mounted[mounted.length - 1].pos + 1; s < end; s++) { var t = { pos: s, m: items[s], el: build(s) }; mounted.push(t); after.appendChild(t.el); }
      rowsEl.appendChild(after);
    }
    pad();
  }

  function pin() {
    scroller.scrollTop = scroller.scrollHeight;
    pinnedTop = scroller.scrollTop;
  }
  function toBottom() {
    end = items.length;
    start = Math.max(0, end - limit);
    sync();
    pin();
  }

  function remember(id) {
    seen.add(id);
    if (seen.size > SEEN_CAP) seen.delete(seen.values().next().value);
  }

  /** Adds messages not seen before (socket replays and the fallback feed overlap); returns how many were new. */
  function add(msgs) {
    var n = 0;
    for (var i = 0; i < msgs.length; i++) {
      var m = msgs[i];
      if (seen.has(m.id)) continue;
      remember(m.id);
      items.push(m);
      n++;
    }
    if (!n) return 0;
    if (items.length > HARD_CAP) {
      var drop = items.length - HARD_CAP;
      items.splice(0, drop);
      base += drop;
      start = Math.max(0, start - drop);
      end = Math.max(start, end - drop);
      mounted = mounted.filter(function (r) { r.pos -= drop; if (r.pos >= 0) return true; r.el.remove(); return false; });
    }
    if (sticky) toBottom();
    else pad();
    return n;
  }

  function shiftUp() {
    var anchor = mounted[0], top = anchor ? anchor.el.getBoundingClientRect().top : 0;
    start = Math.max(0, start - Math.ceil(limit / 2));
    end = Math.min(items.length, start + limit);
    sync();
    // Keep what the user looks at in place while rows are mounted above it.
    if (anchor && anchor.el.isConnected) scroller.scrollTop += anchor.el.getBoundingClientRect().top - top;
  }
  function shiftDown() {
    end = Math.min(items.length, end + Math.ceil(limit / 2));
    start = Math.max(0, end - limit);
    sync();
  }
  /** The viewport left the mounted rows (a scrollbar drag): mount the window around the estimated position. */
  function jumpTo(pos) {
    pos = Math.max(0, Math.min(items.length - 1, pos));
    start = Math.max(0, Math.min(pos - Math.floor(limit / 4), items.length - limit));
    end = Math.min(items.length, start + limit);
    sync();
    if (end === items.length && pos >= items.length - limit / 2) scroller.scrollTop = scroller.scrollHeight;
  }
  function onScroll() {
    var top = scroller.scrollTop, view = scroller.clientHeight, listTop = rowsEl.offsetTop;
    var rowsTop = listTop + start * EST_ROW, rowsBottom = listTop + rowsEl.offsetHeight - (items.length - end) * EST_ROW;
    // At the newest row (also right after our own scroll to it): stay there, whatever the window's height.
    var atBottom = scroller.scrollHeight - top - view < 40;
    if (end === items.length && atBottom) { sticky = true; pinnedTop = top; return; }
    // Our own scroll event, seen after a row came back or grew below the view (scroll events come a frame
    // late): still following the newest. Only a scroll up from where the list put the view unsticks it.
    if (sticky && end === items.length && top >= pinnedTop - 1) { pin(); return; }
    if (top + view < rowsTop) jumpTo(Math.floor((top - listTop) / EST_ROW));
    else if (top > rowsBottom) jumpTo(end + Math.floor((top - rowsBottom) / EST_ROW));
    else if (top - rowsTop < EDGE_PX && start > 0) shiftUp();
    else if (rowsBottom - (top + view) < EDGE_PX && end < items.length) shiftDown();
    sticky = end === items.length && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
  }
  scroller.addEventListener('scroll', onScroll, { passive: true });

  function rebuildAll() {
    for (var i = 0; i < mounted.length; i++) { var fresh = build(mounted[i].pos); mounted[i].el.replaceWith(fresh); mounted[i].el = fresh; }
  }

  makeHolder();
  return {
    add: add,
    get size() { return items.length; },
    get mountedCount() { return mounted.length; },
    get sticky() { return sticky; },
    get window() { return { start: base + start, end: base + end }; },
    /** Every mounted row replaced by a fresh node for the same message, as a framework re-render does. */
    rerender: rebuildAll,
    /** A few recent rows leave the DOM and the same nodes come back a moment later. */
    detach: function (count) {
      var recent = mounted.slice(-Math.max(count * 4, 10));
      for (var i = 0; i < count && recent.length; i++) {
        var r = recent.splice(Math.floor(Math.random() * recent.length), 1)[0];
        r.el.remove();
        setTimeout(function (r, node) {
          if (r.el !== node || mounted.indexOf(r) < 0) return;
          // Back in its place: before the next mounted row that is in the DOM (another may be detached too).
          var next = null;
          for (var j = 0; j < mounted.length && !next; j++) if (mounted[j].pos > r.pos && mounted[j].el.isConnected) next = mounted[j].el;
          rowsEl.insertBefore(node, next);
        }, 25, r, r.el);
      }
    },
    /** A moderator's /hide: the user's rows leave the list (positions after them move up, as in virtuoso). */
    hide: function (name) {
      var who = name.toLowerCase();
      items = items.filter(function (m) { return m.host || m.name.toLowerCase() !== who; });
      for (var i = 0; i < mounted.length; i++) mounted[i].el.remove();
      mounted = [];
      toBottom();
    },
    reset: function () {
      items = []; base = 0; start = 0; end = 0;
      for (var i = 0; i < mounted.length; i++) mounted[i].el.remove();
      mounted = [];
      pad();
    },
    setMarkup: function (next) {
      if (next === markup) return;
      markup = next;
      makeHolder();
      sync();
      if (sticky) pin();
    },
    setMounted: function (n) { limit = n; if (sticky) toBottom(); },
    scrollToBottom: function () { sticky = true; toBottom(); },
  };
}
`;
