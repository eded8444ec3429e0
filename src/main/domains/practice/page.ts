import type { PracticeController } from './controller.js';

export type PageBoot = ReturnType<PracticeController['pageBoot']>;

/** JSON that is safe inside a <script> element whatever the chat says. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The practice stream page: a Whatnot-like show (video, live player footer with the auction, chat). The chat
 * markup follows what social_stream reads on the real site (platforms.md, tests/fixtures/dom/whatnot): a
 * react-virtuoso list, rows found by structure. History comes in the HTML, as a server-rendered page has it;
 * everything after comes over the socket.
 */
export function renderPage(boot: PageBoot): string {
  const host = escapeHtml(boot.config.hostName);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${host} is live - BuzzChat practice stream</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/practice/app.css">
</head>
<body>
<header class="topbar">
  <div class="brand"><span class="brand-mark">B</span> BuzzChat <span class="brand-sub">Practice stream</span></div>
  <div class="who">Signed in as <strong data-testid="current-user" class="current-user">${host}</strong></div>
</header>
<main class="show">
  <section class="stage">
    <div class="video" role="img" aria-label="Stream video">
      <header class="video-top">
        <span id="live-slot" class="live-slot"></span>
        <span class="viewers" title="Viewers"><span aria-hidden="true">&#128065;</span> <strong class="tabular-nums" data-testid="viewer-count">0</strong></span>
      </header>
      <div class="video-center">
        <div class="card-art"><span>&#10024;</span></div>
        <p class="video-caption">${escapeHtml(boot.title)}</p>
      </div>
      <div id="giveaway-banner" class="giveaway-banner" role="status" hidden></div>
      <div id="stream-ended" class="stream-ended" hidden>The show has ended. Thanks for watching!</div>
    </div>
    <footer class="LivePlayer_livePlayerFooter__UDpaa live-footer">
      <div class="footer-product">
        <strong data-testid="show-product-title" class="footer-title">Waiting for the next item</strong>
        <button type="button" class="category"><strong>Trading Cards</strong></button>
      </div>
      <div class="footer-auction">
        <span data-testid="show-winning-status" class="winning-status">No bids yet</span>
        <strong id="show-price" class="footer-price">$1</strong>
        <strong id="show-bids" class="footer-bids">0 Bids</strong>
        <span data-testid="show-timer" class="footer-timer">0:00</span>
      </div>
      <div data-testid="show-shipping-info" class="footer-shipping">Shipping <strong>$5.00</strong></div>
      <button type="button" class="bid-button">Bid</button>
    </footer>
  </section>
  <aside class="chat-panel" aria-label="Live chat">
    <div class="chat-header">Live chat</div>
    <div id="chat-scroller" class="chat-scroller" data-testid="virtuoso-scroller" tabindex="0"></div>
    <form id="chat-form" class="chat-form" autocomplete="off">
      <textarea data-testid="chat-input" class="chatInput" placeholder="Say something..." rows="1" maxlength="500" aria-label="Chat message"></textarea>
      <button type="submit" class="send-button" aria-label="send message">Send</button>
    </form>
    <div id="toast" class="toast" role="status" hidden></div>
  </aside>
</main>
<script type="application/json" id="practice-boot">${scriptJson(boot)}</script>
<script src="/practice/app.js"></script>
</body>
</html>
`;
}
