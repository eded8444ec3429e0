/**
 * The overlays' style: a transparent page (OBS composites it over the scene), system fonts only (nothing fetched),
 * sizes in em of the `fontSize` parameter, themes as colour variables. Animations go with prefers-reduced-motion
 * or `motion=0` (the `still` class).
 */
export const OVERLAY_CSS = `
:root {
  --font-size: 24px; --accent: #8b5cf6;
  --fg: #fff; --muted: rgba(255,255,255,.72); --bg: rgba(15,15,24,.78); --shadow: none;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif,
    "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji";
  font-size: var(--font-size);
  color: var(--fg);
}
:root[data-theme="light"] { --fg: #15151c; --muted: rgba(0,0,0,.62); --bg: rgba(255,255,255,.9); }
:root[data-theme="transparent"] { --bg: transparent; --shadow: 0 0 .15em #000, 0 .05em .12em #000; }
html, body { margin: 0; padding: 0; background: transparent; overflow: hidden; }
body { min-height: 100vh; text-shadow: var(--shadow); line-height: 1.3; }
[hidden] { display: none !important; }

.chat-lines { position: fixed; inset: 0; display: flex; flex-direction: column; justify-content: flex-end; align-items: flex-start; gap: .25em; padding: .4em; box-sizing: border-box; }
:root[data-align="center"] .chat-lines { align-items: center; text-align: center; }
:root[data-align="right"] .chat-lines { align-items: flex-end; text-align: right; }
.line { max-width: 100%; box-sizing: border-box; padding: .2em .55em; border-radius: .45em; background: var(--bg); overflow-wrap: anywhere; word-break: break-word; white-space: pre-wrap; animation: line-in .25s ease-out; }
.line .name { font-weight: 700; margin-right: .45em; }
.line-bot { opacity: .85; }
.line-bot .name { color: var(--accent); }
.line.gone { animation: line-out .6s ease-in forwards; }
@keyframes line-in { from { opacity: 0; transform: translateY(.5em); } to { opacity: 1; transform: none; } }
@keyframes line-out { to { opacity: 0; } }

.giveaway { position: fixed; inset: 0; display: flex; flex-direction: column; align-items: flex-start; gap: .5em; padding: .5em; box-sizing: border-box; }
:root[data-align="center"] .giveaway { align-items: center; text-align: center; }
:root[data-align="right"] .giveaway { align-items: flex-end; text-align: right; }
.card, .winner { box-sizing: border-box; max-width: 100%; padding: .5em .8em; border-radius: .6em; background: var(--bg); border-left: .2em solid var(--accent); overflow-wrap: anywhere; }
.keyword b { color: var(--accent); }
.count { font-size: 1.6em; font-weight: 800; font-variant-numeric: tabular-nums; }
.count #count-label { font-size: .55em; font-weight: 600; color: var(--muted); }
.countdown { color: var(--muted); font-variant-numeric: tabular-nums; }
.winner { border-left-color: transparent; border: .12em solid var(--accent); }
.winner-title { font-weight: 800; color: var(--accent); text-transform: uppercase; letter-spacing: .06em; }
.winner-names { font-size: 1.5em; font-weight: 800; }
.winner.reveal { animation: winner-in .6s cubic-bezier(.2,1.4,.4,1) both; }
.winner.reveal .winner-name { animation: name-in .5s ease-out both; }
@keyframes winner-in { from { opacity: 0; transform: scale(.6); } to { opacity: 1; transform: none; } }
@keyframes name-in { from { opacity: 0; transform: translateY(.4em); filter: blur(.15em); } to { opacity: 1; transform: none; filter: none; } }

.denied { margin: .5em; font: 14px system-ui, sans-serif; color: #9aa0a6; }

.still *, .still *::before, .still *::after { animation: none !important; transition: none !important; }
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; }
}
`;
