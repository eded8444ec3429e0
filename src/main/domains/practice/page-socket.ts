/**
 * In-page Phoenix socket client (the part of phoenix.js a chat page uses): `[join_ref, ref, topic, event,
 * payload]` frames, channel joins answered by `phx_reply`, a heartbeat on topic `phoenix` every `heartbeatMs`
 * (a heartbeat left unanswered closes the socket), pushes buffered until their channel is joined, and
 * reconnect with exponential backoff and jitter, rejoining every channel.
 */
export const SOCKET_JS = String.raw`
function createPhoenixSocket(url, opts) {
  var ws = null, refSeq = 0, attempts = 0, hbTimer = 0, hbRef = null, closedByUs = false;
  /** topic -> {joinRef, joined, onJoin, onEvent} */
  var channels = new Map();
  /** ref -> callback(status, response) */
  var replies = new Map();
  /** Pushes waiting for their channel: {topic, event, payload, cb, at} */
  var outbox = [];
  var stats = { connects: 0, reconnects: 0, frames: 0, heartbeats: 0, byEvent: {} };

  function nextRef() { return String(++refSeq); }
  function send(frame) { if (ws && ws.readyState === 1) ws.send(JSON.stringify(frame)); }

  function join(topic) {
    var ch = channels.get(topic), ref = nextRef();
    ch.joinRef = ref;
    ch.joined = false;
    replies.set(ref, function (status, response) {
      if (status !== 'ok') return;
      ch.joined = true;
      ch.onJoin(response || {});
      flushOutbox();
    });
    send([ref, ref, topic, 'phx_join', ch.params ? ch.params() : {}]);
  }

  function flushOutbox() {
    var now = Date.now(), keep = [];
    for (var i = 0; i < outbox.length; i++) {
      var p = outbox[i], ch = channels.get(p.topic);
      if (now - p.at > opts.pushTimeoutMs) p.cb && p.cb('timeout', {});
      else if (ch && ch.joined && ws && ws.readyState === 1) pushNow(p);
      else keep.push(p);
    }
    outbox = keep;
  }
  function pushNow(p) {
    var ch = channels.get(p.topic), ref = nextRef();
    if (p.cb) replies.set(ref, p.cb);
    send([ch.joinRef, ref, p.topic, p.event, p.payload]);
  }

  function heartbeat() {
    // The previous heartbeat is still unanswered: the connection is dead even if the socket says open.
    if (hbRef !== null) { ws && ws.close(); return; }
    hbRef = nextRef();
    stats.heartbeats++;
    send([null, hbRef, 'phoenix', 'heartbeat', {}]);
  }

  function onFrame(raw) {
    var f;
    try { f = JSON.parse(raw); } catch (e) { return; }
    if (!Array.isArray(f) || f.length !== 5) return;
    stats.frames++;
    var ref = f[1], topic = f[2], event = f[3], payload = f[4] || {};
    stats.byEvent[event] = (stats.byEvent[event] || 0) + 1;
    if (event === 'phx_reply') {
      if (topic === 'phoenix' && ref === hbRef) { hbRef = null; return; }
      var cb = replies.get(ref);
      if (cb) { replies.delete(ref); cb(payload.status, payload.response); }
      return;
    }
    var ch = channels.get(topic);
    // A frame for an older join of this topic (before a rejoin) is stale.
    if (!ch || (f[0] !== null && f[0] !== ch.joinRef)) return;
    ch.onEvent(event, payload);
  }

  function connect() {
    ws = new WebSocket(url);
    ws.onopen = function () {
      stats.connects++;
      if (stats.connects > 1) stats.reconnects++;
      attempts = 0;
      hbRef = null;
      channels.forEach(function (_c, topic) { join(topic); });
      clearInterval(hbTimer);
      hbTimer = setInterval(heartbeat, opts.heartbeatMs);
    };
    ws.onmessage = function (e) { onFrame(e.data); };
    ws.onclose = function () {
      clearInterval(hbTimer);
      channels.forEach(function (ch) { ch.joined = false; });
      replies.forEach(function (cb) { cb('error', { reason: 'disconnected' }); });
      replies.clear();
      if (closedByUs) return;
      // Exponential backoff with jitter, so a restarted server is not hit by every page at once.
      var delay = Math.min(opts.reconnectMaxMs, opts.reconnectBaseMs * Math.pow(2, attempts++));
      setTimeout(connect, delay * (0.5 + Math.random() / 2));
      opts.onState && opts.onState(false);
    };
    ws.onerror = function () {};
  }

  setInterval(flushOutbox, 1000);
  return {
    stats: stats,
    /** params(): the join's payload, asked at each (re)join. */
    channel: function (topic, onJoin, onEvent, params) { channels.set(topic, { joinRef: null, joined: false, onJoin: onJoin, onEvent: onEvent, params: params }); },
    connect: connect,
    /** Joins a joined channel again (with fresh params); frames of the earlier join are stale from now on. */
    rejoin: function (topic) { if (channels.has(topic) && ws && ws.readyState === 1) join(topic); },
    /** Sends on a joined channel, or holds the push until it is joined (for at most pushTimeoutMs). */
    push: function (topic, event, payload, cb) {
      var p = { topic: topic, event: event, payload: payload, cb: cb, at: Date.now() };
      var ch = channels.get(topic);
      if (ch && ch.joined && ws && ws.readyState === 1) pushNow(p);
      else outbox.push(p);
    },
    get connected() { return !!ws && ws.readyState === 1; },
    isJoined: function (topic) { var ch = channels.get(topic); return !!(ch && ch.joined); },
    close: function () { closedByUs = true; ws && ws.close(); },
  };
}
`;
