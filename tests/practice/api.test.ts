import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { practiceModule, practiceUrl } from '../../src/main/domains/practice/module.js';
import type { PracticeOptionsInput } from '../../src/main/domains/practice/schema.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function start(opts: PracticeOptionsInput = {}) {
  let mod: ReturnType<typeof practiceModule> | undefined;
  t = await startTestApp({ modules: (s) => [(mod = practiceModule(s, opts))] });
  return { t, mod: mod! };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads SSE frames from /practice/events until `until` says stop. */
async function readEvents(url: string, until: (events: any[]) => boolean): Promise<any[]> {
  const ac = new AbortController();
  const res = await fetch(url, { signal: ac.signal });
  const reader = res.body!.getReader();
  const events: any[] = [];
  let buf = '';
  const dec = new TextDecoder();
  while (!until(events)) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += dec.decode(value, { stream: true });
    let i;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const frame = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const data = frame.split('\n').find((l) => l.startsWith('data: '));
      if (data) events.push(JSON.parse(data.slice(6)));
    }
  }
  ac.abort();
  return events;
}

describe('practice control API', () => {
  it('injects one or many messages with stable ids and server timestamps', async () => {
    const { t } = await start();
    const one = await t.call('POST', '/practice/api/inject', { username: 'Mary Jo', text: 'shipping?' });
    expect(one.status).toBe(201);
    const [m] = one.json.data.messages;
    expect(m).toMatchObject({ username: 'Mary Jo', text: 'shipping?', kind: 'message' });
    expect(typeof m.id).toBe('string');
    expect(Math.abs(m.ts - Date.now())).toBeLessThan(5000);
    const many = await t.call('POST', '/practice/api/inject', {
      messages: [{ username: '山田太郎', text: 'enter' }, { username: 'Zoë', text: 'joined', kind: 'join' }],
    });
    expect(many.json.data.messages.map((x: any) => x.kind)).toEqual(['message', 'join']);
    const ids = [m.id, ...many.json.data.messages.map((x: any) => x.id)];
    expect(new Set(ids).size).toBe(3);
    const list = await t.call('GET', '/practice/api/messages');
    expect(list.json.data.messages.map((x: any) => x.id)).toEqual(ids);
    expect(list.json.data.messages.every((x: any) => x.category === 'injected' && x.host === false)).toBe(true);
    const after = await t.call('GET', `/practice/api/messages?afterSeq=${m.seq}&limit=1`);
    expect(after.json.data.messages.map((x: any) => x.id)).toEqual([ids[2]]);
  });

  it('rejects bad input with the error envelope', async () => {
    const { t } = await start();
    const cases: [string, string, unknown, RegExp][] = [
      ['POST', '/practice/api/inject', { username: 'a' }, /text/],
      ['POST', '/practice/api/inject', { username: 'a', text: 'b', extra: 1 }, /extra/],
      ['POST', '/practice/api/inject', { messages: [] }, /messages/],
      ['POST', '/practice/api/send', { text: 'x'.repeat(501) }, /text/],
      ['POST', '/practice/api/send', { text: '   ' }, /text/],
      ['POST', '/practice/api/config', { rate: -1 }, /rate/],
      ['POST', '/practice/api/config', { hostile: { reloadEveryMs: 'soon' } }, /reloadEveryMs/],
      ['POST', '/practice/api/simulation/burst', {}, /count/],
      ['GET', '/practice/api/messages?limit=0', undefined, /limit/],
    ];
    for (const [method, path, body, re] of cases) {
      const r = await t.call(method, path, body);
      expect(r.status, path).toBe(400);
      expect(r.json.success).toBe(false);
      expect(r.json.error.code).toBe('VALIDATION_ERROR');
      expect(r.json.error.message).toMatch(re);
    }
    const malformed = await t.call('POST', '/practice/api/inject', undefined, { raw: '{nope' });
    expect(malformed.json.error.code).toBe('VALIDATION_ERROR');
    const missing = await t.call('GET', '/practice/api/nothing');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('NOT_FOUND');
  });

  it('configures, simulates, bursts, goes live and resets', async () => {
    const { t, mod } = await start({ rate: 200 });
    const cfg = await t.call('POST', '/practice/api/config', { giveawayKeyword: 'pokemon', hostName: 'Big Tony', viewers: 5, hostile: { virtualizeAfter: 80 }, mix: { join: 0 } });
    expect(cfg.json.data).toMatchObject({ hostName: 'Big Tony', viewers: 5, hostile: { virtualizeAfter: 80, reloadEveryMs: 0 }, simulation: { giveawayKeyword: 'pokemon', running: false } });
    expect(cfg.json.data.simulation.mix.join).toBe(0);
    await t.call('POST', '/practice/api/simulation/start', { rate: 300 });
    await sleep(300);
    const running = await t.call('POST', '/practice/api/simulation/stop');
    expect(running.json.data.simulation.running).toBe(false);
    const n = running.json.data.counts.total;
    expect(n).toBeGreaterThan(20);
    expect(running.json.data.counts.joins).toBe(0);
    await sleep(100);
    expect((await t.call('GET', '/practice/api/state')).json.data.counts.total).toBe(n);
    const burst = await t.call('POST', '/practice/api/simulation/burst', { count: 500 });
    expect(burst.json.data.counts.total).toBe(n + 500);
    const all = (await t.call('GET', '/practice/api/messages')).json.data.messages;
    expect(all.some((m: any) => m.category === 'giveaway' && /pokemon/i.test(m.text))).toBe(true);

    expect((await t.call('POST', '/practice/api/live/end')).json.data.live).toBe(false);
    expect((await t.call('POST', '/practice/api/live/start')).json.data.live).toBe(true);

    const lastSeq = burst.json.data.counts.lastSeq;
    const reset = await t.call('POST', '/practice/api/reset');
    expect(reset.json.data.counts.total).toBe(0);
    expect((await t.call('GET', '/practice/api/messages')).json.data.messages).toEqual([]);
    const fresh = await t.call('POST', '/practice/api/inject', { username: 'a', text: 'b' });
    expect(fresh.json.data.messages[0].seq).toBe(lastSeq + 1);
    expect(mod.controller.simulator.running).toBe(false);
  });

  it('serves the page with the last messages as history, safely embedded', async () => {
    const { t } = await start({ historySize: 5 });
    const injected = await t.call('POST', '/practice/api/inject', {
      messages: Array.from({ length: 8 }, (_, i) => ({ username: `u${i}`, text: `</script><b>m${i}</b>` })),
    });
    expect(practiceUrl(t.app.baseUrl)).toBe(`${t.app.baseUrl}/practice/`);
    const res = await fetch(practiceUrl(t.app.baseUrl));
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).not.toContain('</script><b>');
    const boot = JSON.parse(/<script type="application\/json" id="practice-boot">(.*?)<\/script>/s.exec(html)![1]!);
    expect(boot.history.map((m: any) => m.id)).toEqual(injected.json.data.messages.slice(3).map((m: any) => m.id));
    expect(boot.history[0]).not.toHaveProperty('category');
    expect(html).toContain('data-testid="current-user"');
    for (const asset of ['app.js', 'app.css']) expect((await fetch(`${t.app.baseUrl}/practice/${asset}`)).status).toBe(200);
  });

  it('carries out the host moderator commands like Whatnot: /hide removes the user, no chat line; /announce shows its text', async () => {
    const { t } = await start();
    await t.call('POST', '/practice/api/inject', { messages: [{ username: 'Troll', text: 'buy followers at spam.example' }, { username: 'nice', text: 'hi' }] });
    const hide = await t.call('POST', '/practice/api/send', { text: '/hide troll' });
    expect(hide.json.data).toMatchObject({ command: 'hide', text: '/hide troll' });
    await t.call('POST', '/practice/api/send', { text: '/announce Giveaway at 9pm' });
    const host = (await t.call('GET', '/practice/api/host-messages')).json.data.messages;
    expect(host.map((h: any) => [h.text, h.command])).toEqual([['/hide troll', 'hide'], ['Giveaway at 9pm', null]]);
    // No chat row for the command; the announcement is an ordinary host line.
    const chat = (await t.call('GET', '/practice/api/messages')).json.data.messages.map((m: any) => m.text);
    expect(chat).not.toContain('/hide troll');
    expect(chat).toContain('Giveaway at 9pm');
    // A page loaded now no longer shows the hidden user, and their new lines are not pushed.
    const html = await (await fetch(practiceUrl(t.app.baseUrl))).text();
    const boot = JSON.parse(/<script type="application\/json" id="practice-boot">(.*?)<\/script>/s.exec(html)![1]!);
    expect(boot.history.map((m: any) => m.username)).toEqual(['nice', 'PracticeHost']);
    const pending = readEvents(`${t.app.baseUrl}/practice/events`, (ev) => ev.some((e) => e.t === 'msgs'));
    await sleep(100);
    await t.call('POST', '/practice/api/inject', { messages: [{ username: 'TROLL', text: 'again' }, { username: 'nice', text: 'still here' }] });
    const pushed = (await pending).filter((e) => e.t === 'msgs').flatMap((e) => e.msgs.map((m: any) => m.text));
    expect(pushed).toEqual(['still here']);
  });

  it('pushes new lines over SSE and replays what a reconnecting page missed', async () => {
    const { t } = await start();
    const first = await t.call('POST', '/practice/api/inject', { messages: [{ username: 'a', text: '1' }, { username: 'b', text: '2' }] });
    const seq1 = first.json.data.messages[0].seq;
    const url = `${t.app.baseUrl}/practice/events?after=${seq1}`;
    const pending = readEvents(url, (ev) => ev.filter((e) => e.t === 'msgs').length >= 2);
    await sleep(100);
    await t.call('POST', '/practice/api/inject', { username: 'c', text: '3' });
    const events = await pending;
    expect(events[0]).toMatchObject({ t: 'state', state: { live: true, hostName: 'PracticeHost' } });
    const msgs = events.filter((e) => e.t === 'msgs').flatMap((e) => e.msgs.map((m: any) => m.text));
    expect(msgs).toEqual(['2', '3']);
  });

  it('stop() ends the simulation, hostile timers and open page streams', async () => {
    const { t: app, mod } = await start({ simulate: true, rate: 50, hostile: { rerenderEveryMs: 50, detachEveryMs: 50, reloadEveryMs: 100 } });
    const events = readEvents(`${app.app.baseUrl}/practice/events`, () => false);
    await sleep(150);
    expect(mod.controller.simulator.running).toBe(true);
    expect((await app.call('GET', '/practice/api/state')).json.data.pages).toBe(1);
    await app.stop();
    t = undefined;
    const got = await events;
    expect(got.some((e) => e.t === 'rerender')).toBe(true);
    expect(mod.controller.simulator.running).toBe(false);
    expect(mod.controller.stream.pages).toBe(0);
    const n = mod.controller.simulator.generatedCount;
    await sleep(100);
    expect(mod.controller.simulator.generatedCount).toBe(n);
  });
});
