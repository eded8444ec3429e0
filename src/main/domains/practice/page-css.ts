/** The practice page's style (dark, Whatnot-like layout); the chat classes are the row's own utility classes. */
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
.tabular-nums { font-variant-numeric: tabular-nums; }
.video-center { text-align: center; }
.card-art { width: 120px; height: 168px; margin: 0 auto 12px; border-radius: 10px; background: linear-gradient(135deg, #fde68a, #f472b6 50%, #60a5fa); display: grid; place-items: center; font-size: 44px; box-shadow: 0 10px 40px rgba(0,0,0,.5); }
.video-caption { color: #d1d5db; margin: 0; }
.giveaway-banner { position: absolute; left: 12px; right: 12px; bottom: 12px; background: rgba(250,204,21,.92); color: #111; font-weight: 700; padding: 8px 12px; border-radius: 10px; }
.giveaway-banner[hidden], .stream-ended[hidden], .toast[hidden] { display: none; }
.stream-ended { position: absolute; inset: 0; display: grid; place-items: center; background: rgba(10,10,14,.85); font-size: 18px; }
.live-footer { display: flex; gap: 14px; align-items: center; padding: 12px; border-radius: 14px; background: #16191f; border: 1px solid #262a33; flex-wrap: wrap; }
.footer-product { flex: 1; min-width: 160px; display: flex; flex-direction: column; gap: 4px; }
.footer-title { font-size: 15px; }
.category { align-self: flex-start; border: 0; border-radius: 999px; background: #262a33; color: #9aa0a6; font-size: 11px; padding: 2px 8px; }
.footer-auction { display: flex; gap: 10px; align-items: baseline; }
.winning-status { color: #22c55e; font-weight: 700; }
.footer-timer { color: #facc15; font-variant-numeric: tabular-nums; }
.footer-shipping { color: #9aa0a6; font-size: 12px; }
.bid-button { border: 0; border-radius: 999px; padding: 8px 16px; font-weight: 700; background: #facc15; color: #111; cursor: pointer; }
.chat-panel { width: 360px; display: flex; flex-direction: column; background: #16191f; border: 1px solid #262a33; border-radius: 14px; min-height: 0; position: relative; }
.chat-header { padding: 10px 14px; font-weight: 700; border-bottom: 1px solid #262a33; }
.chat-scroller { position: relative; flex: 1; overflow-y: auto; min-height: 0; overflow-anchor: none; padding: 8px 0; }
.flex { display: flex; } .flex-col { flex-direction: column; } .gap-1 { gap: 4px; } .gap-2 { gap: 8px; } .items-center { align-items: center; }
.px-3 { padding-left: 10px; padding-right: 10px; } .py-1 { padding-top: 4px; padding-bottom: 4px; } .min-w-0 { min-width: 0; } .shrink-0 { flex: none; }
.size-7 { width: 28px; height: 28px; } .rounded-full { border-radius: 50%; }
.break-words { overflow-wrap: anywhere; } .text-neutral-max { color: #e8eaed; } .text-neutral-subtle { color: #9aa0a6; font-size: 12px; }
.text-system-orange-opaque-darker { color: #fb923c; }
.host-badge { font-size: 10px; font-weight: 800; background: #facc15; color: #111; border-radius: 4px; padding: 0 4px; }
.feed-lines { list-style: none; margin: 0; padding: 0 10px; }
.feed-line { padding: 3px 0; } .feed-line b { color: #93c5fd; } .feed-line-host b { color: #facc15; }
.chat-form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #262a33; }
.chat-form textarea { flex: 1; resize: none; border-radius: 10px; border: 1px solid #323744; background: #0f1115; color: #e8eaed; padding: 8px 10px; font: inherit; }
.send-button { border: 0; border-radius: 10px; background: #facc15; color: #111; font-weight: 700; padding: 0 14px; cursor: pointer; }
.toast { position: absolute; left: 10px; right: 10px; bottom: 64px; background: #1e3a8a; color: #fff; padding: 8px 10px; border-radius: 8px; }
.toast-error { background: #7f1d1d; }
@media (max-width: 760px) { .show { flex-direction: column; } .chat-panel { width: auto; height: 50vh; } }
`;
