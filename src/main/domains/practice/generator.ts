import { DEFAULT_MIX, type ChatMix, type MessageCategory } from './schema.js';

/** mulberry32: tiny, fast, seeded; the same seed replays the same chat (not for anything secret). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedLine {
  kind: 'message' | 'join';
  username: string;
  text: string;
  category: Exclude<MessageCategory, 'injected' | 'host'>;
}

export interface GeneratorOptions {
  seed: number;
  giveawayKeyword: string;
  hostName: string;
  mix?: Partial<ChatMix>;
  /** How many distinct simulated viewers exist. */
  audience?: number;
}

const HANDLES = [
  'cardcollector',
  'pokefan',
  'vintagevibes',
  'sneakerhead',
  'thriftqueen',
  'comicguy',
  'slabhunter',
  'funkoaddict',
  'coinnerd',
  'hobbyking',
  'rippack',
  'bigspender',
  'lurker',
  'mintcondition',
  'grailseeker',
];
/** Names with spaces, accents, CJK, RTL and emoji: parsers must keep them whole. */
const DISPLAY_NAMES = [
  'Mary Jo',
  'Big Tony',
  'Zoë Cards',
  'José 🌟',
  '山田太郎',
  'محمد',
  'Ana María',
  'Łukasz',
  'Søren K',
  'Chloé ✨',
  'Mr. Pack Ripper',
  'Grandma Sue',
  '김민수',
  'Ваня',
  "D'Angelo",
];

const GREETINGS = [
  'hi!',
  'hello everyone',
  'hey {host}!',
  'good evening from Texas',
  'gm',
  'hiii 👋',
  'just got here, what did I miss?',
  'hello from Canada 🇨🇦',
  'yo',
];
const FAQS = [
  'shipping?',
  'how much is shipping to canada',
  'do you take paypal',
  'what size is that',
  'is it authentic?',
  'when is the next giveaway',
  'do you ship international?',
  'what grade is that card',
  'how long does shipping take',
  'can I combine shipping?',
];
const CHATTER = [
  'nice pull',
  'what set is this',
  'that one is fire',
  'I bid',
  'sold!',
  "let's go",
  'wow',
  'how many left?',
  'love this seller',
  'first time here',
  'can you show the back?',
  'lol',
  'price?',
  'ooh shiny',
  'my wallet is crying',
  'run it back',
];
const EMOJI = ['🔥🔥🔥', '😍', '💯 love it', '🙌', '👀👀', '😂😂', '🚀', '❤️❤️❤️', '🤑 take my money', '🎉'];
const LONG_PARTS = [
  'I have been collecting for almost twenty years now and I have to say this is one of the nicest streams I have seen',
  'the way you sort and sleeve everything before it ships is exactly how it should be done',
  'last time I ordered from a different seller the corners were all dinged up and the package took three weeks',
  'so please keep doing what you are doing, and if you ever get more of the vintage holo stuff let me know',
  'also my kid says hi and wants to know if you will do another mystery box night next weekend',
];

function giveawayEntries(kw: string): string[] {
  return [kw, `${kw.toUpperCase()}!!`, `${kw} me please`, `${kw} 🙏`, `${capitalize(kw)}!`, `${kw} ${kw}`, `  ${kw}  `];
}

/** Texts that contain the keyword inside another word: a whole-word matcher must not count them. */
function decoys(kw: string): string[] {
  if (kw.toLowerCase() === 'enter') {
    return [
      'center',
      'the center piece is nice',
      'entering my card info now',
      'entertainment value 10/10',
      'the presenter is funny',
      'entered the wrong address lol',
    ];
  }
  return [`${kw}s`, `${kw}ing`, `pre${kw}`, `${kw}ed already`, `un${kw}able`];
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const CATEGORIES = Object.keys(DEFAULT_MIX) as (keyof ChatMix)[];

/** Pure, seeded source of simulated viewer chat: the same options give the same sequence of lines. */
export class ViewerChatGenerator {
  private rnd: () => number;
  private names: string[];
  private lastText = new Map<string, string>();
  private weights: [keyof ChatMix, number][] = [];
  private total = 0;
  private keyword: string;
  private hostName: string;

  constructor(opts: GeneratorOptions) {
    this.rnd = seededRandom(opts.seed);
    this.keyword = opts.giveawayKeyword;
    this.hostName = opts.hostName;
    this.names = this.makeAudience(opts.audience ?? 400);
    this.setMix(opts.mix ?? {});
  }

  setMix(mix: Partial<ChatMix>): void {
    this.weights = CATEGORIES.map((c) => [c, mix[c] ?? DEFAULT_MIX[c]]);
    this.total = this.weights.reduce((a, [, w]) => a + w, 0);
  }

  setKeyword(kw: string): void {
    this.keyword = kw;
  }

  setHostName(name: string): void {
    this.hostName = name;
  }

  next(): GeneratedLine {
    const username = this.pick(this.names);
    const category = this.pickCategory();
    if (category === 'join') return { kind: 'join', username, text: 'joined', category };
    if (category === 'repeat') {
      const previous = this.lastText.get(username);
      // A viewer with nothing said yet repeats the chat's most common line instead.
      return { kind: 'message', username, text: previous ?? this.pick(CHATTER), category };
    }
    const text = this.textFor(category);
    this.lastText.set(username, text);
    return { kind: 'message', username, text, category };
  }

  private textFor(category: Exclude<keyof ChatMix, 'join' | 'repeat'>): string {
    switch (category) {
      case 'greeting':
        return this.pick(GREETINGS).replace('{host}', this.hostName);
      case 'faq':
        return this.pick(FAQS);
      case 'giveaway':
        return this.pick(giveawayEntries(this.keyword));
      case 'decoy':
        return this.pick(decoys(this.keyword));
      case 'emoji':
        return this.pick(EMOJI);
      case 'long':
        return this.longText();
      case 'chatter':
        return this.pick(CHATTER);
    }
  }

  /** About 400 characters, built from sentences so it reads like a real viewer. */
  private longText(): string {
    let out = '';
    while (out.length < 380) out += (out ? ', ' : '') + this.pick(LONG_PARTS);
    return out.slice(0, 420);
  }

  private makeAudience(n: number): string[] {
    const names = new Set<string>();
    while (names.size < n) {
      const r = this.rnd();
      if (r < 0.7) names.add(`${this.pick(HANDLES)}${Math.floor(this.rnd() * 1000)}`);
      else if (r < 0.9) names.add(`${this.pick(DISPLAY_NAMES)}${names.size % 3 === 0 ? '' : ` ${Math.floor(this.rnd() * 100)}`}`);
      else names.add(`${capitalize(this.pick(HANDLES))}_${this.pick(['TX', 'CA', 'NY', 'UK', 'ÉIRE', 'QC'])}`);
    }
    return [...names];
  }

  private pickCategory(): keyof ChatMix {
    if (this.total <= 0) return 'chatter';
    let x = this.rnd() * this.total;
    for (const [c, w] of this.weights) {
      if (x < w) return c;
      x -= w;
    }
    return this.weights[this.weights.length - 1]![0];
  }

  private pick<T>(arr: readonly T[]): T {
    return arr[Math.floor(this.rnd() * arr.length)]!;
  }
}
