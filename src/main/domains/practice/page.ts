import type { PageMessage, PageState } from './stream.js';

export interface PageBoot {
  state: PageState;
  history: PageMessage[];
  lastSeq: number;
}

/** JSON that is safe inside a <script> element whatever the chat says. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The practice stream page: a Whatnot-like show (video, product card, chat) whose markup follows the Whatnot
 * selector profile in platforms.md. Everything it needs is inline or served by the same router.
 */
export function renderPage(boot: PageBoot): string {
  const host = escapeHtml(boot.state.hostName);
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
      <div class="video-top">
        <span id="live-slot" class="live-slot"></span>
        <span class="viewers" title="Viewers"><span aria-hidden="true">&#128065;</span> <span data-testid="viewer-count" class="viewer-count">0</span></span>
      </div>
      <div class="video-center">
        <div class="card-art"><span>&#10024;</span></div>
        <p class="video-caption">Ripping packs live &middot; giveaway every 15 minutes</p>
      </div>
      <div id="stream-ended" class="stream-ended" hidden>The show has ended. Thanks for watching!</div>
    </div>
    <article class="product" data-testid="product-card">
      <div class="product-thumb" aria-hidden="true">&#127183;</div>
      <div class="product-info">
        <h2>Vintage Holo Card Lot (10 cards)</h2>
        <p class="product-meta">Near mint &middot; ships in 2 days &middot; &#36;5 shipping (US)</p>
        <p class="product-price"><span class="bid-label">Current bid</span> <strong>&#36;24</strong> <span class="bid-timer">0:12</span></p>
      </div>
      <div class="product-actions">
        <button type="button" class="bid-button">Bid &#36;26</button>
        <button type="button" class="buy-button">Buy now &#36;40</button>
      </div>
    </article>
  </section>
  <aside class="chat-panel" aria-label="Live chat">
    <div class="chat-header">Live chat</div>
    <ul data-testid="chat-messages" class="chat-messages" aria-live="polite"></ul>
    <form id="chat-form" class="chat-form" autocomplete="off">
      <textarea placeholder="Send a message..." rows="1" maxlength="500" aria-label="Chat message"></textarea>
      <button type="submit" data-testid="send-button" class="chat-send-button" aria-label="send message">Send</button>
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

export const PAGE_CSS = `
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #0f1115; color: #e8eaed; display: flex; flex-direction: column; }
.topbar { display: flex; justify-content: space-between; align-items: center; padding: 10px 18px; background: #16191f; border-bottom: 1px solid #262a33; }
.brand { font-weight: 700; font-size: 16px; display: flex; align-items: center; gap: 8px; }
.brand-mark { display: inline-grid; place-items: center; width: 26px; height: 26px; border-radius: 7px; background: #facc15; color: #111; }
.brand-sub { font-weight: 500; color: #9aa0a6; font-size: 13px; }
.who { color: #9aa0a6; }
.who strong { color: #e8eaed; }
.show { flex: 1; display: flex; gap: 16px; padding: 16px; min-height: 0; }
.stage { flex: 1; display: flex; flex-direction: column; gap: 12px; min-width: 0; }
.video { position: relative; flex: 1; min-height: 240px; border-radius: 14px; overflow: hidden; background: radial-gradient(circle at 30% 30%, #3b2f6b, #141022 70%); display: flex; align-items: center; justify-content: center; }
.video-top { position: absolute; top: 12px; left: 12px; right: 12px; display: flex; justify-content: space-between; }
.live-badge { background: #ef4444; color: #fff; font-weight: 800; letter-spacing: .06em; padding: 3px 9px; border-radius: 6px; font-size: 12px; }
.viewers { background: rgba(0,0,0,.55); padding: 3px 9px; border-radius: 6px; font-size: 12px; }
.video-center { text-align: center; }
.card-art { width: 120px; height: 168px; margin: 0 auto 12px; border-radius: 10px; background: linear-gradient(135deg, #fde68a, #f472b6 50%, #60a5fa); display: grid; place-items: center; font-size: 44px; box-shadow: 0 10px 40px rgba(0,0,0,.5); }
.video-caption { color: #d1d5db; margin: 0; }
.stream-ended { position: absolute; inset: 0; display: grid; place-items: center; background: rgba(10,10,14,.85); font-size: 18px; }
.stream-ended[hidden] { display: none; }
.product { display: flex; gap: 14px; align-items: center; padding: 12px; border-radius: 14px; background: #16191f; border: 1px solid #262a33; }
.product-thumb { width: 64px; height: 64px; border-radius: 10px; background: #262a33; display: grid; place-items: center; font-size: 30px; }
.product-info { flex: 1; min-width: 0; }
.product-info h2 { font-size: 15px; margin: 0 0 4px; }
.product-meta { margin: 0; color: #9aa0a6; font-size: 12px; }
.product-price { margin: 6px 0 0; }
.bid-label { color: #9aa0a6; font-size: 12px; }
.bid-timer { color: #facc15; margin-left: 6px; font-variant-numeric: tabular-nums; }
.product-actions { display: flex; flex-direction: column; gap: 6px; }
.product-actions button { border: 0; border-radius: 999px; padding: 8px 16px; font-weight: 700; cursor: pointer; }
.bid-button { background: #facc15; color: #111; }
.buy-button { background: #262a33; color: #e8eaed; }
.chat-panel { width: 360px; display: flex; flex-direction: column; background: #16191f; border: 1px solid #262a33; border-radius: 14px; min-height: 0; position: relative; }
.chat-header { padding: 10px 14px; font-weight: 700; border-bottom: 1px solid #262a33; }
.chat-messages { list-style: none; margin: 0; padding: 8px 10px; flex: 1; overflow-y: auto; min-height: 0; }
.chat-message { display: flex; gap: 8px; padding: 4px 2px; align-items: flex-start; }
.chat-message .avatar { flex: none; width: 24px; height: 24px; border-radius: 50%; display: grid; place-items: center; font-size: 12px; font-weight: 700; color: #fff; }
.row-body { min-width: 0; overflow-wrap: anywhere; }
.chat-message .username { font-weight: 700; margin-right: 6px; color: #cbd5e1; }
.chat-message.is-host .username { color: #facc15; }
.host-badge { font-size: 10px; font-weight: 800; background: #facc15; color: #111; border-radius: 4px; padding: 0 4px; margin-right: 6px; }
.chat-message.is-join { color: #9aa0a6; font-size: 12px; }
.chat-message.is-join .username { font-weight: 600; color: #9aa0a6; }
.chat-form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #262a33; }
.chat-form textarea { flex: 1; resize: none; border-radius: 10px; border: 1px solid #323744; background: #0f1115; color: #e8eaed; padding: 8px 10px; font: inherit; }
.chat-send-button { border: 0; border-radius: 10px; background: #facc15; color: #111; font-weight: 700; padding: 0 14px; cursor: pointer; }
.toast { position: absolute; left: 10px; right: 10px; bottom: 64px; background: #7f1d1d; color: #fff; padding: 8px 10px; border-radius: 8px; }
.toast[hidden] { display: none; }
@media (max-width: 760px) { .show { flex-direction: column; } .chat-panel { width: auto; height: 50vh; } }
`;
