import { INPUT_JS } from './page-input.js';
import { LIST_JS } from './page-list.js';
import { SHOW_JS } from './page-show.js';
import { SOCKET_JS } from './page-socket.js';

/**
 * Wires the page: the server-rendered history first (as a server-rendered page paints it), then the socket
 * channels (`livestream:<id>` chat and show, `commerce:<id>` auction, `practice:control`), the input, and the
 * feed (feed.ts): what the socket missed (after a drop, a resume) and, while chat frames are stopped, all of it.
 */
const MAIN_JS = String.raw`
  var boot = JSON.parse(document.getElementById('practice-boot').textContent);
  var cfg = boot.config, id = cfg.livestreamId;
  var CHAT = 'livestream:' + id, COMMERCE = 'commerce:' + id, CONTROL = 'practice:control';
  var show = createShowView();
  var list = createChatList(document.getElementById('chat-scroller'), { markup: cfg.paths.markup, mounted: cfg.mountedRows });
  var mounted = cfg.mountedRows;

  /** A new_msg payload as the list keeps it. */
  function toMessage(p) {
    var join = /^joined\b/i.test(p.message) && !(p.user && p.user.isHost);
    return { id: p.id, name: p.user.username, text: p.message, kind: join ? 'join' : 'message', host: !!(p.user && p.user.isHost), announce: p.type === 'announcement', ts: p.timestamp };
  }

  // Lines from the feed come in batches: they enter the list a few per task, as frames do, so a virtual list that
  // mounts only the newest rows still shows (mounts) each of them once.
  var queue = [], draining = false, tick = new MessageChannel();
  tick.port1.onmessage = drain;
  function drain() {
    var n = Math.max(1, Math.floor(mounted / 2));
    list.add(queue.splice(0, n).map(toMessage));
    if (queue.length) tick.port2.postMessage(0);
    else draining = false;
  }
  function addPayloads(payloads, direct) {
    if (direct && !queue.length) return list.add(payloads.map(toMessage));
    queue.push.apply(queue, payloads);
    if (!draining) { draining = true; tick.port2.postMessage(0); }
  }

  // Where the page is in the server's chat: every line up to 'cursor' has reached it (the sequence number is the
  // last part of a line's id). Frames move it only while they are known to carry everything ('synced': frames
  // flowing, the chat channel joined and what came before it fetched); a socket drop, a stop or a resume ends
  // that, and the feed fills the gap from the cursor.
  var cursor = boot.cursor, synced = false, epoch = 0, stream = null;
  function seqOf(id) { var n = parseInt(String(id).slice(String(id).lastIndexOf('-') + 1), 36); return isFinite(n) ? n : 0; }
  function applyFeed(f) {
    if (f.cursor > cursor) cursor = f.cursor;
    if (f.msgs.length) addPayloads(f.msgs);
    show.setLive(f.live);
    show.setViewers(f.viewers);
  }
  function desync() { synced = false; epoch++; }
  /** After a (re)join or a resume: fetches what came since the cursor, then trusts the frames again. */
  function catchUp() {
    var at = epoch;
    fetch('/practice/feed?after=' + cursor, { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (f) {
        applyFeed(f);
        if (at !== epoch) return;
        if (f.more) return catchUp();
        synced = cfg.paths.frames === 'flowing' && socket.isJoined(CHAT);
      })
      .catch(function () { if (at === epoch) setTimeout(catchUp, 250); });
  }
  /** While frames are stopped, the feed streams every line from the cursor on. */
  function openStream() {
    closeStream();
    var es = new EventSource('/practice/feed/stream?after=' + cursor);
    es.onmessage = function (e) { try { applyFeed(JSON.parse(e.data)); } catch (err) { /* a torn event: the next one has the cursor */ } };
    // Reopen from the current cursor (EventSource's own retry would ask from the first one).
    es.onerror = function () { if (stream !== es) return; closeStream(); setTimeout(function () { if (!stream && cfg.paths.frames === 'stopped') openStream(); }, 250); };
    stream = es;
  }
  function closeStream() { if (stream) { stream.close(); stream = null; } }
  function applyPaths(paths) {
    var was = cfg.paths;
    cfg.paths = { frames: paths.frames, markup: paths.markup };
    list.setMarkup(paths.markup);
    if (paths.frames === was.frames && (paths.frames === 'flowing' || stream)) return;
    desync();
    if (paths.frames === 'stopped') openStream();
    // Frames again: rejoin from the cursor, so what was said meanwhile and not yet streamed comes as frames too
    // (the join's reply then fetches from the cursor, as after a reconnect).
    else { closeStream(); if (socket.isJoined(CHAT)) socket.rejoin(CHAT); }
  }

  show.setHostName(cfg.hostName);
  show.setLive(cfg.live);
  show.setViewers(cfg.viewers);
  show.showProduct(boot.pinnedProduct);
  addPayloads(boot.history, true);
  list.scrollToBottom();

  var proto = location.protocol === 'https:' ? 'wss://' : 'ws://';
  var socket = createPhoenixSocket(proto + location.host + '/practice/socket/websocket?vsn=2.0.0', {
    heartbeatMs: cfg.socket.heartbeatMs, reconnectBaseMs: cfg.socket.reconnectBaseMs, reconnectMaxMs: cfg.socket.reconnectMaxMs, pushTimeoutMs: 10000,
    onState: function (up) { if (!up) desync(); },
  });
  socket.channel(CHAT, function (r) {
    show.applyLivestream(r.livestream);
    // A (re)join replays what came after the cursor, but none while frames are stopped: the feed has the rest.
    desync();
    if (cfg.paths.frames === 'flowing') catchUp();
  }, function (event, p) {
    if (event !== 'new_msg') return show.onEvent(event, p);
    addPayloads([p], true);
    if (synced) { var seq = seqOf(p.id); if (seq > cursor) cursor = seq; }
  }, function () {
    // A (re)join replays all the page missed since the cursor as frames (not only the recent chat), so every line
    // reaches the page on the socket while frames flow, whatever its rows look like meanwhile.
    return { after: cursor };
  });
  socket.channel(COMMERCE, function () {}, function (event, p) { show.onEvent(event, p); });
  socket.channel(CONTROL, function (r) {
    show.setHostName(r.hostName);
    mounted = r.mountedRows;
    list.setMounted(r.mountedRows);
    // Frames may have stopped or resumed while the socket was down.
    applyPaths(r.paths);
  }, function (event, p) {
    switch (event) {
      case 'reload': return location.reload();
      case 'rerender': return list.rerender();
      case 'detach': return list.detach(p.count);
      case 'hide': list.hide(p.username); return show.toast(p.username + ' was hidden from chat');
      case 'reset': return list.reset();
      case 'config': show.setHostName(p.hostName); mounted = p.mountedRows; return list.setMounted(p.mountedRows);
      case 'paths': return applyPaths(p);
    }
  });
  if (cfg.paths.frames === 'stopped') openStream();
  socket.connect();

  createChatInput(document.getElementById('chat-form'), function (text) {
    socket.push(CHAT, 'new_msg', { message: text }, function (status, r) {
      if (status !== 'ok') show.toast(status === 'timeout' ? 'Message not sent: no connection' : 'Message not sent: ' + ((r && r.reason) || status), true);
    });
  });

  window.__practice = {
    get rows() { return list.mountedCount; },
    get messages() { return list.size; },
    get sticky() { return list.sticky; },
    get window() { return list.window; },
    /** Every channel joined: chat, auction and control (a reload or re-render is sent on the last). */
    get joined() { return socket.isJoined(CHAT) && socket.isJoined(COMMERCE) && socket.isJoined(CONTROL); },
    socket: socket.stats,
    /** The server sequence number up to which every line has reached the page. */
    get cursor() { return cursor; },
    get synced() { return synced; },
  };
`;

/**
 * The practice page's browser script, served as /practice/app.js. Plain ES2020 text so it ships the same from
 * source (tsx, vitest) and from the bundled build without a second compile step.
 */
export const PAGE_SCRIPT = `(() => {\n'use strict';\n${LIST_JS}${SOCKET_JS}${SHOW_JS}${INPUT_JS}${MAIN_JS}})();\n`;
