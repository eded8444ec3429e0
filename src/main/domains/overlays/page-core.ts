import { OVERLAY_PARAMS, OVERLAY_STREAMS } from '../../../shared/contract/overlays.js';

/** JSON that is safe inside a script whatever it holds. */
const js = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * What both overlay pages share, as `window.BuzzOverlay`: their URL parameters (the contract's list; a bad value
 * is its default, never an error on stream), the look they give, and the live stream.
 *
 * The stream is GET /api/v1/events read with fetch (EventSource cannot send the key as a header). Without an
 * event id to resume from, the page opens the stream, then reads GET /overlays/state, holding back what the
 * stream delivers meanwhile: the state names the last event it already holds, so those are dropped and the rest
 * applied (an entry is counted once, none is lost). On a drop it reconnects with Last-Event-ID, so a winner drawn
 * meanwhile still arrives; a `reset` (the id is no longer kept) or an account switch reads the state again.
 * Retries back off to 30 s, a refused key waits a minute, a 429 its Retry-After: an overlay left running for days
 * stays far inside its key's allowance. `data-stream` on <html> says where it is (connecting, live, denied).
 */
export const CORE_JS = String.raw`(function () {
  'use strict';
  var RULES = ${js(OVERLAY_PARAMS)};
  var STREAMS = ${js(OVERLAY_STREAMS)};
  var SILENCE_MS = 45000;
  var root = document.documentElement;

  function params(page) {
    var q = new URLSearchParams(location.search), out = {};
    Object.keys(RULES).forEach(function (name) {
      var r = RULES[name], raw = q.get(name), v = r.default;
      if (raw !== null && r.pages.indexOf(page) >= 0) {
        raw = raw.trim();
        if (r.kind === 'enum') {
          if (r.values.indexOf(raw.toLowerCase()) >= 0) v = raw.toLowerCase();
        } else if (r.kind === 'int') {
          var n = Number(raw);
          if (raw !== '' && isFinite(n)) v = Math.min(r.max, Math.max(r.min, Math.round(n)));
        } else if (r.kind === 'color') {
          var m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(raw);
          if (m) v = m[1].toLowerCase();
        } else if (r.kind === 'flag') {
          if (/^(1|true|yes|on)$/i.test(raw)) v = true;
          else if (/^(0|false|no|off)$/i.test(raw)) v = false;
        }
      }
      out[name] = v;
    });
    var account = q.get('account');
    out.account = account && /^[A-Za-z0-9_-]{1,64}$/.test(account) ? account : null;
    out.token = q.get('token') || '';
    out.still = !out.motion || (window.matchMedia && matchMedia('(prefers-reduced-motion: reduce)').matches);
    return out;
  }

  function look(p) {
    root.setAttribute('data-theme', p.theme);
    root.setAttribute('data-align', p.align);
    if (p.still) root.classList.add('still');
    // CSSOM, not a style attribute: the CSP allows no inline style.
    root.style.setProperty('--font-size', p.fontSize + 'px');
    root.style.setProperty('--accent', '#' + p.accent);
  }

  /** One SSE message block to {type, id, data}; null for comments and heartbeats. */
  function parseBlock(block) {
    var id = null, type = 'message', data = [];
    block.split(/\r\n|\n|\r/).forEach(function (line) {
      if (!line || line.charAt(0) === ':') return;
      var i = line.indexOf(':');
      var field = i < 0 ? line : line.slice(0, i), value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') type = value;
      else if (field === 'data') data.push(value);
    });
    if (!data.length) return null;
    try {
      return { type: type, id: id, data: JSON.parse(data.join('\n')) };
    } catch (e) {
      return null;
    }
  }

  /**
   * opts: page, params, onState(state), onEvent(busEvent), onClear() (account switched, key refused).
   * Events of other accounts than the one shown are dropped here.
   */
  function connect(opts) {
    var p = opts.params, auth = { Authorization: 'Bearer ' + p.token };
    var lastId = null, delay = 1000, timer = null, ctrl = null, accountId = p.account;
    var held = null; // events read while the state is on its way; null when none is
    var run = 0; // bumped per connection, so a late answer of an old one is ignored

    function status(s) { root.setAttribute('data-stream', s); }
    function later(ms) {
      clearTimeout(timer);
      timer = setTimeout(open, ms);
    }
    function retry(ms) {
      run++; // whatever the connection still delivers is ignored from here on
      if (ctrl) ctrl.abort();
      later(ms !== undefined ? ms : delay);
      if (ms === undefined) delay = Math.min(delay * 2, 30000);
      status('connecting');
    }
    function mine(e) { return !e.accountId || !accountId || e.accountId === accountId; }
    function deliver(e) {
      if (e.id) lastId = e.id;
      if (e.type === 'accounts.switched') {
        if (p.account || e.data.accountId === accountId) return;
        accountId = e.data.accountId;
        opts.onClear();
        return sync(run);
      }
      if (mine(e)) opts.onEvent(e);
    }
    function take(e) {
      if (held) held.push(e);
      else deliver(e);
    }
    function sync(me) {
      if (held) return; // one is under way; what arrives meanwhile waits for it
      held = [];
      var url = '/api/v1/overlays/state' + (p.account ? '?account=' + encodeURIComponent(p.account) : '');
      fetch(url, { headers: auth, cache: 'no-store' })
        .then(function (res) {
          if (me !== run) return;
          if (res.status === 401 || res.status === 403) return denied();
          if (!res.ok) return retry(res.status === 429 ? (Number(res.headers.get('Retry-After')) || 30) * 1000 : undefined);
          return res.json().then(function (body) {
            if (me !== run) return;
            var state = body.data, mark = state.lastEventIds[opts.page], rest = held;
            var at = -1;
            for (var i = 0; i < rest.length; i++) if (rest[i].id === mark) at = i;
            held = null;
            accountId = p.account || state.accountId;
            if (mark) lastId = mark;
            opts.onState(state);
            status('live');
            rest.slice(at + 1).forEach(take);
          });
        })
        .catch(function () { if (me === run) retry(); });
    }
    function denied() {
      opts.onClear();
      retry(60000);
      status('denied');
    }
    function handle(msg, me) {
      if (me !== run) return;
      if (msg.type === 'reset') return sync(me);
      take(msg.data);
    }
    function read(reader, me) {
      var decoder = new TextDecoder(), text = '', watchdog;
      function quiet() {
        clearTimeout(watchdog);
        // The server sends a heartbeat every 15 s: silence means a dead connection (a laptop that slept).
        watchdog = setTimeout(function () { if (me === run) retry(); }, SILENCE_MS);
      }
      quiet();
      return reader.read().then(function step(r) {
        if (me !== run) return;
        quiet();
        if (r.done) {
          clearTimeout(watchdog);
          return retry();
        }
        text += decoder.decode(r.value, { stream: true });
        var parts = text.split(/\r\n\r\n|\n\n|\r\r/);
        text = parts.pop();
        parts.forEach(function (b) {
          var msg = parseBlock(b);
          if (msg) handle(msg, me);
        });
        return reader.read().then(step);
      });
    }
    function open() {
      var me = ++run;
      held = null;
      ctrl = new AbortController();
      status('connecting');
      var headers = { Authorization: auth.Authorization };
      if (lastId) headers['Last-Event-ID'] = lastId;
      var types = STREAMS[opts.page].join(',');
      fetch('/api/v1/events?types=' + encodeURIComponent(types), { headers: headers, cache: 'no-store', signal: ctrl.signal })
        .then(function (res) {
          if (me !== run) return;
          if (res.status === 401 || res.status === 403) return denied();
          if (res.status === 429) return retry((Number(res.headers.get('Retry-After')) || 30) * 1000);
          if (!res.ok || !res.body) return retry();
          delay = 1000;
          // The stream is subscribed once its headers are here: the state read now misses nothing.
          if (lastId) status('live');
          else sync(me);
          return read(res.body.getReader(), me);
        })
        .catch(function () { if (me === run) retry(); });
    }
    if (p.token) open();
    else denied();
    // The page asks again when what the state holds changed in a way no event carries (a settings save).
    return { resync: function () { sync(run); } };
  }

  window.BuzzOverlay = { params: params, look: look, connect: connect };
})();
`;
