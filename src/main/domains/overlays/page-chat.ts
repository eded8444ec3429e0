/**
 * The chat overlay: the newest lines (`lines`, default 20) as they arrive, names coloured by a hash of the name
 * (the same viewer keeps the same colour on every page load), long lines wrapped, emoji as the text carries them.
 * The bot's lines are left out unless `bots=1`: a line of the host's account that echoes what BuzzChat posted,
 * except the host's own sends from the dashboard (cause manual, recognised from their message.queued).
 * History (lines already on screen when the bot attached) and joins are never shown.
 */
export const CHAT_JS = String.raw`(function () {
  'use strict';
  var O = window.BuzzOverlay, p = O.params('chat');
  O.look(p);
  var box = document.getElementById('lines');
  var light = p.theme === 'light';
  var accountId = null;
  var manual = []; // the host's own dashboard sends waiting for their echo: {text, at}
  var MANUAL_MS = 120000;

  function norm(t) { return String(t).replace(/\s+/g, ' ').trim().toLowerCase(); }
  function hue(name) {
    var h = 2166136261, s = String(name).toLowerCase();
    for (var i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
    return (h >>> 0) % 360;
  }
  function takeManual(text) {
    var now = Date.now(), t = norm(text);
    manual = manual.filter(function (m) { return now - m.at < MANUAL_MS; });
    for (var i = 0; i < manual.length; i++) {
      if (manual[i].text === t) {
        manual.splice(i, 1);
        return true;
      }
    }
    return false;
  }
  function remove(row) { if (row.parentNode) row.parentNode.removeChild(row); }
  function fade(row) {
    if (p.still) return remove(row);
    row.classList.add('gone');
    setTimeout(function () { remove(row); }, 600);
  }
  function add(line, bot) {
    var row = document.createElement('div');
    row.className = bot ? 'line line-bot' : 'line';
    var name = document.createElement('span');
    name.className = 'name';
    name.textContent = line.username;
    if (!bot) name.style.color = 'hsl(' + hue(line.username) + ', 75%, ' + (light ? '34%' : '70%') + ')';
    var text = document.createElement('span');
    text.className = 'text';
    text.textContent = line.text;
    row.appendChild(name);
    row.appendChild(text);
    box.appendChild(row);
    while (box.children.length > p.lines) remove(box.firstChild);
    if (p.fade > 0) setTimeout(function () { fade(row); }, p.fade * 1000);
  }

  O.connect({
    page: 'chat',
    params: p,
    onState: function (s) {
      // Another account's chat from now on: the lines of the previous one go.
      if (accountId !== null && s.accountId !== accountId) box.textContent = '';
      accountId = s.accountId;
    },
    onClear: function () { box.textContent = ''; },
    onEvent: function (e) {
      if (e.type === 'message.queued') {
        if (e.data.cause === 'manual') manual.push({ text: norm(e.data.message), at: Date.now() });
        return;
      }
      if (e.type !== 'chat.message') return;
      var line = e.data;
      if (line.kind !== 'message' || line.history) return;
      var bot = line.self && !line.manual && !takeManual(line.text);
      if (bot && !p.bots) return;
      if (!p.commands && /^\s*!/.test(line.text)) return;
      add(line, bot);
    },
  });
})();
`;
