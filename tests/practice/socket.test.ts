import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { practiceModule } from '../../src/main/domains/practice/domain.js';
import type { PracticeOptionsInput } from '../../src/main/domains/practice/schema.js';
import { WHATNOT_SOCKET_URL, decodeWhatnotFrame } from '../../src/main/domains/chat/platforms/whatnot/decoder.js';
import { PhxClient, type Frame } from './phx-client.js';

// The practice socket speaks Whatnot's Phoenix frames; every frame here is also run through the Whatnot
// wire decoder, so the page's socket and the reader agree on what was said.

let t: TestApp | undefined;
const clients: PhxClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await t?.stop();
  t = undefined;
});

async function start(opts: PracticeOptionsInput = {}) {
  let mod!: ReturnType<typeof practiceModule>;
  t = await startTestApp({ modules: (s) => [(mod = practiceModule(s, { livestreamId: 'ls-test', ...opts }))] });
  const app = t;
  const ctl = async (method: string, path: string, body?: unknown) => {
    const r = await app.call(method, `/api/v1/practice${path}`, body, { key: app.app.sessionToken });
    if (!r.json?.success) throw new Error(`${method} ${path}: ${JSON.stringify(r.json)}`);
    return r.json.data;
  };
  return { t: app, mod, ctl };
}

async function client(baseUrl: string): Promise<PhxClient> {
  const c = await PhxClient.open(baseUrl);
  clients.push(c);
  return c;
}

const CHAT = 'livestream:ls-test';
const decode = (f: Frame) => decodeWhatnotFrame(JSON.stringify(f));
const decodedEvents = (frames: Frame[]) =>
  frames.flatMap((f) => {
    const d = decode(f);
    return d.ok ? d.events : [];
  });

