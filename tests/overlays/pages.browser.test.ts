import type { Page, Request, Route } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OVERLAY_SCOPE } from '../../src/shared/contract/overlays.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { launchTestBrowser, type TestBrowser } from '../helpers/browser.js';

let t: TestApp;
let browser: TestBrowser;
let key: string;
const pages: Page[] = [];
beforeAll(async () => {
  t = await startTestApp();
  key = t.app.services.keys.create('OBS overlays', [OVERLAY_SCOPE]).key;
  browser = await launchTestBrowser();
});
beforeEach(async () => {
  for (const p of pages.splice(0)) await p.close();
  await t.call('DELETE', '/api/v1/giveaway/entries');
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

interface Opened {
  page: Page;
  /** Console errors, CSP violations and uncaught exceptions: none is expected from any overlay. */
  problems: string[];
  requests: Request[];
}

/** An overlay as OBS loads it; resolves once its stream delivered the state (html[data-stream=live]). */
async function openOverlay(name: string, query = '', o: { token?: string | null; reducedMotion?: boolean; width?: number } = {}): Promise<Opened> {
  const page = await browser.newPage();
  pages.push(page);
  const problems: string[] = [];
  const requests: Request[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.setViewportSize({ width: o.width ?? 800, height: 600 });
  if (o.reducedMotion) await page.emulateMedia({ reducedMotion: 'reduce' });
  const token = o.token === undefined ? key : o.token;
  await page.goto(`${t.app.baseUrl}/overlays/${name}${token === null ? '' : `?token=${encodeURIComponent(token)}`}${query}`);
  if (token !== null) await page.locator('html[data-stream="live"]').waitFor();
  return { page, problems, requests };
}

const accountId = () => t.app.services.accounts.active().id;
let seq = 0;
/** A chat line as the chat driver publishes it. */
function say(username: string, text: string, extra: Record<string, unknown> = {}): void {
  const id = accountId();
  t.app.services.events.emit('chat.message', id, {
    accountId: id,
    platform: 'whatnot',
    kind: 'message',
    username,
    text,
    rowKey: `row-${++seq}`,
    history: false,
    self: false,
    pageTs: null,
    receivedAt: Date.now(),
    ...extra,
  });
}
const texts = (page: Page) => page.locator('.line .text').allTextContents();

/** Ends every open event stream from the server's side (as a restart or a proxy would); the pages reconnect. */
function dropStreams(): number {
  const inFlight = (t.app.server as any).inFlight as Set<import('node:http').ServerResponse>;
  let n = 0;
  for (const res of inFlight) {
    if (!String(res.getHeader('content-type') ?? '').startsWith('text/event-stream')) continue;
    res.end();
    n++;
  }
  return n;
}

describe('chat overlay in Chromium', () => {
  it("shows viewers' lines as they arrive, coloured by name, wrapped, with emoji; the bot's lines only with bots=1", async () => {
    const { page, problems } = await openOverlay('chat', '', { width: 400 });
    say('ann', 'hello 👋🏽 from the stream');
    await expect.poll(() => texts(page)).toEqual(['hello 👋🏽 from the stream']);
    // Left out: a bot line (the echo of what BuzzChat posted), history, a join. The host's own lines stay.
    say('hostname', 'Welcome to the stream, ann!', { self: true });
    say('old', 'said before the bot attached', { history: true });
    say('bob', 'joined', { kind: 'join' });
    say('hostname', 'typed on the site', { self: true, manual: true });
    const id = accountId();
    t.app.services.events.emit('message.queued', id, {
      messageId: 'msg_1',
      message: 'sent from the dashboard',
      cause: 'manual',
      scheduledFor: new Date().toISOString(),
    });
    say('hostname', 'sent from the dashboard', { self: true });
    say('ann', 'x'.repeat(300));
    await expect.poll(() => texts(page)).toEqual(['hello 👋🏽 from the stream', 'typed on the site', 'sent from the dashboard', 'x'.repeat(300)]);
    // The same viewer keeps one colour; a long word wraps inside the page.
    const colours = await page.locator('.line .name').evaluateAll((els) => els.map((e) => getComputedStyle(e).color));
    expect(colours[0]).toBe(colours[3]);
    expect(colours[0]).not.toBe(colours[1]);
    const box = (await page.locator('.line').last().boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(400);
    expect(box.height).toBeGreaterThan(60);

    const bots = await openOverlay('chat', '&bots=1');
    say('hostname', 'FAQ: shipping is free', { self: true });
    await expect.poll(() => texts(bots.page)).toEqual(['FAQ: shipping is free']);
    expect(await bots.page.locator('.line').first().getAttribute('class')).toContain('line-bot');
    expect(problems).toEqual([]);
    expect(bots.problems).toEqual([]);
  });

  it('keeps the newest `lines` and leaves out !commands with commands=0', async () => {
    const { page, problems } = await openOverlay('chat', '&lines=3&commands=0');
    for (const text of ['one', '!enter', 'two', 'three', 'four']) say('cy', text);
    await expect.poll(() => texts(page)).toEqual(['two', 'three', 'four']);
    expect(problems).toEqual([]);
  });

  it('fades each line out `fade` seconds after it came', async () => {
    const { page, problems } = await openOverlay('chat', '&fade=1');
    // Watched from inside the page, so the test does not depend on when it looks.
    await page.evaluate(() => {
      const seen = ((window as any).seen = { added: [] as string[], removed: [] as string[] });
      new MutationObserver((records) => {
        for (const r of records) {
          r.addedNodes.forEach((n) => seen.added.push(n.textContent ?? ''));
          r.removedNodes.forEach((n) => seen.removed.push(n.textContent ?? ''));
        }
      }).observe(document.getElementById('lines')!, { childList: true });
    });
    say('cy', 'fading');
    await expect.poll(() => page.evaluate(() => (window as any).seen)).toEqual({ added: ['cyfading'], removed: ['cyfading'] });
    expect(problems).toEqual([]);
  });

  it('takes its look from the URL, and a bad or missing value is its default (never an error on stream)', async () => {
    const styled = await openOverlay('chat', '&fontSize=40&theme=light&accent=ff0000&align=right');
    say('dee', 'styled');
    await expect.poll(() => texts(styled.page)).toEqual(['styled']);
    const look = (p: Page) =>
      p.evaluate(() => {
        const line = document.querySelector('.line')!;
        const root = document.documentElement;
        return {
          fontSize: getComputedStyle(line).fontSize,
          theme: root.dataset.theme,
          align: root.dataset.align,
          accent: getComputedStyle(root).getPropertyValue('--accent').trim(),
          background: getComputedStyle(document.body).backgroundColor,
        };
      });
    expect(await look(styled.page)).toEqual({ fontSize: '40px', theme: 'light', align: 'right', accent: '#ff0000', background: 'rgba(0, 0, 0, 0)' });

    const bad = await openOverlay('chat', '&fontSize=huge&theme=neon&accent=zzz&align=up&lines=-4&bots=maybe');
    say('dee', 'defaults');
    await expect.poll(() => texts(bad.page)).toEqual(['defaults']);
    expect(await look(bad.page)).toEqual({ fontSize: '24px', theme: 'dark', align: 'left', accent: '#8b5cf6', background: 'rgba(0, 0, 0, 0)' });
    const big = await openOverlay('chat', '&fontSize=500');
    say('dee', 'clamped');
    await expect.poll(() => texts(big.page)).toEqual(['clamped']);
    expect((await look(big.page)).fontSize).toBe('72px');
    expect([...styled.problems, ...bad.problems, ...big.problems]).toEqual([]);
  });

  it('shows nothing and says why without a valid token; a revoked key empties a running overlay', async () => {
    const none = await openOverlay('chat', '', { token: null });
    await expect.poll(() => none.page.locator('body').textContent()).toContain('token missing or invalid');
    expect(await none.page.locator('script').count()).toBe(0);

    const made = t.app.services.keys.create('short-lived', [OVERLAY_SCOPE]);
    const running = await openOverlay('chat', '', { token: made.key });
    say('eve', 'before the revoke');
    await expect.poll(() => texts(running.page)).toEqual(['before the revoke']);
    t.app.services.keys.revoke(made.apiKey.id);
    expect(dropStreams()).toBeGreaterThan(0);
    await running.page.locator('html[data-stream="denied"]').waitFor();
    expect(await running.page.locator('.line').count()).toBe(0);
    // The refused reconnect is the one error the console may show (Chromium logs the 401 itself).
    expect(running.problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
  });
});

describe('giveaway overlay in Chromium', () => {
  it('shows the keyword, the entries as they come, a countdown to the closing time, and reveals the winner', async () => {
    const closesAt = new Date(Date.now() + 3_600_000).toISOString();
    await t.call('PATCH', '/api/v1/settings', { giveaway: { keyword: 'gimme', closesAt, opensAt: null } });
    await t.call('POST', '/api/v1/giveaway/entries', { username: 'ann' });
    await t.call('POST', '/api/v1/giveaway/entries', { username: 'bob' });
    const { page, problems } = await openOverlay('giveaway');
    await expect.poll(() => page.locator('#keyword').textContent()).toBe('gimme');
    await expect.poll(() => page.locator('.count').textContent()).toBe('2 entries');
    await expect.poll(() => page.locator('#countdown').textContent()).toMatch(/^Closes in (59:\d\d|1:00:00)$/);
    await t.call('POST', '/api/v1/giveaway/entries', { username: 'cy' });
    await expect.poll(() => page.locator('.count').textContent()).toBe('3 entries');
    // A settings save reaches the page as a fresh state.
    await t.call('PATCH', '/api/v1/settings', { giveaway: { keyword: 'mine' } });
    await expect.poll(() => page.locator('#keyword').textContent()).toBe('mine');

    const draw = await t.call('POST', '/api/v1/giveaway/pick-winner', { count: 1 });
    const winner = page.locator('#winner');
    await winner.waitFor({ state: 'visible' });
    expect(await page.locator('#winner-title').textContent()).toBe('Winner!');
    expect(await page.locator('.winner-name').allTextContents()).toEqual(draw.json.data.winners);
    expect(await winner.evaluate((el) => [el.classList.contains('reveal'), getComputedStyle(el).animationName])).toEqual([true, 'winner-in']);

    await t.call('DELETE', '/api/v1/giveaway/entries');
    await expect.poll(() => page.locator('.count').textContent()).toBe('0 entries');
    await winner.waitFor({ state: 'hidden' });
    expect(problems).toEqual([]);
  });

  it('reveals without animation under prefers-reduced-motion, and a reloaded page still shows a fresh winner', async () => {
    await t.call('PATCH', '/api/v1/settings', { giveaway: { closesAt: null } });
    await t.call('POST', '/api/v1/giveaway/entries', { username: 'ann' });
    await t.call('POST', '/api/v1/giveaway/entries', { username: 'bob' });
    const { page, problems } = await openOverlay('giveaway', '', { reducedMotion: true });
    expect(await page.locator('#countdown').isHidden()).toBe(true);
    const draw = await t.call('POST', '/api/v1/giveaway/pick-winner', { count: 2 });
    await page.locator('#winner').waitFor({ state: 'visible' });
    expect(await page.locator('#winner-title').textContent()).toBe('Winners!');
    expect(await page.locator('#winner').evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
    expect(await page.locator('.winner-name').evaluateAll((els) => els.map((e) => getComputedStyle(e).animationName))).toEqual(['none', 'none']);
    await page.reload();
    await page.locator('html[data-stream="live"]').waitFor();
    await page.locator('#winner').waitFor({ state: 'visible' });
    expect((await page.locator('.winner-name').allTextContents()).sort()).toEqual([...draw.json.data.winners].sort());
    expect(problems).toEqual([]);
  });

  it('never misses a winner drawn while its connection was down: it reconnects with Last-Event-ID', async () => {
    await t.call('POST', '/api/v1/giveaway/entries', { username: 'ann' });
    const { page, problems } = await openOverlay('giveaway', '&winnerSeconds=0');
    await expect.poll(() => page.locator('.count').textContent()).toBe('1 entry');
    // Hold the reconnection until the draw has happened.
    const held: Route[] = [];
    let hold = true;
    await page.route('**/api/v1/overlays/events?**', (route) => void (hold ? held.push(route) : route.continue()));
    expect(dropStreams()).toBe(1);
    await expect.poll(() => held.length).toBe(1);
    await t.call('POST', '/api/v1/giveaway/entries', { username: 'bob' });
    const draw = await t.call('POST', '/api/v1/giveaway/pick-winner', { count: 1 });
    expect(await held[0]!.request().headerValue('last-event-id')).toMatch(/^evt_/);
    hold = false;
    await held[0]!.continue();
    await page.locator('#winner').waitFor({ state: 'visible' });
    expect(await page.locator('.winner-name').allTextContents()).toEqual(draw.json.data.winners);
    await expect.poll(() => page.locator('.count').textContent()).toBe('2 entries');
    expect(problems).toEqual([]);
  });
});
