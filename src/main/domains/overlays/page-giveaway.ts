/**
 * The giveaway overlay: the keyword ("Type enter to join!"), the entries of the current round (the state's count,
 * then one per giveaway.entry), a countdown to the settings' closing time (on the server's clock), and the
 * winners when a draw happens, revealed with an animation (none with prefers-reduced-motion or `motion=0`) and
 * shown for `winnerSeconds` (0 = until the round is cleared). A reloaded page still shows a draw younger than
 * that. Hidden while the giveaway is turned off in the settings, unless it is showing a winner.
 */
export const GIVEAWAY_JS = String.raw`(function () {
  'use strict';
  var O = window.BuzzOverlay, p = O.params('giveaway');
  O.look(p);
  function $(id) { return document.getElementById(id); }
  var card = $('card'), keyword = $('keyword'), count = $('count'), countLabel = $('count-label'), countdown = $('countdown');
  var winner = $('winner'), winnerTitle = $('winner-title'), winnerNames = $('winner-names');
  var g = null, entries = 0, skew = 0, shownDraw = null, hideTimer = null;

  function render() {
    card.hidden = !g || !g.enabled;
    if (!g) return;
    keyword.textContent = g.keyword;
    count.textContent = String(entries);
    countLabel.textContent = entries === 1 ? 'entry' : 'entries';
    tick();
  }
  function clock(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000)), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    var mm = h > 0 && m < 10 ? '0' + m : String(m);
    return (h > 0 ? h + ':' : '') + mm + ':' + (r < 10 ? '0' : '') + r;
  }
  function tick() {
    var now = Date.now() + skew, text = '';
    var opens = g && g.opensAt ? Date.parse(g.opensAt) : NaN, closes = g && g.closesAt ? Date.parse(g.closesAt) : NaN;
    if (opens > now) text = 'Opens in ' + clock(opens - now);
    else if (closes > now) text = 'Closes in ' + clock(closes - now);
    else if (closes <= now) text = 'Entries closed';
    countdown.hidden = !text;
    countdown.textContent = text;
  }
  function hideWinner() {
    clearTimeout(hideTimer);
    winner.hidden = true;
    winner.classList.remove('reveal');
  }
  function showWinner(drawId, names, forMs) {
    if (drawId && drawId === shownDraw) return;
    shownDraw = drawId;
    clearTimeout(hideTimer);
    winnerTitle.textContent = names.length === 1 ? 'Winner!' : 'Winners!';
    winnerNames.textContent = '';
    names.forEach(function (n, i) {
      var el = document.createElement('div');
      el.className = 'winner-name';
      el.textContent = n;
      el.style.animationDelay = 400 + i * 250 + 'ms';
      winnerNames.appendChild(el);
    });
    winner.classList.remove('reveal');
    winner.hidden = false;
    void winner.offsetWidth; // restarts the animation when a draw follows another
    winner.classList.add('reveal');
    if (forMs > 0) hideTimer = setTimeout(hideWinner, forMs);
  }

  setInterval(tick, 250);
  O.connect({
    page: 'giveaway',
    params: p,
    onState: function (s) {
      g = s.giveaway;
      entries = g.entriesCount;
      skew = Date.parse(s.now) - Date.now();
      render();
      var d = g.latestDraw, show = p.winnerSeconds * 1000;
      if (!d) return hideWinner();
      var age = Date.now() + skew - Date.parse(d.timestamp);
      if (show === 0 || age < show) showWinner(d.drawId, d.winners, show === 0 ? 0 : show - age);
    },
    onClear: function () {
      g = null;
      shownDraw = null;
      hideWinner();
      render();
    },
    onEvent: function (e) {
      if (e.type === 'giveaway.entry') {
        entries += 1;
        render();
      } else if (e.type === 'giveaway.winner') {
        entries = e.data.entriesCount;
        render();
        showWinner(e.data.drawId, e.data.winners, p.winnerSeconds * 1000);
      } else if (e.type === 'giveaway.cleared') {
        entries = 0;
        shownDraw = null;
        hideWinner();
        render();
      }
    },
  });
})();
`;
