/**
 * Message templates and the word rules behind triggers: one implementation for the bot (which renders what it
 * sends) and the dashboard (which previews it and checks rules before they are saved). Pure, no I/O.
 */

/** A value, or a function computing it only when a template names it (`{entries}` costs a query). */
export type TemplateValue = string | number | null | undefined;
export type TemplateVars = Record<string, TemplateValue | (() => TemplateValue)>;

/** Replaces `{name}` with vars[name]; unknown names stay as typed so a typo is visible, not silently blank. */
export function render(template: string, vars: TemplateVars): string {
  let blanked = false;
  const out = template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in vars)) return whole;
    const raw = vars[name];
    const v = typeof raw === 'function' ? raw() : raw;
    if (v === null || v === undefined || v === '') {
      blanked = true;
      return '';
    }
    return String(v);
  });
  return blanked
    ? out
        .replace(/\s{2,}/g, ' ')
        .replace(/\s+([,.!?])/g, '$1')
        .trim()
    : out;
}

/** Where a text is sent from decides which placeholders it can use. */
export type TemplateKind = 'welcome' | 'faq' | 'command' | 'timer' | 'winner' | 'tip' | 'raid' | 'sale' | 'giveaway';

export interface Placeholder {
  name: string;
  /** What it becomes, in the seller's words. */
  means: string;
  /** Texts it works in; absent = every text. */
  only?: readonly TemplateKind[];
}

export const PLACEHOLDERS: readonly Placeholder[] = [
  {
    name: 'username',
    means: "the viewer's name (several names in a shared welcome; the tipper, raider or buyer in thanks)",
    only: ['welcome', 'faq', 'command', 'tip', 'raid', 'sale'],
  },
  { name: 'amount', means: 'the tip with its currency, e.g. $5.00 or 100 bits', only: ['tip'] },
  { name: 'viewers', means: 'how many viewers the raid brought (blank when the site does not say)', only: ['raid'] },
  { name: 'product', means: 'the item sold', only: ['sale'] },
  { name: 'price', means: 'what it sold for, with its currency', only: ['sale'] },
  { name: 'keyword', means: 'the giveaway keyword viewers type to enter' },
  { name: 'entries', means: 'how many entries the giveaway has' },
  { name: 'timeLeft', means: 'time until the giveaway closes (blank without a closing time)' },
  { name: 'winners', means: 'the names of the winners', only: ['winner'] },
  { name: 'winner', means: 'the names of the winners (same as {winners})', only: ['winner'] },
  { name: 'claimSeconds', means: 'seconds a winner has to claim', only: ['winner'] },
  { name: 'viewerCount', means: 'viewers watching now (blank when the site does not show it)' },
  { name: 'host', means: 'your username on the platform' },
  { name: 'time', means: 'the time now (HH:MM)' },
  { name: 'args', means: 'what the viewer typed after the command', only: ['command'] },
];

export function placeholdersFor(kind: TemplateKind): Placeholder[] {
  return PLACEHOLDERS.filter((p) => !p.only || p.only.includes(kind));
}

/** `{names}` in a text that this kind of text does not fill in (typos such as `{usename}` included). */
export function unknownPlaceholders(text: string, kind: TemplateKind): string[] {
  const known = new Set(placeholdersFor(kind).map((p) => p.name));
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((n) => !known.has(n));
}

/** "4 min", "1 h 5 min", "30 s"; '' when the time has passed or there is none. */
export function formatTimeLeft(ms: number | null): string {
  if (ms === null || !(ms > 0)) return '';
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.ceil(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

/** Values for a preview in the dashboard: what a viewer would see, with the seller's own keyword and names. */
export function sampleVars(
  s: { keyword: string; host: string | null; claimSeconds: number; closesAt: string | null },
  now = Date.now(),
): TemplateVars {
  const left = s.closesAt ? formatTimeLeft(Date.parse(s.closesAt) - now) : '';
  const d = new Date(now);
  return {
    username: 'shopper_42',
    keyword: s.keyword,
    entries: 12,
    timeLeft: left || '5 min',
    winners: 'shopper_42',
    winner: 'shopper_42',
    claimSeconds: s.claimSeconds,
    viewerCount: 87,
    host: s.host ?? 'your_shop',
    time: `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`,
    args: 'blue',
    amount: '$5.00',
    viewers: 42,
    product: 'Charizard holo',
    price: '$25.00',
  };
}

/** A word: letters (any script, with combining marks) and digits, with inner apostrophes ("what's", "l'été"). */
const WORD = /[\p{L}\p{M}\p{N}_]+(?:['’][\p{L}\p{M}\p{N}_]+)*/gu;

/** Splits into words, keeping case; apostrophes are unified so "what’s" matches "what's". */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFKC').matchAll(WORD)) out.push(m[0].replace(/’/g, "'"));
  return out;
}

const EDGE_PUNCTUATION = /^[\s?!.,:;"]+|[\s?!.,:;"]+$/gu;

/**
 * The words of a trigger when it is plain words and spaces (edge punctuation such as a trailing "?" ignored),
 * or null when it holds symbols ("c++", "$5") that only a boundary pattern can match faithfully.
 */
export function triggerWords(trigger: string): string[] | null {
  const core = trigger.normalize('NFKC').replace(EDGE_PUNCTUATION, '');
  const ws = words(core);
  if (ws.length === 0) return null;
  const rebuilt = core.replace(/’/g, "'").split(/\s+/u).filter(Boolean);
  return rebuilt.length === ws.length && rebuilt.every((w, i) => w === ws[i]) ? ws : null;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A whole-word pattern for any literal text: not preceded nor followed by a letter or digit. */
export function boundaryPattern(literal: string, caseSensitive: boolean): RegExp {
  const body = escapeRegExp(literal.normalize('NFKC').trim()).replace(/\s+/g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}_])${body}(?![\\p{L}\\p{M}\\p{N}_])`, caseSensitive ? 'u' : 'iu');
}

/** Whether a text names `literal` as a whole word outside `{placeholders}` ("Type enter to win" names "enter"). */
export function namesLiterally(text: string, literal: string): boolean {
  if (!literal.trim()) return false;
  return boundaryPattern(literal, false).test(text.normalize('NFKC').replace(/\{\w+\}/g, ' '));
}

/** `text` with every whole-word `literal` (outside placeholders) replaced: "Type enter!" -> "Type {keyword}!". */
export function replaceLiterally(text: string, literal: string, replacement: string): string {
  if (!literal.trim()) return text;
  const re = new RegExp(boundaryPattern(literal, false).source, 'giu');
  // Placeholders are kept as they are: split around them and replace only in between.
  return text
    .split(/(\{\w+\})/)
    .map((part) => (/^\{\w+\}$/.test(part) ? part : part.normalize('NFKC').replace(re, replacement)))
    .join('');
}

/** A sum as a viewer reads it: "$5.00", "€3.50", "100 bits"; '' when the site did not say. */
export function formatMoney(amount: number | null, currency: string | null): string {
  if (amount === null || !Number.isFinite(amount)) return '';
  if (!currency) return String(amount);
  if (/^[A-Z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);
    } catch {
      /* an unknown code: say it plainly */
    }
  }
  return `${amount} ${currency}`;
}
