import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY, startChatHarness, type ChatHarness } from './chat-harness.js';

let h: ChatHarness;
beforeAll(async () => {
  h = await startChatHarness({ settings: { sendMinSpacingMs: 0 } });
});
afterAll(async () => {
  await h?.stop();
});

describe('chat ingest on the practice stream', () => {
  it('delivers lines already on screen as history, parsed into username and text', () => {
    const hist = h.lines.filter((l) => l.history);
    expect(hist.map((l) => [l.username, l.text])).toEqual(HISTORY);
    // Each once, from whichever path showed it first: the page's rows (no id, as on Whatnot) or the join's replay.
    expect(hist.every((l) => /^(id|k):/.test(l.rowKey) && !l.self && l.platform === 'practice')).toBe(true);
  });

  it('pushes a new row to Node with username, text, page timestamp and identity', async () => {
    const events: { type: string; data: Record<string, unknown> }[] = [];
    const off = h.t.app.services.bus.subscribe((e) => events.push(e));
    const m = await h.inject('viewer_one', 'what is the shipping cost?');
    const line = await h.waitFor('the line', () => h.lines.find((l) => l.rowKey === `id:${m.id}`));
    expect(line).toMatchObject({ kind: 'message', username: 'viewer_one', text: 'what is the shipping cost?', history: false, self: false });
    expect(line.pageTs).toBeTypeOf('number');
    expect(line.receivedAt).toBeGreaterThanOrEqual(line.pageTs!);
    off();
    // Dashboards see the same line on the bus.
    expect(events.find((e) => e.type === 'chat.message' && e.data.rowKey === `id:${m.id}`)?.data).toMatchObject({
      username: 'viewer_one',
      history: false,
    });
  });
});

describe('identity and dedupe', () => {
  it('does not re-deliver rows after a re-render, detached nodes put back, or a reload', async () => {
    const a = await h.inject('dedupe_a', 'first line');
    const b = await h.inject('dedupe_b', 'second line');
    await h.waitFor('both lines', () => h.lines.some((l) => l.rowKey === `id:${b.id}`));
    const before = h.lines.length;
    const page = h.chat.driver.session(h.accountId)!.currentPage()!;
    // Count the list's row nodes leaving and entering: the re-render replaces every one, the detach takes 3 out
    // and puts the same nodes back a moment later.
    const mounted = await page.evaluate(() => {
      const list = document.querySelector('[data-testid="virtuoso-item-list"]')!;
      const w = window as unknown as { __rowsOut: number; __rowsIn: number };
      w.__rowsOut = w.__rowsIn = 0;
      new MutationObserver((records) => {
        for (const r of records) {
          w.__rowsOut += r.removedNodes.length;
          w.__rowsIn += r.addedNodes.length;
        }
      }).observe(list, { childList: true });
      return list.children.length;
    });
    await h.practice('POST', '/rerender');
    await h.practice('POST', '/detach', { count: 3 });
    await page.waitForFunction((n) => {
      const w = window as unknown as { __rowsOut: number; __rowsIn: number };
      return w.__rowsOut >= n + 3 && w.__rowsIn >= n + 3;
    }, mounted);
    // The page has put every row back: a line injected now reaches the driver after them.
    const sentinel = await h.inject('dedupe_sentinel', 'after the re-render');
    await h.waitFor('the sentinel line', () => h.lines.some((l) => l.rowKey === `id:${sentinel.id}`));
    expect(h.lines.length).toBe(before + 1);

    const reloaded = page.waitForEvent('load');
    await h.practice('POST', '/reload');
    await reloaded;
    // A line after the reload proves the new document is attached and reporting.
    const c = await h.inject('dedupe_c', 'after the reload');
    await h.waitFor('the line after reload', () => h.lines.some((l) => l.rowKey === `id:${c.id}`));
    expect(h.lines.length).toBe(before + 2);
    expect(h.lines.filter((l) => l.rowKey === `id:${a.id}`)).toHaveLength(1);
    expect(h.chat.driver.duplicatesDropped(h.accountId)).toBeGreaterThan(0);
  });

  it('keeps two identical messages from one user as two lines (identity, not content)', async () => {
    const x = await h.inject('repeater', 'enter');
    const y = await h.inject('repeater', 'enter');
    await h.waitFor('both', () => h.lines.some((l) => l.rowKey === `id:${y.id}`));
    expect(h.lines.filter((l) => l.rowKey === `id:${x.id}` || l.rowKey === `id:${y.id}`)).toHaveLength(2);
  });

  it('marks join rows as joins', async () => {
    await h.inject('newcomer', 'joined', 'join');
    // The socket's "joined 👋" frame and the row race; whichever path is first delivers the join, once.
    const line = await h.waitFor('the join', () => h.lines.find((l) => l.username === 'newcomer'));
    expect(line).toMatchObject({ kind: 'join', username: 'newcomer' });
    await h.inject('after_newcomer', 'hi');
    await h.waitFor('the next line', () => h.lines.some((l) => l.username === 'after_newcomer'));
    expect(h.lines.filter((l) => l.username === 'newcomer')).toHaveLength(1);
  });
});

