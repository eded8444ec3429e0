/**
 * In-page show view: LIVE badge, viewer count (`strong.tabular-nums`, where social_stream reads it), the live
 * player footer with the auction state (`show-product-title`, `show-winning-status`, `show-timer`,
 * `show-shipping-info`, test ids as social_stream reads them), the giveaway banner and toasts for tips and raids.
 * Everything here is driven by socket events (or the fallback feed's state).
 */
export const SHOW_JS = String.raw`
function createShowView() {
  var $ = function (s) { return document.querySelector(s); };
  var liveSlot = $('#live-slot'), viewers = $('[data-testid="viewer-count"]'), ended = $('#stream-ended');
  var currentUser = $('[data-testid="current-user"]'), toastEl = $('#toast'), banner = $('#giveaway-banner');
  var title = $('[data-testid="show-product-title"]'), status = $('[data-testid="show-winning-status"]');
  var timer = $('[data-testid="show-timer"]'), price = $('#show-price'), bids = $('#show-bids');
  var auctionEnd = 0, toastTimer = 0, bannerTimer = 0;
  // The live player (and its footer) is on a live show only: an ended show takes it off the page.
  var footer = $('footer[class*="LivePlayer_livePlayerFooter"]'), footerSlot = document.createComment('live player');
  footer.before(footerSlot);

  function setLive(live) {
    var badge = liveSlot.querySelector('[data-testid="live-indicator"]');
    if (live && !badge) {
      var b = document.createElement('span');
      b.className = 'live-badge';
      b.setAttribute('data-testid', 'live-indicator');
      b.textContent = 'LIVE';
      liveSlot.appendChild(b);
    } else if (!live && badge) badge.remove();
    if (live && !footer.isConnected) footerSlot.after(footer);
    else if (!live && footer.isConnected) footer.remove();
    ended.hidden = !!live;
  }
  function setViewers(n) { if (typeof n === 'number') viewers.textContent = n.toLocaleString('en-US'); }
  function setHostName(name) { currentUser.textContent = name; }
  function toast(text, error) {
    toastEl.textContent = text;
    toastEl.className = 'toast' + (error ? ' toast-error' : '');
    toastEl.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { toastEl.hidden = true; }, 3000);
  }
  function dollars(cents) { return '$' + (cents / 100).toFixed(cents % 100 ? 2 : 0); }

  function showProduct(p, bidder) {
    if (!p) return;
    title.textContent = p.name || '';
    var hb = p.highestBid, cents = hb ? hb.priceCents : (p.nextBidCents || 0);
    price.textContent = dollars(cents);
    bids.textContent = (p.bidCount || 0) + (p.bidCount === 1 ? ' Bid' : ' Bids');
    var who = bidder || (hb && hb.user && hb.user.username) || (p.purchaserUser && p.purchaserUser.username) || '';
    if (p.status === 'SOLD') { status.textContent = who ? who + ' won!' : 'Sold'; auctionEnd = 0; timer.textContent = '0:00'; }
    else { status.textContent = who ? who + ' is Winning!' : 'No bids yet'; auctionEnd = p.auctionEndTime || 0; }
  }
  setInterval(function () {
    if (!auctionEnd) return;
    var left = Math.max(0, Math.ceil((auctionEnd - Date.now()) / 1000));
    timer.textContent = Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0');
  }, 250);

  function giveaway(text, hideAfterMs) {
    banner.textContent = text;
    banner.hidden = false;
    clearTimeout(bannerTimer);
    if (hideAfterMs) bannerTimer = setTimeout(function () { banner.hidden = true; }, hideAfterMs);
  }
  function applyLivestream(ls) {
    if (!ls) return;
    if (ls.status) setLive(ls.status === 'PLAYING');
    setViewers(ls.activeViewers);
  }

  function onEvent(event, p) {
    switch (event) {
      case 'livestream_view_count_updated': return setViewers(p.viewCount);
      case 'livestream_update': return applyLivestream(p);
      case 'user_joined': applyLivestream(p.livestream); return showProduct(p.pinnedProduct);
      case 'tip_sent': return p.tip && toast(p.tip.senderUser.username + ' tipped ' + dollars(p.tip.tipValue.amount) + (p.tip.message ? ': ' + p.tip.message : ''));
      case 'has_been_raided': return toast(p.fromUser.username + ' is raiding with a party of ' + p.numRaiders);
      case 'giveaway_started': return giveaway('🎁 ' + p.product.name + ': type the keyword to enter');
      case 'giveaway_entry_count_updated': return giveaway('🎁 Giveaway: ' + p.entryCount + (p.entryCount === 1 ? ' entry' : ' entries'));
      case 'giveaway_won': return giveaway(p.product.purchaserUser ? '🎉 ' + p.product.purchaserUser.username + ' won the giveaway!' : 'Giveaway ended without entries', 8000);
      case 'auction_started': case 'product_updated': case 'auction_ended': return showProduct(p.product);
      case 'new_bid': return showProduct(p.product, p.highestBidder && p.highestBidder.username);
    }
  }
  return { setLive: setLive, setViewers: setViewers, setHostName: setHostName, toast: toast, showProduct: showProduct, applyLivestream: applyLivestream, onEvent: onEvent };
}
`;
