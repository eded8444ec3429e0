import { describe, expect, it } from 'vitest';
import { LineIngest, type WireLineEvent } from '../../src/main/domains/chat/ingest.js';
import { BoundedSet, KEEP_LINES, LineMerge, type Sighting } from '../../src/main/domains/chat/merge.js';
import type { PageRow } from '../../src/main/domains/chat/page-script.js';
import { SelfTracker } from '../../src/main/domains/chat/self-tracker.js';
import type { ChatLine } from '../../src/main/domains/chat/types.js';

/**
 * The one merge of the two chat readers, on synthetic inputs: wire events as the decoders emit them
 * (wire/types.ts) and DOM rows as the page script pushes them (page-script.ts). Names and texts are invented.
 */
function setup(host: string | null = 'TheHost') {
  let now = 1_700_000_000_000;
  const self = new SelfTracker(
    () => [host],
    () => now,
  );
  const ingest = new LineIngest('acc_1', 'whatnot', self, () => now);
  const lines: ChatLine[] = [];
  const attachedAt = now;
  let doc = 'd1';
  const api = {
    self,
    ingest,
    lines,
    now: () => now,
    advance: (ms: number) => (now += ms),
    newDoc: (d: string) => (doc = d),
    /** A wire message, stamped now unless told (a replay carries an older stamp). */
    wire(id: string | null, username: string, text: string, opts: { at?: number; attachedAt?: number } = {}) {
      const e: WireLineEvent = { type: 'message', id, userId: null, username, text, at: opts.at ?? now };
      const l = ingest.acceptWire(e, opts.attachedAt ?? attachedAt);
      if (l) lines.push(l);
      return l;
    },
    wireJoin(username: string) {
      const l = ingest.acceptWire({ type: 'join', userId: 'u1', username, at: now }, attachedAt);
      if (l) lines.push(l);
      return l;
    },
    /** DOM rows: key `id:<x>` when the site renders its id, else the page script's own `k:` key. */
    dom(rows: Partial<PageRow>[], attached = false) {
      const out = ingest.acceptPage({
        doc,
        ...(attached ? { attached: { container: '[data-testid="virtuoso-item-list"]' } } : {}),
        rows: rows.map((r) => ({ key: 'k:d1:0', kind: 'message', username: 'x', text: 'x', ts: null, initial: false, ...r })),
      });
      lines.push(...out);
      return out;
    },
  };
  return api;
}

describe('one line whichever path sees it first', () => {
  it('wire first, then the DOM row with the same platform id', () => {
    const m = setup();
    expect(m.wire('m1', 'ann', 'hello')).toMatchObject({ rowKey: 'id:m1', history: false, kind: 'message' });
    expect(m.dom([{ key: 'id:m1', username: 'ann', text: 'hello' }])).toEqual([]);
    expect(m.lines).toHaveLength(1);
    expect(m.ingest.duplicatesDropped).toBe(1);
  });

  it('DOM first, then the wire frame with the same id', () => {
    const m = setup();
    expect(m.dom([{ key: 'id:m1', username: 'ann', text: 'hello' }])).toHaveLength(1);
    expect(m.wire('m1', 'ann', 'hello')).toBeNull();
    expect(m.lines.map((l) => l.rowKey)).toEqual(['id:m1']);
  });

  it('a DOM row without an id (Whatnot) matches the frame by who said what, either order', () => {
    const m = setup();
    m.wire('m1', 'Ann', 'is  this graded?');
    m.advance(300);
    // The DOM spaces and cases the name its own way; the rule of src/shared/usernames.ts applies.
    expect(m.dom([{ key: 'k:d1:1', username: '@ann', text: 'is this graded?' }])).toEqual([]);
    expect(m.dom([{ key: 'k:d1:2', username: 'bob', text: 'next!' }])).toHaveLength(1);
    m.advance(200);
    expect(m.wire('m2', 'bob', 'next!')).toBeNull();
    // The id learnt from the wire keeps a later replay of m2 out too.
    expect(m.wire('m2', 'bob', 'next!')).toBeNull();
    expect(m.lines.map((l) => l.rowKey)).toEqual(['id:m1', 'k:d1:2']);
  });

  it('the same DOM row re-rendered (same page-script key) stays one line after the wire matched it', () => {
    const m = setup();
    m.wire('m1', 'ann', 'hi');
    m.dom([{ key: 'k:d1:1', username: 'ann', text: 'hi' }]);
    m.advance(60_000);
    expect(m.dom([{ key: 'k:d1:1', username: 'ann', text: 'hi' }])).toEqual([]);
    expect(m.lines).toHaveLength(1);
  });
});