describe('own messages', () => {
  it('flags rows by the logged-in host as self (name read from the page)', async () => {
    await h.practice('POST', '/send', { text: 'typed by the host by hand' });
    const line = await h.waitFor('the host line', () => h.lines.find((l) => l.text === 'typed by the host by hand'));
    expect(line.self).toBe(true);
    expect(line.username).toBe('PracticeHost');
  });
});

describe('status', () => {
  it('reports connection, platform, live state, logged-in name and which selectors matched', async () => {
    const res = await h.t.call('GET', '/api/v1/chat/status');
    expect(res.status).toBe(200);
    const st = res.json.data;
    expect(st).toMatchObject({
      accountId: h.accountId,
      platform: 'practice',
      connected: true,
      live: true,
      loggedInAs: 'PracticeHost',
      lastError: null,
    });
    expect(st.url).toMatch(/\/practice\/$/);
    // The practice page renders Whatnot's markup: the structural selectors match, not the extension's test ids.
    expect(st.selectorHealth.chatContainer.matched).toBe('[data-testid="virtuoso-item-list"]');
    expect(st.selectorHealth.messageItem.matched).toBe('[data-testid="chat-message"]');
    expect(st.selectorHealth.username.matched).toBe(':scope > div:last-of-type > :first-child strong');
    expect(st.selectorHealth.messageText.matched).toBe(':scope > div:last-of-type:has(> :first-child strong) > :nth-child(n+2)');
    expect(st.selectorHealth.chatInput.matched).toBe('textarea[data-testid="chat-input"]');
    expect(st.selectorHealth.liveIndicator.matched).toBe('footer[class*="LivePlayer_livePlayerFooter"]');
    expect(st.lastMessageAt).not.toBeNull();
    expect(st.queue).toEqual({ queued: 0, lastSentAt: null });
  });

  it('follows the LIVE badge', async () => {
    await h.practice('POST', '/live/end');
    await h.waitFor('not live', () => !h.chat.gateway.isLive(h.accountId));
    await h.practice('POST', '/live/start');
    await h.waitFor('live again', () => h.chat.gateway.isLive(h.accountId));
  });

  it('needs chat:read and gives the moderator commands of the platform', async () => {
    const { key } = h.t.app.services.keys.create('limited', ['analytics:read'] as never);
    const res = await h.t.call('GET', '/api/v1/chat/status', undefined, { key });
    expect(res.status).toBe(403);
    expect(h.chat.gateway.moderatorCommand(h.accountId, 'hide', '@troll')).toBe('/hide troll');
    expect(h.chat.gateway.moderatorCommand(h.accountId, 'slow', '10')).toBe('/slow 10');
  });
});