describe('practice socket (Phoenix frames)', () => {
  it('answers a join with phx_reply, replays the recent chat and pushes new lines as new_msg the decoder reads', async () => {
    const { t, ctl } = await start({ historySize: 2 });
    const early = (
      await ctl('POST', '/inject', {
        messages: [
          { username: 'a', text: 'one' },
          { username: 'b', text: 'two' },
          { username: 'c', text: 'three' },
        ],
      })
    ).messages;
    const c = await client(t.app.baseUrl);
    expect(WHATNOT_SOCKET_URL.test(c.ws.url)).toBe(true);
    const reply = await c.join(CHAT);
    expect(reply).toEqual([
      '1',
      '1',
      CHAT,
      'phx_reply',
      { status: 'ok', response: { livestream: expect.objectContaining({ id: 'ls-test', status: 'PLAYING', activeViewers: 128 }) } },
    ]);
    // The join replays the last historySize lines, as channels do on (re)join.
    const replay = await c.waitFor((f) => f[3] === 'new_msg' && f[4].id === early[2].id);
    expect(c.events('new_msg').map((f) => f[4].id)).toEqual([early[1].id, early[2].id]);
    expect(replay[0]).toBe('1');

    const from = c.frames.length;
    const [m, j] = (
      await ctl('POST', '/inject', {
        messages: [
          { username: 'Zoë Cards', text: 'shipping? 📦' },
          { username: 'newcomer', text: 'joined', kind: 'join' },
        ],
      })
    ).messages;
    const frame = await c.waitFor((f) => f[3] === 'new_msg' && f[4].id === m.id, from);
    expect(frame.slice(0, 4)).toEqual([null, null, CHAT, 'new_msg']);
    expect(frame[4]).toMatchObject({
      id: m.id,
      user: { id: expect.stringMatching(/^\d+$/), username: 'Zoë Cards' },
      message: 'shipping? 📦',
      timestamp: m.ts,
      livestreamId: 'ls-test',
    });
    const joinFrame = await c.waitFor((f) => f[3] === 'new_msg' && f[4].id === j.id, from);
    expect(joinFrame[4].message).toBe('joined 👋');
    expect(decodedEvents([frame, joinFrame])).toEqual([
      { type: 'message', id: m.id, userId: frame[4].user.id, username: 'Zoë Cards', text: 'shipping? 📦', at: m.ts },
      { type: 'join', id: j.id, userId: joinFrame[4].user.id, username: 'newcomer', at: j.ts },
    ]);
    // The same viewer keeps one user id.
    await ctl('POST', '/inject', { username: 'Zoë Cards', text: 'again' });
    const again = await c.waitFor((f) => f[4]?.message === 'again', from);
    expect(again[4].user.id).toBe(frame[4].user.id);
  });

  it('replies to heartbeats on topic phoenix and refuses unknown topics', async () => {
    const { t } = await start();
    const c = await client(t.app.baseUrl);
    c.send([null, '7', 'phoenix', 'heartbeat', {}]);
    expect(await c.waitFor((f) => f[1] === '7')).toEqual([null, '7', 'phoenix', 'phx_reply', { status: 'ok', response: {} }]);
    expect((await c.join('livestream:someone-else'))[4]).toEqual({ status: 'error', response: { reason: 'unmatched topic' } });
    const ref = c.push(CHAT, '99', 'new_msg', { message: 'not joined' });
    expect((await c.waitFor((f) => f[1] === ref))[4].status).toBe('error');
    c.ws.send('not json');
    c.send([null, '8', 'phoenix', 'heartbeat', {}]);
    await c.waitFor((f) => f[1] === '8');
  });

  it("posts the host's message pushed on the chat channel and echoes it to every page as new_msg from the host", async () => {
    const { t, ctl } = await start({ hostName: 'Big Tony' });
    const page = await client(t.app.baseUrl);
    const other = await client(t.app.baseUrl);
    const joinRef = (await page.join(CHAT))[0]!;
    await other.join(CHAT);
    const ref = page.push(CHAT, joinRef, 'new_msg', { message: '  Welcome in!  ' });
    const ack = await page.waitFor((f) => f[1] === ref);
    expect(ack[4]).toMatchObject({ status: 'ok', response: { id: expect.any(String), command: null } });
    for (const c of [page, other]) {
      const echo = await c.waitFor((f) => f[3] === 'new_msg' && f[4].id === ack[4].response.id);
      expect(echo[4]).toMatchObject({ message: 'Welcome in!', user: { username: 'Big Tony', isHost: true } });
    }
    const host = (await ctl('GET', '/host-messages')).messages;
    expect(host.map((h: { id: string; text: string }) => [h.id, h.text])).toEqual([[ack[4].response.id, 'Welcome in!']]);
    // /announce posts an announcement; too long is refused in the reply.
    const a = page.push(CHAT, joinRef, 'new_msg', { message: '/announce Giveaway at 9' });
    await page.waitFor((f) => f[1] === a);
    const ann = await page.waitFor((f) => f[3] === 'new_msg' && f[4].message === 'Giveaway at 9');
    expect(decodedEvents([ann])[0]).toMatchObject({ type: 'message', variant: 'announcement', username: 'Big Tony' });
    const long = page.push(CHAT, joinRef, 'new_msg', { message: 'x'.repeat(501) });
    expect((await page.waitFor((f) => f[1] === long))[4]).toEqual({ status: 'error', response: { reason: 'message longer than 500 characters' } });
  });

  it('drops sockets on request; a rejoin replays the recent chat again, so a reader must dedupe by id', async () => {
    const { t, ctl } = await start({ historySize: 10 });
    const first = await client(t.app.baseUrl);
    await first.join(CHAT);
    const sent = (
      await ctl('POST', '/inject', {
        messages: [
          { username: 'a', text: '1' },
          { username: 'b', text: '2' },
        ],
      })
    ).messages.map((m: { id: string }) => m.id);
    await first.waitFor((f) => f[4]?.id === sent[1]);
    expect((await ctl('POST', '/socket/drop')).dropped).toBe(1);
    await expect.poll(() => first.closed).toBe(true);
    // Said while the page was away.
    const missed = (await ctl('POST', '/inject', { username: 'c', text: '3' })).messages[0].id;
    const again = await client(t.app.baseUrl);
    await again.join(CHAT);
    await again.waitFor((f) => f[4]?.id === missed);
    const replayed = again.events('new_msg').map((f) => f[4].id);
    expect(replayed).toEqual([...sent, missed]);
    expect((await ctl('GET', '/state')).socketDrops).toBe(1);
  });

  it('stopped frames keep chat off the socket (the fallback feed has it) while joins, heartbeats and control go on', async () => {
    const { t, ctl } = await start();
    const c = await client(t.app.baseUrl);
    await c.join(CHAT);
    await c.join('practice:control');
    const cursor = (await ctl('GET', '/state')).counts.lastSeq;
    await ctl('POST', '/paths', { frames: 'stopped' });
    const paths = await c.waitFor((f) => f[3] === 'paths');
    expect(paths[4]).toEqual({ action: 'paths', frames: 'stopped', markup: 'whatnot' });
    const hidden = (await ctl('POST', '/inject', { username: 'quiet', text: 'only in the DOM' })).messages[0];
    await ctl('POST', '/show-event', { event: 'tip' });
    c.send([null, 'hb', 'phoenix', 'heartbeat', {}]);
    await c.waitFor((f) => f[1] === 'hb');
    const feed = await (await fetch(`${t.app.baseUrl}/practice/feed?after=${cursor}`)).json();
    expect(feed.msgs.map((m: { id: string }) => m.id)).toEqual([hidden.id]);
    expect(feed).toMatchObject({ cursor: cursor + 1, more: false });
    expect(feed.msgs[0]).toMatchObject({ message: 'only in the DOM', user: { username: 'quiet' } });

    await ctl('POST', '/paths', { frames: 'flowing' });
    const back = (await ctl('POST', '/inject', { username: 'loud', text: 'on the wire again' })).messages[0];
    await c.waitFor((f) => f[4]?.id === back.id);
    // One socket delivers in order: had the stopped line or the tip been sent, they would be here by now.
    expect(c.frames.some((f) => f[4]?.id === hidden.id || f[3] === 'tip_sent')).toBe(false);
  });

  it('sends show events the Whatnot decoder reads: viewers, live state, tips, raids, a giveaway and an auction', async () => {
    const { t, ctl } = await start();
    const c = await client(t.app.baseUrl);
    await c.join(CHAT);
    const commerceJoin = await c.join('commerce:ls-test');
    expect(commerceJoin[4].status).toBe('ok');
    await c.waitFor((f) => f[3] === 'user_joined');
    await ctl('POST', '/config', { viewers: 321 });
    await ctl('POST', '/live/end');
    for (const event of ['tip', 'raid', 'giveaway']) await ctl('POST', '/show-event', { event });
    await ctl('POST', '/inject', {
      messages: [
        { username: 'Lucky One', text: 'enter' },
        { username: 'decoy', text: 'center' },
      ],
    });
    for (const event of ['giveaway', 'giveaway', 'auction', 'auction', 'auction', 'auction', 'auction']) await ctl('POST', '/show-event', { event });
    await c.waitFor((f) => f[3] === 'auction_ended');
    const unknown = c.frames.filter((f) => f[3] !== 'phx_reply' && !decode(f).ok);
    expect(unknown.map((f) => [f[3], decode(f)])).toEqual([]);
    const ev = decodedEvents(c.frames);
    expect(ev).toContainEqual({ type: 'viewers', count: 321, at: null });
    expect(ev).toContainEqual(expect.objectContaining({ type: 'stream', status: 'ENDED' }));
    expect(ev).toContainEqual(expect.objectContaining({ type: 'tip', amount: expect.any(Number), currency: 'USD' }));
    expect(ev).toContainEqual(expect.objectContaining({ type: 'raid', direction: 'incoming', viewers: expect.any(Number) }));
    const giveaway = ev.filter((e) => e.type === 'giveaway');
    expect(giveaway.map((g) => (g.type === 'giveaway' ? [g.phase, g.entryCount] : []))).toEqual([
      ['started', 0],
      ['entries', 1],
      ['won', 1],
    ]);
    expect(giveaway[2]).toMatchObject({ winner: 'Lucky One' });
    const products = ev.filter((e) => e.type === 'product');
    expect(products.map((p) => (p.type === 'product' ? p.action : ''))).toEqual(['created', 'updated', 'updated', 'updated', 'updated', 'sold']);
    const bidder = products[4]!.type === 'product' ? products[4]!.bidder : null;
    expect(products[5]).toMatchObject({ action: 'sold', buyer: bidder, currency: 'USD', price: expect.any(Number) });
  });

  it('refuses upgrades from another origin and on other paths', async () => {
    const { t } = await start();
    await expect(PhxClient.open(t.app.baseUrl, { origin: 'https://evil.example' })).rejects.toThrow(/403/);
    const WebSocket = (await import('ws')).default;
    const other = new WebSocket(`${t.app.baseUrl.replace('http', 'ws')}/api/v1/events`);
    const status = await new Promise<number>((resolve) => other.once('unexpected-response', (_q, res) => resolve(res.statusCode!)));
    expect(status).toBe(404);
  });
});
