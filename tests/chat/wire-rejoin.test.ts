import { afterEach, describe, expect, it } from 'vitest';
import { LineIngest, type WireLineEvent } from '../../src/main/domains/chat/ingest.js';
import { decodeWhatnotFrame } from '../../src/main/domains/chat/platforms/whatnot/decoder.js';
import { SelfTracker } from '../../src/main/domains/chat/self-tracker.js';
import type { ChatLine } from '../../src/main/domains/chat/types.js';
import { practiceModule } from '../../src/main/domains/practice/domain.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { PhxClient } from '../practice/phx-client.js';

/**
 * The wire reader across a socket drop on the practice stream: a page that rejoins after missing more lines than
 * the recent-chat replay holds must get every missed line as frames. Lines it only fetched over HTTP reach no
 * reader of the socket, and with its rows unreadable (markup "alternate") and the list mounting only its newest
 * rows, they reached no reader at all (the burst e2e test lost lines 4.0 to 9.9 that way on a fast run).
 */
const CHAT = 'livestream:ls-rejoin';
let t: TestApp | undefined;
const clients: PhxClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await t?.stop();
  t = undefined;
});

async function start() {
  let mod!: ReturnType<typeof practiceModule>;
  t = await startTestApp({ modules: (s) => [(mod = practiceModule(s, { livestreamId: 'ls-rejoin', historySize: 5, simulate: false }))] });
  const app = t;
  const inject = async (messages: { username: string; text: string }[]) => {
    const r = await app.call('POST', '/api/v1/practice/inject', { messages }, { key: app.app.sessionToken });
    if (!r.json?.success) throw new Error(JSON.stringify(r.json));
    return r.json.data.messages as { id: string; seq: number; text: string }[];
  };
  // The reader as the app runs it: one ingest for the account, lines stamped before it connected are history.
  const connectedAt = Date.now();
  const ingest = new LineIngest(
    'acc_1',
    'whatnot',
    new SelfTracker(
      () => ['TheHost'],
      () => Date.now(),
    ),
    () => Date.now(),
  );
  const delivered: ChatLine[] = [];
  const read = (c: PhxClient) => {
    for (const raw of c.raw) {
      const d = decodeWhatnotFrame(raw);
      if (!d.ok) continue;
      for (const e of d.events) {
        if (e.type !== 'message') continue;
        const line = ingest.acceptWire(e as WireLineEvent, connectedAt);
        if (line) delivered.push(line);
      }
    }
  };
  return { app, mod, inject, read, delivered };
}

async function page(baseUrl: string, after?: number): Promise<PhxClient> {
  const c = await PhxClient.open(baseUrl);
  clients.push(c);
  const ref = c.nextRef();
  c.send([ref, ref, CHAT, 'phx_join', after === undefined ? {} : { after }]);
  await c.waitFor((f) => f[1] === ref && f[3] === 'phx_reply' && f[4].status === 'ok');
  return c;
}

describe('the wire reader across a rejoin', () => {
  it('gets every line said while the socket was down, more than the recent chat, once each and none as history', async () => {
    const { app, mod, inject, read, delivered } = await start();
    const first = await page(app.app.baseUrl);
    const before = await inject([1, 2, 3].map((i) => ({ username: `early_${i}`, text: `before the drop ${i}` })));
    await first.waitFor((f) => f[3] === 'new_msg' && f[4].id === before[2]!.id);
    // Where the page was: the last line it has.
    const cursor = before[2]!.seq;

    mod.controller.hub.dropAll();
    await expect.poll(() => first.closed).toBe(true);
    // Six times the recent chat the join replays on its own.
    const missed = await inject(Array.from({ length: 30 }, (_, i) => ({ username: `burst_${i}`, text: `said while down ${i}` })));

    const second = await page(app.app.baseUrl, cursor);
    await second.waitFor((f) => f[3] === 'new_msg' && f[4].id === missed[29]!.id);
    read(first);
    read(second);

    const texts = [...before, ...missed].map((m) => m.text);
    expect(delivered.map((l) => l.text)).toEqual(texts);
    expect(delivered.filter((l) => l.history)).toEqual([]);
    // The replay starts after the page's cursor: nothing it had comes again.
    expect(second.events('new_msg').map((f) => f[4].id)).toEqual(missed.map((m) => m.id));
  });

  it('a join without a cursor (a page loading) still replays only the recent chat', async () => {
    const { app, inject } = await start();
    const lines = await inject(Array.from({ length: 12 }, (_, i) => ({ username: `v${i}`, text: `line ${i}` })));
    const c = await page(app.app.baseUrl);
    await c.waitFor((f) => f[3] === 'new_msg' && f[4].id === lines[11]!.id);
    expect(c.events('new_msg').map((f) => f[4].id)).toEqual(lines.slice(-5).map((m) => m.id));
  });

  it('a cursor behind less than the recent chat replays the recent chat (the longer of the two)', async () => {
    const { app, inject } = await start();
    const lines = await inject(Array.from({ length: 12 }, (_, i) => ({ username: `v${i}`, text: `line ${i}` })));
    const c = await page(app.app.baseUrl, lines[9]!.seq);
    await c.waitFor((f) => f[3] === 'new_msg' && f[4].id === lines[11]!.id);
    expect(c.events('new_msg').map((f) => f[4].id)).toEqual(lines.slice(-5).map((m) => m.id));
  });
});