describe('repeats are counted, not collapsed', () => {
  it('two identical lines from one user on the wire are two lines, and two DOM rows match two frames', () => {
    const m = setup();
    m.wire('m1', 'ann', 'enter');
    m.wire('m2', 'ann', 'enter');
    m.advance(100);
    expect(m.dom([{ key: 'k:d1:1', username: 'ann', text: 'enter' }])).toEqual([]);
    expect(m.dom([{ key: 'k:d1:2', username: 'ann', text: 'enter' }])).toEqual([]);
    // A third row is a third line (the wire has not carried it yet) and the frame that follows matches it.
    expect(m.dom([{ key: 'k:d1:3', username: 'ann', text: 'enter' }])).toHaveLength(1);
    expect(m.wire('m3', 'ann', 'enter')).toBeNull();
    expect(m.lines.map((l) => l.rowKey)).toEqual(['id:m1', 'id:m2', 'k:d1:3']);
  });

  it('two DOM rows first, then two frames: still two lines', () => {
    const m = setup();
    m.dom([
      { key: 'k:d1:1', username: 'ann', text: 'enter' },
      { key: 'k:d1:2', username: 'ann', text: 'enter' },
    ]);
    expect(m.wire('m1', 'ann', 'enter')).toBeNull();
    expect(m.wire('m2', 'ann', 'enter')).toBeNull();
    expect(m.lines).toHaveLength(2);
  });

  it('two different platform ids are two lines even when one path has both (never matched by content)', () => {
    const m = setup();
    m.dom([{ key: 'id:m1', username: 'ann', text: 'enter' }]);
    expect(m.wire('m2', 'ann', 'enter')).not.toBeNull();
    expect(m.wire('m1', 'ann', 'enter')).toBeNull();
    expect(m.dom([{ key: 'id:m2', username: 'ann', text: 'enter' }])).toEqual([]);
    expect(m.lines).toHaveLength(2);
  });

  it("a match by id uses up the first path's entry, so a later row of the same words is new", () => {
    const m = setup();
    m.wire('m1', 'ann', 'enter');
    m.wire('m1', 'ann', 'enter'); // the same frame twice (a second socket): no second entry
    m.dom([{ key: 'id:m1', username: 'ann', text: 'enter' }]);
    expect(m.dom([{ key: 'k:d1:9', username: 'ann', text: 'enter' }])).toHaveLength(1);
  });

  it('after the window, the same words are a new line (a lagging path cannot hold a match forever)', () => {
    const m = setup();
    m.wire('m1', 'ann', 'enter');
    m.advance(59_000);
    expect(m.dom([{ key: 'k:d1:0', username: 'ann', text: 'enter' }])).toEqual([]);
    m.wire('m2', 'ann', 'enter');
    m.advance(60_001);
    expect(m.dom([{ key: 'k:d1:1', username: 'ann', text: 'enter' }])).toHaveLength(1);
  });
});

describe('joins', () => {
  it('one arrival per viewer within the window, from either path; a later one is new', () => {
    const m = setup();
    expect(m.wireJoin('newbie')).toMatchObject({ kind: 'join', username: 'newbie', text: 'joined' });
    expect(m.wireJoin('NEWBIE')).toBeNull(); // presence and the "joined" chat frame
    expect(m.dom([{ key: 'k:d1:1', kind: 'join', username: 'newbie', text: 'joined' }])).toEqual([]);
    m.advance(61_000);
    expect(m.dom([{ key: 'k:d1:2', kind: 'join', username: 'newbie', text: 'joined' }])).toHaveLength(1);
    expect(m.lines).toHaveLength(2);
  });
});

describe('history and replays', () => {
  it('a replay after a reconnect triggers nothing: seen ids are dropped, unseen older ones are history', () => {
    const m = setup();
    m.wire('m1', 'ann', 'before the drop');
    m.advance(30_000);
    const reconnectedAt = m.now();
    const stamp = reconnectedAt - 20_000;
    expect(m.wire('m1', 'ann', 'before the drop', { at: stamp, attachedAt: reconnectedAt })).toBeNull();
    // Said while the socket was down: shown, never a trigger.
    expect(m.wire('m0', 'cat', 'during the gap', { at: reconnectedAt - 5000, attachedAt: reconnectedAt })).toMatchObject({ history: true });
    // Live frames on the new socket are not history (a stamp within clock jitter of the attach counts as live).
    expect(m.wire('m2', 'dan', 'live again', { at: reconnectedAt - 1000, attachedAt: reconnectedAt })).toMatchObject({ history: false });
  });

  it('rows restored by a reload (no id) whose words the wire delivered long ago are not delivered again', () => {
    const m = setup();
    m.wire('m1', 'ann', 'hello');
    m.advance(120_000);
    m.newDoc('d2');
    expect(m.dom([{ key: 'k:d2:1', username: 'ann', text: 'hello', initial: true }])).toEqual([]);
    // A live repeat of the same words after the reload is a new line.
    expect(m.dom([{ key: 'k:d2:2', username: 'ann', text: 'hello' }])).toHaveLength(1);
  });

  it('rows on screen when the list re-attaches (markup swapped back) are matched against all delivered words', () => {
    const m = setup();
    m.wire('m1', 'ann', 'said a minute ago');
    m.advance(60_000);
    const rows = m.dom(
      [
        { key: 'k:d1:7', username: 'ann', text: 'said a minute ago' },
        { key: 'k:d1:8', username: 'bob', text: 'only the page showed this' },
      ],
      true,
    );
    expect(rows.map((l) => [l.text, l.history])).toEqual([['only the page showed this', false]]);
  });

  it('history shown by the DOM at attach and replayed by the socket is delivered once, as history', () => {
    const m = setup();
    m.dom([{ key: 'k:d1:1', username: 'ann', text: 'old line', initial: true }]);
    expect(m.wire('m1', 'ann', 'old line', { at: m.now() - 60_000 })).toBeNull();
    expect(m.lines).toEqual([expect.objectContaining({ history: true, rowKey: 'k:d1:1' })]);
  });
});

