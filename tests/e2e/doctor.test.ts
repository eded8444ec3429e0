import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatDiagnosis, SiteReport } from '../../src/shared/contract/chat-diagnosis.js';
import { startChatHarness, type ChatHarness } from './chat-harness.js';

/**
 * `GET /chat/diagnose` and `POST /chat/site-report` on the practice stream in Chromium: healthy, with the socket's
 * chat stopped (frames "stopped"), with markup no selector reads (markup "alternate"), and disconnected; the report
 * carries no username or text the page showed, in any case or URL-encoded, while its structure is kept.
 */
let h: ChatHarness;
beforeAll(async () => {
  h = await startChatHarness({ settings: { sendMinSpacingMs: 0 } });
});
afterAll(async () => {
  await h?.stop();
});

const diagnose = async (): Promise<ChatDiagnosis> => {
  const res = await h.t.call('GET', '/api/v1/chat/diagnose');
  if (res.status !== 200) throw new Error(JSON.stringify(res.json));
  return res.json.data;
};
const codes = (d: ChatDiagnosis) => d.problems.map((p) => p.code);
/** A word no page, selector or frame holds by chance. */
const word = (prefix: string) =>
  `${prefix}${randomBytes(5)
    .toString('hex')
    .replace(/\d/g, (n) => 'ghijklmnop'[Number(n)]!)}`;

async function injectAndWait(username: string, text: string) {
  await h.inject(username, text);
  await h.waitFor(`the line of ${username}`, () => h.lines.some((l) => l.username === username && l.text === text));
}

