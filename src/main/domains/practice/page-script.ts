/**
 * The practice page's browser script, served as /practice/app.js. Plain ES2020 in a string so it ships the
 * same from source (tsx, vitest) and from the bundled build without a second compile step.
 *
 * It behaves like a React chat where it matters to a driver: the input's content is the page's own state,
 * changed only by `input` events, and sending uses that state (a bare `el.value = ...` is not sent).
 */
export const PAGE_SCRIPT = String.raw`(() => {
  'use strict';
  const HARD_CAP = 3000;
  const boot = JSON.parse(document.getElementById('practice-boot').textContent);
  const list = document.querySelector('[data-testid="chat-messages"]');
  const form = document.getElementById('chat-form');
  const input = form.querySelector('textarea');
  const sendButton = form.querySelector('[data-testid="send-button"]');
  const live = document.getElementById('live-slot');
  const viewerCount = document.querySelector('[data-testid="viewer-count"]');
  const currentUser = document.querySelector('[data-testid="current-user"]');
  const ended = document.getElementById('stream-ended');
  const toast = document.getElementById('toast');

  /** Rows on screen, oldest first: {m, ts, el}. */
  let shown = [];
  let lastSeq = 0;
  let state = boot.state;
  let draft = '';

  const COLORS = ['#f97316', '#22c55e', '#3b82f6', '#a855f7', '#ec4899', '#eab308', '#14b8a6', '#ef4444'];
  function colorFor(name) {
    let h = 0;
    for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
    return COLORS[Math.abs(h) % COLORS.length];
  }

  function rowFor(m, ts) {
    const li = document.createElement('li');
    li.className = 'chat-message' + (m.kind === 'join' ? ' is-join' : '') + (m.host ? ' is-host' : '');
    li.setAttribute('data-testid', 'chat-message');
    li.setAttribute('data-message-id', m.id);
    li.setAttribute('data-ts', String(ts));
    li.setAttribute('data-kind', m.kind);
    const avatar = document.createElement('div');
    avatar.className = 'avatar';
    avatar.setAttribute('aria-hidden', 'true');
    avatar.style.background = colorFor(m.username);
    avatar.textContent = Array.from(m.username)[0] || '?';
    const body = document.createElement('div');
    body.className = 'row-body';
    const user = document.createElement('span');
    user.className = 'username';
    user.setAttribute('data-testid', 'username');
    user.textContent = m.username;
    body.appendChild(user);
    if (m.host) {
      const badge = document.createElement('span');
      badge.className = 'host-badge';
      badge.textContent = 'HOST';
      body.appendChild(badge);
    }
    const text = document.createElement('span');
    text.className = 'message-text';
    text.setAttribute('data-testid', 'message-text');
    text.textContent = m.text;
    body.appendChild(text);
    li.appendChild(avatar);
    li.appendChild(body);
    return li;
  }

  function limit() {
    return state.virtualizeAfter > 0 ? Math.min(state.virtualizeAfter, HARD_CAP) : HARD_CAP;
  }

  function trim() {
    const max = limit();
    if (shown.length <= max) return;
    const drop = shown.splice(0, shown.length - max);
    for (const e of drop) e.el.remove();
  }

  function nearBottom() {
    return list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  }

  let scrollQueued = false;
  function scrollToEnd() {
    if (scrollQueued) return;
    scrollQueued = true;
    requestAnimationFrame(() => {
      scrollQueued = false;
      list.scrollTop = list.scrollHeight;
    });
  }

  function append(msgs) {
    const ts = Date.now();
    const stick = nearBottom();
    const frag = document.createDocumentFragment();
    for (const m of msgs) {
      if (m.seq <= lastSeq) continue;
      lastSeq = m.seq;
      const el = rowFor(m, ts);
      shown.push({ m, ts, el });
      frag.appendChild(el);
    }
    list.appendChild(frag);
    trim();
    if (stick) scrollToEnd();
  }

  /** Replace every row node with a fresh node for the same message, as a framework re-render does. */
  function rerender() {
    const frag = document.createDocumentFragment();
    for (const e of shown) {
      e.el = rowFor(e.m, e.ts);
      frag.appendChild(e.el);
    }
    list.replaceChildren(frag);
    scrollToEnd();
  }

  /** Take a few recent rows out of the DOM and put the same nodes back a moment later. */
  function detach(count) {
    const recent = shown.slice(-Math.max(count * 4, 10));
    for (let i = 0; i < count && recent.length; i++) {
      const e = recent.splice(Math.floor(Math.random() * recent.length), 1)[0];
      const el = e.el;
      const next = el.nextSibling;
      el.remove();
      setTimeout(() => {
        if (e.el !== el || shown.indexOf(e) < 0) return;
        list.insertBefore(el, next && next.parentNode === list ? next : null);
      }, 25);
    }
  }

  /** A moderator's /hide: the user's rows leave the chat. */
  function hideUser(name) {
    const who = name.toLowerCase();
    shown = shown.filter((e) => {
      if (e.m.host || e.m.username.toLowerCase() !== who) return true;
      e.el.remove();
      return false;
    });
    showToast(name + ' was hidden from chat');
  }

  function applyState(s) {
    state = s;
    currentUser.textContent = s.hostName;
    viewerCount.textContent = s.viewers.toLocaleString('en-US');
    const badge = live.querySelector('[data-testid="live-indicator"]');
    if (s.live && !badge) {
      const b = document.createElement('span');
      b.className = 'live-badge';
      b.setAttribute('data-testid', 'live-indicator');
      b.textContent = 'LIVE';
      live.appendChild(b);
    } else if (!s.live && badge) {
      badge.remove();
    }
    ended.hidden = s.live;
    trim();
  }

  function showToast(text) {
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(showToast.t);
    showToast.t = setTimeout(() => (toast.hidden = true), 3000);
  }

  // Controlled input: state follows input events only; the DOM value is rewritten from state after a send.
  input.addEventListener('input', () => {
    draft = input.value;
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
      ev.preventDefault();
      submit();
    }
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submit();
  });

  function submit() {
    const text = draft.trim();
    if (!text) return;
    draft = '';
    input.value = '';
    fetch('/practice/api/send', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    })
      .then((r) => r.json())
      .then((j) => {
        if (!j.success) showToast(j.error ? j.error.message : 'Message not sent');
      })
      .catch(() => showToast('Message not sent'));
  }

  function handle(ev) {
    switch (ev.t) {
      case 'msgs': return append(ev.msgs);
      case 'state': return applyState(ev.state);
      case 'rerender': return rerender();
      case 'detach': return detach(ev.count);
      case 'hide': return hideUser(ev.username);
      case 'reload': return location.reload();
      case 'reset':
        shown = [];
        list.replaceChildren();
        return;
    }
  }

  applyState(state);
  append(boot.history);
  // After a reset the buffer is empty but the cursor has moved on; resume from the server's cursor.
  lastSeq = Math.max(lastSeq, boot.lastSeq);
  list.scrollTop = list.scrollHeight;

  const es = new EventSource('/practice/events?after=' + lastSeq);
  es.onmessage = (e) => handle(JSON.parse(e.data));
  window.__practice = { get rows() { return shown.length; }, get lastSeq() { return lastSeq; } };
})();
`;
