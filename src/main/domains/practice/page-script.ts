import { INPUT_JS } from './page-input.js';
import { LIST_JS } from './page-list.js';
import { SHOW_JS } from './page-show.js';
import { SOCKET_JS } from './page-socket.js';

/**
 * Wires the page: the server-rendered history first (as a server-rendered page paints it), then the socket
 * channels (`livestream:<id>` chat and show, `commerce:<id>` auction, `practice:control`), the input, and the
 * fallback feed polled only while chat frames are stopped.
 */
const MAIN_JS = String.raw`
  var boot = JSON.parse(document.getElementById('practice-boot').textContent);
  var cfg = boot.config, id = cfg.livestreamId;
  var CHAT = 'livestream:' + id, COMMERCE = 'commerce:' + id, CONTROL = 'practice:control';
  var show = createShowView();
  var list = createChatList(document.getElementById('chat-scroller'), { markup: cfg.paths.markup, mounted: cfg.mountedRows });
  var cursor = boot.cursor, pollTimer = 0;

  /** A new_msg payload as the list keeps it. */
  function toMessage(p) {
    var join = /^joined\b/i.test(p.message) && !(p.user && p.user.isHost);
    return { id: p.id, name: p.user.username, text: p.message, kind: join ? 'join' : 'message', host: !!(p.user && p.user.isHost), announce: p.type === 'announcement', ts: p.timestamp };
  }
  function addPayloads(payloads) { list.add(payloads.map(toMessage)); }

  function poll() {
    fetch('/practice/feed?after=' + cursor, { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (f) { cursor = f.cursor; addPayloads(f.msgs); show.setLive(f.live); show.setViewers(f.viewers); })
      .catch(function () {});
  }
  function applyPaths(paths, at) {
    list.setMarkup(paths.markup);
    if (typeof at === 'number') cursor = at;
    clearInterval(pollTimer);
    pollTimer = 0;
    if (paths.frames === 'stopped') pollTimer = setInterval(poll, 250);
    // Frames are back: one last poll picks up what came in between.
    else poll();
  }

  show.setHostName(cfg.hostName);
  show.setLive(cfg.live);
  show.setViewers(cfg.viewers);
  show.showProduct(boot.pinnedProduct);
  addPayloads(boot.history);
  list.scrollToBottom();
  if (cfg.paths.frames === 'stopped') pollTimer = setInterval(poll, 250);

  var proto = location.protocol === 'https:' ? 'wss://' : 'ws://';
  var socket = createPhoenixSocket(proto + location.host + '/practice/socket/websocket?vsn=2.0.0', {
    heartbeatMs: cfg.socket.heartbeatMs, reconnectBaseMs: cfg.socket.reconnectBaseMs, reconnectMaxMs: cfg.socket.reconnectMaxMs, pushTimeoutMs: 10000,
  });
  socket.channel(CHAT, function (r) { show.applyLivestream(r.livestream); }, function (event, p) {
    if (event === 'new_msg') addPayloads([p]);
    else show.onEvent(event, p);
  });
  socket.channel(COMMERCE, function () {}, function (event, p) { show.onEvent(event, p); });
  socket.channel(CONTROL, function (r) {
    show.setHostName(r.hostName);
    list.setMounted(r.mountedRows);
    if (r.paths.frames !== cfg.paths.frames || r.paths.markup !== cfg.paths.markup) applyPaths(r.paths);
    cfg.paths = r.paths;
  }, function (event, p) {
    switch (event) {
      case 'reload': return location.reload();
      case 'rerender': return list.rerender();
      case 'detach': return list.detach(p.count);
      case 'hide': list.hide(p.username); return show.toast(p.username + ' was hidden from chat');
      case 'reset': return list.reset();
      case 'config': show.setHostName(p.hostName); return list.setMounted(p.mountedRows);
      case 'paths': cfg.paths = { frames: p.frames, markup: p.markup }; return applyPaths(cfg.paths, p.cursor);
    }
  });
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
  };
`;

/**
 * The practice page's browser script, served as /practice/app.js. Plain ES2020 text so it ships the same from
 * source (tsx, vitest) and from the bundled build without a second compile step.
 */
export const PAGE_SCRIPT = `(() => {\n'use strict';\n${LIST_JS}${SOCKET_JS}${SHOW_JS}${INPUT_JS}${MAIN_JS}})();\n`;
