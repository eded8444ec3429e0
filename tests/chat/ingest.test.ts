import { describe, expect, it } from 'vitest';
import { LineIngest } from '../../src/main/domains/chat/ingest.js';
import { SelfTracker } from '../../src/main/domains/chat/self-tracker.js';
import type { PageRow } from '../../src/main/domains/chat/page-script.js';

function setup(host: string | null = 'TheHost') {
  let now = 1_000_000;
  const self = new SelfTracker(
    () => [host],
    () => now,
  );
  const ingest = new LineIngest('acc_1', 'whatnot', self, () => now);
  const row = (key: string, username: string, text: string, extra: Partial<PageRow> = {}): PageRow => ({
    key,
    kind: 'message',
    username,
    text,
    ts: null,
    initial: false,
    ...extra,
  });
  return { self, ingest, row, advance: (ms: number) => (now += ms), now: () => now };
}

describe('LineIngest', () => {
  it('delivers each identity once, whatever the time', () => {
    const { ingest, row } = setup();
    expect(ingest.acceptPage({ doc: 'd1', rows: [row('id:1', 'a', 'hi'), row('id:2', 'a', 'hi')] })).toHaveLength(2);
    expect(ingest.acceptPage({ doc: 'd1', rows: [row('id:1', 'a', 'hi')] })).toHaveLength(0);
    expect(ingest.acceptPage({ doc: 'd2', rows: [row('id:2', 'a', 'hi', { initial: true })] })).toHaveLength(0);
    expect(ingest.duplicatesDropped).toBe(2);
  });

  it('marks rows present at attach, or stamped before the page attached, as history', () => {
    const { ingest, row, now } = setup();
    const [a, b, c] = ingest.acceptPage({
      doc: 'd1',
      rows: [row('id:1', 'a', 'x', { initial: true }), row('id:2', 'b', 'y', { ts: now() - 60_000 }), row('id:3', 'c', 'z', { ts: now() })],
    });
    expect([a!.history, b!.history, c!.history]).toEqual([true, true, false]);
  });

  it('drops a restored row without a platform id when its content was already delivered', () => {
    const { ingest, row } = setup();
    ingest.acceptPage({ doc: 'd1', rows: [row('k:d1:1', 'a', 'hello')] });
    expect(ingest.acceptPage({ doc: 'd2', rows: [row('k:d2:1', 'a', 'hello', { initial: true })] })).toHaveLength(0);
    // A live repeat (not history) is a new message.
    expect(ingest.acceptPage({ doc: 'd2', rows: [row('k:d2:2', 'a', 'hello')] })).toHaveLength(1);
  });
});

describe('manual host lines', () => {
  it('flags what the host typed by hand as manual, not the echo of a queued post nor restored history', () => {
    const { self, ingest, row } = setup('TheHost');
    self.expect('Welcome to the stream!');
    const lines = ingest.acceptPage({
      doc: 'd1',
      rows: [
        row('id:1', 'TheHost', 'old line', { initial: true }),
        row('id:2', 'TheHost', 'Welcome to the stream!'),
        row('id:3', 'TheHost', 'typing this myself'),
        row('id:4', 'viewer', 'hi'),
      ],
    });
    expect(lines.map((l) => [l.text, l.self, l.manual])).toEqual([
      ['old line', true, false],
      ['Welcome to the stream!', true, false],
      ['typing this myself', true, true],
      ['hi', false, false],
    ]);
  });
});

describe('SelfTracker', () => {
  it('knows the host by name, case and @ aside', () => {
    const { self } = setup('TheHost');
    expect(self.match('@thehost', 'anything', 'message')).toBe(true);
    expect(self.match('viewer', 'anything', 'message')).toBe(false);
  });

  it('recognises the echo of a sent text once, confirming the waiting send', async () => {
    const { self } = setup(null);
    const e = self.expect('Welcome  to the stream!');
    expect(self.match('someone', 'Welcome to the stream!', 'message')).toBe(true);
    await expect(e.wait(1000)).resolves.toBe(true);
    // The same words from a viewer later are theirs.
    expect(self.match('viewer', 'Welcome to the stream!', 'message')).toBe(false);
  });

  it('times out without an echo, and still recognises a late one', async () => {
    const { self } = setup(null);
    const e = self.expect('slow echo');
    await expect(e.wait(20)).resolves.toBe(false);
    expect(self.match('bot', 'slow echo', 'message')).toBe(true);
  });
});