describe('the diagnosis', () => {
  it('is healthy on the practice stream: every role matched, rows read, chat frames per type, the last lines with their reader', async () => {
    await injectAndWait('doctor_viewer', 'is the chat healthy');
    const d = await diagnose();
    expect(d).toMatchObject({ accountId: h.accountId, platform: 'practice', connected: true, healthy: true });
    expect(d.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    expect(d.selectors.chatContainer!.matched).toBe('[data-testid="virtuoso-item-list"]');
    expect(d.selectors.messageItem!.matched).toBe('[data-testid="chat-message"]');
    expect(d.selectors.username!.matched).not.toBeNull();
    expect(d.selectors.chatInput!.matched).not.toBeNull();
    expect(d.page).toMatchObject({ container: '[data-testid="virtuoso-item-list"]', missingName: 0, missingText: 0 });
    expect(d.page!.rows).toBeGreaterThan(0);
    expect(d.page!.parsed).toBe(d.page!.rows);
    expect(d.wire).toMatchObject({ available: true, live: true });
    expect(d.wire.framesByType.message).toBeGreaterThan(0);
    expect(d.wire.eventsByType.message).toBeGreaterThan(0);
    expect(d.lastLines.length).toBeLessThanOrEqual(5);
    expect(d.lastLines.at(-1)).toMatchObject({
      username: 'doctor_viewer',
      text: 'is the chat healthy',
      kind: 'message',
      path: expect.stringMatching(/^(wire|dom)$/),
    });
    expect(d.summary).toMatch(/^Healthy: reading chat from the data stream and the page/);
  });

  it("says BuzzChat reads the page only when the site's data stream stops carrying chat (frames stopped)", async () => {
    await h.practice('POST', '/paths', { frames: 'stopped' });
    try {
      await injectAndWait('page_only_viewer', 'only the page shows this');
      await expect.poll(async () => codes(await diagnose())).toContain('wire-no-chat');
      const d = await diagnose();
      const p = d.problems.find((x) => x.code === 'wire-no-chat')!;
      expect(p.severity).toBe('warning');
      expect(p.message).toMatch(/BuzzChat is reading the page only/);
      expect(d.healthy).toBe(false);
      expect(d.lastLines.at(-1)).toMatchObject({ username: 'page_only_viewer', path: 'dom' });
      // The page itself is fine.
      expect(codes(d)).not.toContain('no-container');
    } finally {
      await h.practice('POST', '/paths', { frames: 'flowing' });
    }
    // Chat back on the socket: the problem goes.
    await injectAndWait('socket_back', 'the socket carries chat again');
    await expect.poll(async () => codes(await diagnose())).not.toContain('wire-no-chat');
  });

  it('names the chat list it cannot find when the markup changes (markup alternate), and that the data stream still carries chat', async () => {
    await h.practice('POST', '/paths', { markup: 'alternate' });
    try {
      await injectAndWait('markup_viewer', 'read from the socket only');
      await expect.poll(async () => (await diagnose()).selectors.chatContainer!.matched).toBeNull();
      const d = await diagnose();
      const p = d.problems.find((x) => x.code === 'no-container')!;
      expect(p).toMatchObject({ severity: 'warning' });
      expect(p.message).toMatch(/chat list was not found/);
      expect(p.message).toMatch(/still reads chat from the site's data stream/);
      expect(p.fix).toMatch(/site report/);
      expect(p.fix).toMatch(/chatContainer selector in selectors\.json/);
      expect(d.page).toMatchObject({ container: null, rows: 0 });
      expect(d.selectors.messageItem!.matched).toBeNull();
      // The alternate markup keeps the chat input: posting still works.
      expect(codes(d)).not.toContain('no-input');
      expect(d.lastLines.at(-1)).toMatchObject({ username: 'markup_viewer', path: 'wire' });
    } finally {
      await h.practice('POST', '/paths', { markup: 'whatnot' });
    }
    await expect.poll(async () => codes(await diagnose())).not.toContain('no-container');
  });
});

describe('the site report', () => {
  it('masks every username and text the page showed, on the page and in the frames, and keeps the structure', async () => {
    const names = [word('Viewer'), word('zoë'), word('ALLCAPS')];
    const texts = [`${word('Hello')} ${word('world')}`, word('shipping'), `${word('ends')}!`];
    for (let i = 0; i < names.length; i++) await injectAndWait(names[i]!, texts[i]!);
    await h.inject(word('joiner'), 'joined', 'join');
    const res = await h.t.call('POST', '/api/v1/chat/site-report');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="buzzchat-site-report-practice-[\dT-]+Z\.json"$/);
    const report: SiteReport = res.json.data;
    assertMasked(JSON.stringify(res.json), [...names, ...texts.flatMap((t) => t.split(/[ !]+/).filter(Boolean))]);
    expect(report).toMatchObject({
      format: 'buzzchat-site-report/1',
      platform: 'practice',
      markup: { root: 'chat-container', selector: '[data-testid="virtuoso-item-list"]' },
    });
    expect(report.pageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/practice\/$/);
    const html = report.markup!.html;
    expect(html).toMatch(/^<div data-testid="virtuoso-item-list"/);
    expect(html).toContain('data-testid="chat-message"');
    expect(html).toMatch(/<strong class="text-neutral-max">x+<\/strong>/);
    expect(html).toContain('href="/user/');
    // A word said in chat ("enter", in the history) does not mask a class that merely contains it.
    expect(html).toContain('class="flex items-center gap-1"');
    // The frames: Phoenix arrays keep their event; payload keys stay, string values are masked.
    const msg = report.frames.message!.at(-1)!;
    expect(msg).toMatchObject({ source: 'frame', result: 'ok', events: ['message'] });
    const [, , topic, event, payload] = msg.payload as [unknown, unknown, string, string, Record<string, any>];
    expect(event).toBe('new_msg');
    expect(topic).toMatch(/^[a-z_]+:[x0-]+$/);
    expect(payload.user.username).toMatch(/^x+$/);
    expect(typeof payload.message).toBe('string');
    expect(report.frames.unknown?.length ?? 0).toBeLessThanOrEqual(20);
    // Nothing of the session: no cookie, storage or header.
    expect(JSON.stringify(report)).not.toMatch(/cookie|localStorage|authorization|bearer/i);
  });

  it('masks the whole page body when no chat container is found (markup alternate)', async () => {
    await h.practice('POST', '/paths', { markup: 'alternate' });
    try {
      const name = word('Alternate');
      const text = word('message');
      await injectAndWait(name, text);
      await expect.poll(async () => (await diagnose()).page?.container).toBeNull();
      const res = await h.t.call('POST', '/api/v1/chat/site-report');
      const report: SiteReport = res.json.data;
      expect(report.markup!.root).toBe('document-body');
      expect(report.markup!.html).toContain('class="feed-line');
      assertMasked(JSON.stringify(res.json), [name, text]);
    } finally {
      await h.practice('POST', '/paths', { markup: 'whatnot' });
    }
  });
});

describe('disconnected', () => {
  it('says so first, with how to connect; the report has no markup', async () => {
    await h.t.call('POST', '/api/v1/chat/disconnect');
    const d = await diagnose();
    expect(d.problems[0]).toMatchObject({ code: 'not-connected', severity: 'error' });
    expect(d.problems[0]!.message).toMatch(/^Not connected/);
    expect(d.page).toBeNull();
    const report: SiteReport = (await h.t.call('POST', '/api/v1/chat/site-report')).json.data;
    expect(report.markup).toBeNull();
    expect((await h.t.call('GET', '/api/v1/chat/diagnose?account=acc_nope')).status).toBe(404);
  });
});

function assertMasked(json: string, secrets: string[]): void {
  const lower = json.toLowerCase();
  for (const s of secrets) {
    for (const form of [s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1)]) {
      expect(lower, `"${s}" survives in the report`).not.toContain(form.toLowerCase());
    }
  }
}
