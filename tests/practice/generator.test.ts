import { describe, expect, it } from 'vitest';
import { ViewerChatGenerator, seededRandom } from '../../src/main/domains/practice/generator.js';

const base = { seed: 42, giveawayKeyword: 'enter', hostName: 'PracticeHost' };
const wholeWord = (kw: string) => new RegExp(`(^|[^\\p{L}\\p{N}])${kw}([^\\p{L}\\p{N}]|$)`, 'iu');

function lines(n: number, opts = {}) {
  const g = new ViewerChatGenerator({ ...base, ...opts });
  return Array.from({ length: n }, () => g.next());
}

describe('seededRandom', () => {
  it('replays the same sequence for a seed and differs across seeds', () => {
    const a = seededRandom(7),
      b = seededRandom(7),
      c = seededRandom(8);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('ViewerChatGenerator', () => {
  it('is deterministic for a seed', () => {
    expect(lines(300)).toEqual(lines(300));
    expect(lines(300, { seed: 43 })).not.toEqual(lines(300));
  });

  it('the default mix contains every category', () => {
    const out = lines(3000);
    const cats = new Set(out.map((l) => l.category));
    for (const c of ['greeting', 'faq', 'giveaway', 'decoy', 'repeat', 'emoji', 'long', 'chatter', 'join']) expect(cats).toContain(c);
    const texts = new Set(out.map((l) => l.text));
    for (const t of [
      'shipping?',
      'how much is shipping to canada',
      'do you take paypal',
      'what size is that',
      'ENTER!!',
      'enter me please',
      'center',
    ]) {
      expect(texts).toContain(t);
    }
  });

  it('giveaway entries hold the keyword as a word; decoys only inside another word', () => {
    const out = lines(3000);
    const entries = out.filter((l) => l.category === 'giveaway');
    const decoys = out.filter((l) => l.category === 'decoy');
    expect(entries.length).toBeGreaterThan(50);
    expect(decoys.length).toBeGreaterThan(20);
    for (const e of entries) expect(e.text).toMatch(wholeWord('enter'));
    for (const d of decoys) {
      expect(d.text.toLowerCase()).toContain('enter');
      expect(d.text).not.toMatch(wholeWord('enter'));
    }
    expect(decoys.map((d) => d.text)).toEqual(expect.arrayContaining(['center']));
    expect(decoys.some((d) => d.text.startsWith('entering'))).toBe(true);
  });

  it('follows a changed giveaway keyword, decoys included', () => {
    const g = new ViewerChatGenerator({
      ...base,
      mix: { giveaway: 1, decoy: 1, greeting: 0, faq: 0, repeat: 0, emoji: 0, long: 0, chatter: 0, join: 0 },
    });
    g.setKeyword('pokemon');
    const out = Array.from({ length: 400 }, () => g.next());
    for (const l of out) {
      if (l.category === 'giveaway') expect(l.text).toMatch(wholeWord('pokemon'));
      else {
        expect(l.category).toBe('decoy');
        expect(l.text.toLowerCase()).toContain('pokemon');
        expect(l.text).not.toMatch(wholeWord('pokemon'));
      }
    }
  });

  it('usernames include spaces and non-Latin scripts', () => {
    const names = new Set(lines(3000).map((l) => l.username));
    expect([...names].some((n) => n.includes(' '))).toBe(true);
    // eslint-disable-next-line no-control-regex -- the range starts at U+0000: any character past Latin Extended-B.
    expect([...names].some((n) => /[^\u0000-\u024f]/u.test(n))).toBe(true);
    expect([...names].some((n) => /[\u4e00-\u9fff\uac00-\ud7af\u0600-\u06ff]/u.test(n))).toBe(true);
    expect(names.size).toBeGreaterThan(200);
  });

  it('long lines are about 400 characters; joins say joined; repeats repeat the viewer', () => {
    const out = lines(4000);
    const long = out.filter((l) => l.category === 'long');
    expect(long.length).toBeGreaterThan(10);
    for (const l of long) expect(l.text.length).toBeGreaterThanOrEqual(380);
    for (const l of long) expect(l.text.length).toBeLessThanOrEqual(420);
    for (const j of out.filter((l) => l.category === 'join')) expect(j).toMatchObject({ kind: 'join', text: 'joined' });
    for (const m of out.filter((l) => l.category !== 'join')) expect(m.kind).toBe('message');
    // A repeat is the viewer's own previous line whenever they had one.
    const last = new Map<string, string>();
    let checked = 0;
    for (const l of out) {
      if (l.category === 'repeat' && last.has(l.username)) {
        expect(l.text).toBe(last.get(l.username));
        checked++;
      }
      if (l.kind === 'message' && l.category !== 'repeat') last.set(l.username, l.text);
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('greetings can name the host and the mix can be narrowed to one category', () => {
    const g = new ViewerChatGenerator({
      ...base,
      hostName: 'Ana María',
      mix: { greeting: 1, faq: 0, giveaway: 0, decoy: 0, repeat: 0, emoji: 0, long: 0, chatter: 0, join: 0 },
    });
    const out = Array.from({ length: 300 }, () => g.next());
    expect(out.every((l) => l.category === 'greeting')).toBe(true);
    expect(out.some((l) => l.text === 'hey Ana María!')).toBe(true);
  });
});
