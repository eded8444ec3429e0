import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { practiceModule, practiceUrl } from '../../src/main/domains/practice/domain.js';
import type { PracticeOptionsInput } from '../../src/main/domains/practice/schema.js';
import { PhxClient } from './phx-client.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function start(opts: PracticeOptionsInput = {}) {
  let mod: ReturnType<typeof practiceModule> | undefined;
  t = await startTestApp({ modules: (s) => [(mod = practiceModule(s, opts))] });
  const app = t;
  /** The control API with the dashboard's session token (no rate limit). */
  const call = (method: string, path: string, body?: unknown, raw?: string) =>
    app.call(method, `/api/v1/practice${path}`, body, { key: app.app.sessionToken, ...(raw !== undefined ? { raw } : {}) });
  return { t: app, mod: mod!, call };
}

const bootOf = (html: string) => JSON.parse(/<script type="application\/json" id="practice-boot">(.*?)<\/script>/s.exec(html)![1]!);

describe('practice control API', () => {
  it('requires the session token or a key with chat:write; the page itself needs none', async () => {
    const { t, call } = await start();
    const anon = await t.call('POST', '/api/v1/practice/inject', { username: 'x', text: 'buy now' }, { key: null });
    expect(anon.status).toBe(401);
    expect(anon.json.error.code).toBe('INVALID_API_KEY');
    expect((await t.call('GET', '/api/v1/practice/state', undefined, { key: null })).status).toBe(401);
    const reader = t.app.services.keys.create('reader', ['chat:read']);
    const denied = await t.call('POST', '/api/v1/practice/inject', { username: 'x', text: 'y' }, { key: reader.key });
    expect(denied.status).toBe(403);
    const writer = t.app.services.keys.create('writer', ['chat:write']);
    expect((await t.call('POST', '/api/v1/practice/inject', { username: 'x', text: 'y' }, { key: writer.key })).status).toBe(201);
    expect((await call('GET', '/state')).json.data.counts.total).toBe(1);
    // The old unauthenticated control path is gone; the page, its assets and its feed stay public.
    expect((await fetch(`${t.app.baseUrl}/practice/api/inject`, { method: 'POST', body: '{}' })).status).toBe(404);
    for (const p of ['', 'app.js', 'app.css', 'feed']) expect((await fetch(`${practiceUrl(t.app.baseUrl)}${p}`)).status, p).toBe(200);
    const doc = (await t.call('GET', '/api/v1/openapi.json', undefined, { key: null })).json;
    expect(doc.paths['/api/v1/practice/inject'].post['x-required-scope']).toBe('chat:write');
    expect(doc.paths['/api/v1/practice/paths'].post.summary).toMatch(/frames/);
  });

  it('injects one or many messages with stable ids and server timestamps', async () => {
    const { call } = await start();
    const one = await call('POST', '/inject', { username: 'Mary Jo', text: 'shipping?' });
    expect(one.status).toBe(201);
    const [m] = one.json.data.messages;
    expect(m).toMatchObject({ username: 'Mary Jo', text: 'shipping?', kind: 'message' });
    expect(Math.abs(m.ts - Date.now())).toBeLessThan(5000);
    const many = await call('POST', '/inject', {
      messages: [
        { username: '山田太郎', text: 'enter' },
        { username: 'Zoë', text: 'joined', kind: 'join' },
      ],
    });
    expect(many.json.data.messages.map((x: any) => x.kind)).toEqual(['message', 'join']);
    const ids = [m.id, ...many.json.data.messages.map((x: any) => x.id)];
    expect(new Set(ids).size).toBe(3);
    const list = await call('GET', '/messages');
    expect(list.json.data.messages.map((x: any) => x.id)).toEqual(ids);
    expect(list.json.data.messages.every((x: any) => x.category === 'injected' && x.host === false)).toBe(true);
    const after = await call('GET', `/messages?afterSeq=${m.seq}&limit=1`);
    expect(after.json.data.messages.map((x: any) => x.id)).toEqual([ids[2]]);
  });

  it('rejects bad input with the error envelope', async () => {
    const { call } = await start();
    const cases: [string, string, unknown, RegExp][] = [
      ['POST', '/inject', { username: 'a' }, /text/],
      ['POST', '/inject', { username: 'a', text: 'b', extra: 1 }, /extra/],
      ['POST', '/inject', { messages: [] }, /messages/],
      ['POST', '/send', { text: 'x'.repeat(501) }, /text/],
      ['POST', '/send', { text: '   ' }, /text/],
      ['POST', '/config', { rate: -1 }, /rate/],
      ['POST', '/config', { hostile: { reloadEveryMs: 'soon' } }, /reloadEveryMs/],
      ['POST', '/simulation/burst', {}, /count/],
      ['POST', '/paths', { frames: 'paused' }, /frames/],
      ['POST', '/show-event', { event: 'fireworks' }, /event/],
      ['GET', '/messages?limit=0', undefined, /limit/],
    ];
    for (const [method, path, body, re] of cases) {
      const r = await call(method, path, body);
      expect(r.status, path).toBe(400);
      expect(r.json).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
      expect(r.json.error.message).toMatch(re);
    }
    expect((await call('POST', '/inject', undefined, '{nope')).json.error.code).toBe('VALIDATION_ERROR');
    const missing = await call('GET', '/nothing');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('NOT_FOUND');
  });

  it('configures, simulates, bursts, goes live and resets', async () => {
    const { call, mod } = await start({ rate: 200 });
    const cfg = await call('POST', '/config', {
      giveawayKeyword: 'pokemon',
      hostName: 'Big Tony',
      viewers: 5,
      hostile: { mountedRows: 80 },
      mix: { join: 0 },
    });
    expect(cfg.json.data).toMatchObject({
      hostName: 'Big Tony',
      viewers: 5,
      hostile: { mountedRows: 80, reloadEveryMs: 0 },
      simulation: { giveawayKeyword: 'pokemon', running: false },
    });
    expect(cfg.json.data.simulation.mix.join).toBe(0);
    await call('POST', '/simulation/start', { rate: 300 });
    await expect.poll(async () => (await call('GET', '/state')).json.data.counts.total).toBeGreaterThan(20);
    const stopped = await call('POST', '/simulation/stop');
    expect(stopped.json.data.simulation.running).toBe(false);
    const n = stopped.json.data.counts.total;
    expect(stopped.json.data.counts.joins).toBe(0);
    const burst = await call('POST', '/simulation/burst', { count: 500 });
    expect(burst.json.data.counts.total).toBe(n + 500);
    const all = (await call('GET', '/messages')).json.data.messages;
    expect(all.some((m: any) => m.category === 'giveaway' && /pokemon/i.test(m.text))).toBe(true);
    expect((await call('POST', '/live/end')).json.data.live).toBe(false);
    expect((await call('POST', '/live/start')).json.data.live).toBe(true);
    const lastSeq = burst.json.data.counts.lastSeq;
    expect((await call('POST', '/reset')).json.data.counts.total).toBe(0);
    expect((await call('GET', '/messages')).json.data.messages).toEqual([]);
    expect((await call('POST', '/inject', { username: 'a', text: 'b' })).json.data.messages[0].seq).toBe(lastSeq + 1);
    expect(mod.controller.simulator.running).toBe(false);
  });

  it('serves the page with the last messages as history, safely embedded', async () => {
    const { t, call } = await start({ historySize: 5 });
    const injected = await call('POST', '/inject', {
      messages: Array.from({ length: 8 }, (_, i) => ({ username: `u${i}`, text: `</script><b>m${i}</b>` })),
    });
    expect(practiceUrl(t.app.baseUrl)).toBe(`${t.app.baseUrl}/practice/`);
    const res = await fetch(practiceUrl(t.app.baseUrl));
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).not.toContain('</script><b>');
    const boot = bootOf(html);
    // History is new_msg payloads, the same the socket sends; ground-truth categories stay on the server.
    expect(boot.history.map((m: any) => m.id)).toEqual(injected.json.data.messages.slice(3).map((m: any) => m.id));
    expect(boot.history[0]).toMatchObject({ user: { username: 'u3' }, message: '</script><b>m3</b>' });
    expect(JSON.stringify(boot)).not.toContain('category');
    expect(html).toContain('data-testid="virtuoso-scroller"');
  });

  it('carries out the host moderator commands like Whatnot: /hide removes the user, no chat line; /announce shows its text', async () => {
    const { t, call } = await start();
    await call('POST', '/inject', {
      messages: [
        { username: 'Troll', text: 'buy followers at spam.example' },
        { username: 'nice', text: 'hi' },
      ],
    });
    expect((await call('POST', '/send', { text: '/hide troll' })).json.data).toMatchObject({ command: 'hide', text: '/hide troll' });
    await call('POST', '/send', { text: '/announce Giveaway at 9pm' });
    const host = (await call('GET', '/host-messages')).json.data.messages;
    expect(host.map((h: any) => [h.text, h.command])).toEqual([
      ['/hide troll', 'hide'],
      ['Giveaway at 9pm', null],
    ]);
    const chat = (await call('GET', '/messages')).json.data.messages;
    expect(chat.map((m: any) => m.text)).not.toContain('/hide troll');
    expect(chat.find((m: any) => m.text === 'Giveaway at 9pm')).toMatchObject({ host: true, variant: 'announcement' });
    const boot = bootOf(await (await fetch(practiceUrl(t.app.baseUrl))).text());
    expect(boot.history.map((m: any) => m.user.username)).toEqual(['nice', 'PracticeHost']);
    // The hidden user's new lines are not sent to pages.
    const c = await PhxClient.open(t.app.baseUrl);
    await c.join(`livestream:${boot.config.livestreamId}`);
    const from = c.frames.length;
    await call('POST', '/inject', {
      messages: [
        { username: 'TROLL', text: 'again' },
        { username: 'nice', text: 'still here' },
      ],
    });
    await c.waitFor((f) => f[4]?.message === 'still here', from);
    expect(c.events('new_msg', from).map((f) => f[4].message)).toEqual(['still here']);
    await c.close();
  });

  it('stop() ends the simulation, the show, hostile timers and open sockets', async () => {
    const { t: app, mod } = await start({
      simulate: true,
      rate: 50,
      showEveryMs: 50,
      hostile: { rerenderEveryMs: 50, detachEveryMs: 50, reloadEveryMs: 100, dropSocketEveryMs: 10_000 },
    });
    const c = await PhxClient.open(app.app.baseUrl);
    await c.join('practice:control');
    await c.join(`livestream:${mod.controller.show.livestreamId}`);
    await c.waitFor((f) => f[3] === 'rerender');
    expect(mod.controller.simulator.running).toBe(true);
    expect(mod.controller.hub.pages).toBe(1);
    await app.stop();
    t = undefined;
    await expect.poll(() => c.closed).toBe(true);
    expect(mod.controller.simulator.running).toBe(false);
    expect(mod.controller.simulator.scheduled).toBe(0);
    expect(mod.controller.hub.pages).toBe(0);
  });
});
