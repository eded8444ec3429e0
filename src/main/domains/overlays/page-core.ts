import { OVERLAY_PARAMS } from '../../../shared/contract/overlays.js';

/** JSON that is safe inside a script whatever it holds. */
const js = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * What both overlay pages share, as `window.BuzzOverlay`: their URL parameters (the contract's list; a bad value
 * is its default, never an error on stream), the look they give, and their stream.
 *
 * The stream is GET /api/v1/overlays/events read with fetch (EventSource cannot send the key as a header): a
 * `state` message, then the page's events. On a drop it reconnects with Last-Event-ID and gets what it missed (a
 * winner drawn meanwhile) or a fresh state. Retries back off to 30 s, a refused key waits a minute, a 429 its
 * Retry-After, and each (re)connection is one request: an overlay left running for days stays far inside its
 * key's allowance. `data-stream` on <html> says where it is (connecting, live, denied).
 */
export const CORE_JS = String.raw`(function () {
  'use strict';
  var RULES = ${js(OVERLAY_PARAMS)};
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

  /** opts: page, params, onState(state), onEvent(busEvent), onClear() (the key was refused). */
  function connect(opts) {
    var p = opts.params, lastId = null, delay = 1000, timer = null, ctrl = null;
    var run = 0; // bumped per connection: whatever an old one still delivers is ignored

    function status(s) { root.setAttribute('data-stream', s); }
    function retry(ms) {
      run++;
      if (ctrl) ctrl.abort();
      clearTimeout(timer);
      timer = setTimeout(open, ms !== undefined ? ms : delay);
      if (ms === undefined) delay = Math.min(delay * 2, 30000);
      status('connecting');
    }
    function handle(msg) {
      if (msg.id) lastId = msg.id;
      if (msg.type === 'state') {
        opts.onState(msg.data);
        status('live');
      } else {
        opts.onEvent(msg.data);
      }
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
        if (me !== run) return clearTimeout(watchdog);
        quiet();
        if (r.done) {
          clearTimeout(watchdog);
          return retry();
        }
        text += decoder.decode(r.value, { stream: true });
        var parts = text.split(/\r\n\r\n|\n\n|\r\r/);
        text = parts.pop();
        for (var i = 0; i < parts.length && me === run; i++) {
          var msg = parseBlock(parts[i]);
          if (msg) handle(msg);
        }
        return reader.read().then(step);
      });
    }
    function open() {
      var me = ++run;
      ctrl = new AbortController();
      status('connecting');
      var headers = { Authorization: 'Bearer ' + p.token };
      if (lastId) headers['Last-Event-ID'] = lastId;
      var url = '/api/v1/overlays/events?page=' + opts.page + (p.account ? '&account=' + encodeURIComponent(p.account) : '');
      fetch(url, { headers: headers, cache: 'no-store', signal: ctrl.signal })
        .then(function (res) {
          if (me !== run) return;
          if (res.status === 401 || res.status === 403) {
            opts.onClear();
            retry(60000);
            return status('denied');
          }
          if (res.status === 429) return retry((Number(res.headers.get('Retry-After')) || 30) * 1000);
          if (!res.ok || !res.body) return retry();
          delay = 1000;
          return read(res.body.getReader(), me);
        })
        .catch(function () { if (me === run) retry(); });
    }
    if (p.token) open();
    else status('denied');
  }

  window.BuzzOverlay = { params: params, look: look, connect: connect };
})();
`;