describe('own lines', () => {
  it('a wire frame confirms the echo of a send, and the DOM row after it is neither new nor a second echo', async () => {
    const m = setup('TheHost');
    const echo = m.self.expect('Welcome to the stream!');
    const later = m.self.expect('Welcome to the stream!');
    expect(m.wire('m1', 'TheHost', 'Welcome to the stream!')).toMatchObject({ self: true, manual: false });
    await expect(echo.wait(100)).resolves.toBe(true);
    m.dom([{ key: 'k:d1:1', username: 'TheHost', text: 'Welcome to the stream!' }]);
    // The second identical send is still waiting for its own echo.
    expect(later.seen()).toBe(false);
  });

  it('the DOM row confirms it when the DOM is first; the frame after it changes nothing', async () => {
    const m = setup('TheHost');
    const echo = m.self.expect('Shipping is $5');
    m.dom([{ key: 'k:d1:1', username: 'TheHost', text: 'Shipping is $5' }]);
    await expect(echo.wait(100)).resolves.toBe(true);
    expect(m.wire('m1', 'TheHost', 'Shipping is $5')).toBeNull();
  });
});

describe('memory', () => {
  it('lines waiting for the other path are bounded and forgotten after the window', () => {
    const merge = new LineMerge({ windowMs: 5000, maxPending: 1000 });
    const s = (i: number): Sighting => ({ path: 'wire', kind: 'message', id: `m${i}`, rowKey: null, username: `u${i}`, text: 'hi', history: false });
    let now = 0;
    for (let i = 0; i < 5000; i++) merge.accept(s(i), now);
    expect(merge.pendingSize).toBe(1000);
    now += 6000;
    merge.accept(s(99_999), now);
    expect(merge.pendingSize).toBe(1);
  });

  it('a bounded set forgets its oldest entries first, and re-adding a kept one does not make room', () => {
    const set = new BoundedSet<string>(3);
    for (const k of ['a', 'b', 'c', 'a', 'd']) set.add(k);
    expect(['a', 'b', 'c', 'd'].map((k) => set.has(k))).toEqual([false, true, true, true]);
    expect(set.size).toBe(3);
    set.add('e');
    expect(set.has('b')).toBe(false);
  });

  it('a bounded set keeps its order as it grows and wraps, and forgets the oldest past its character budget', () => {
    const set = new BoundedSet<string>(20);
    for (let i = 0; i < 50; i++) set.add(`k${i}`);
    expect(set.size).toBe(20);
    expect([29, 30, 49].map((i) => set.has(`k${i}`))).toEqual([false, true, true]);
    const chars = new BoundedSet<string>(100, { weigh: (s) => s.length, budget: 10 });
    for (const k of ['aaaa', 'bbbb', 'cccc']) chars.add(k);
    expect(['aaaa', 'bbbb', 'cccc'].map((k) => chars.has(k))).toEqual([false, true, true]);
    chars.add('x'.repeat(50));
    expect(chars.size).toBe(1);
  });

  it('remembers the ids and words of the last KEEP_LINES lines, not of every line of a long show', () => {
    const merge = new LineMerge({ windowMs: 1000 });
    const wire = (id: string, text: string): Sighting => ({ path: 'wire', kind: 'message', id, rowKey: null, username: 'ann', text, history: false });
    for (let i = 0; i <= KEEP_LINES; i++) merge.accept(wire(`m${i}`, `line ${i}`), 0);
    // A reconnect replays lines long after the window: a recent one is known, the first is forgotten.
    expect(merge.accept(wire(`m${KEEP_LINES}`, `line ${KEEP_LINES}`), 60_000)).toBe(false);
    expect(merge.accept(wire('m0', 'line 0'), 60_000)).toBe(true);
    const restored = (text: string): Sighting => ({
      path: 'dom',
      kind: 'message',
      id: null,
      rowKey: `k:d2:${text}`,
      username: 'ann',
      text,
      history: true,
    });
    expect(merge.accept(restored(`line ${KEEP_LINES - 1}`), 60_000)).toBe(false);
    expect(merge.accept(restored('line 1'), 60_000)).toBe(true);
  });
});
