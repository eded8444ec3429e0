import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { practiceModule } from '../../src/main/domains/practice/domain.js';

// The page's feed (/practice/feed, /practice/feed/stream): what its socket missed, and all chat while frames are
// stopped. Every line after the page's cursor, once, in order, however far behind the page is.

let t: TestApp | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function start() {
  let mod!: ReturnType<typeof practiceModule>;
  t = await startTestApp({ modules: (s) => [(mod = practiceModule(s, { livestreamId: 'ls-feed', historySize: 0 }))] });
  return { base: t.app.baseUrl, stream: mod.controller.stream };
}
const lines = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({
    kind: 'message' as const,
    username: `v${from + i}`,
    text: `line ${from + i}`,
    category: 'injected' as const,
  }));
const texts = (f: { msgs: { message: string }[] }) => f.msgs.map((m) => m.message);

interface FeedEvent {
  cursor: number;
  more: boolean;
  msgs: { message: string }[];
}

/** Reads Server-Sent Events' data lines as JSON until `done` says enough. */
async function readStream(url: string, done: (events: FeedEvent[]) => boolean, onOpen?: () => void): Promise<FeedEvent[]> {
  const ctrl = new AbortController();
  const res = await fetch(url, { signal: ctrl.signal });
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  const events: FeedEvent[] = [];
  let buf = '';
  onOpen?.();
  try {
    while (!done(events)) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      buf += new TextDecoder().decode(value);
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (data) events.push(JSON.parse(data.slice(6)) as FeedEvent);
      }
    }
  } finally {
    ctrl.abort();
  }
  return events;
}

describe('practice feed', () => {
  it('pages a page far behind: every line after its cursor once, in order, with a cursor to go on from', async () => {
    const { base, stream } = await start();
    stream.append(lines(1200));
    stream.postHost('/hide v5');
    let cursor = 3;
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      const f = await (await fetch(`${base}/practice/feed?after=${cursor}`)).json();
      seen.push(...texts(f));
      expect(f.cursor).toBeGreaterThan(cursor);
      cursor = f.cursor;
      if (!f.more) break;
    }
    // Lines 0-2 were before the cursor; the hidden viewer's line is not shown.
    expect(seen).toEqual(Array.from({ length: 1197 }, (_, i) => `line ${i + 3}`).filter((x) => x !== 'line 5'));
    expect(cursor).toBe(stream.lastSeq);
    const empty = await (await fetch(`${base}/practice/feed?after=${cursor}`)).json();
    expect(empty).toMatchObject({ cursor, more: false, msgs: [], live: true });
  });

  it('streams what came after the cursor, then each line as it is appended', async () => {
    const { base, stream } = await start();
    stream.append(lines(3));
    const events = await readStream(
      `${base}/practice/feed/stream?after=1`,
      (ev) => ev.flatMap(texts).length >= 5,
      () => setTimeout(() => stream.append(lines(3, 3)), 50),
    );
    expect(events.flatMap(texts)).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
    expect(events.at(-1)!.cursor).toBe(stream.lastSeq);
  });
});
