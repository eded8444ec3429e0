/**
 * Text primitives shared by the bot concerns: Unicode-aware words, case folding, templates, rotation.
 * Everything here is pure and allocation-light, because it runs on every chat line.
 */

/** A word: letters (any script, with combining marks) and digits, with inner apostrophes ("what's", "l'été"). */
const WORD = /[\p{L}\p{M}\p{N}_]+(?:['’][\p{L}\p{M}\p{N}_]+)*/gu;

/** NFKC then lower case: full-width and compatibility forms compare equal ("ＳＨＩＰ" = "ship"). */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Splits into words, keeping case; apostrophes are unified so "what’s" matches "what's". */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFKC').matchAll(WORD)) out.push(m[0].replace(/’/g, "'"));
  return out;
}

/** The words of a line in both forms, computed once per line and shared by every matcher. */
export interface LineWords {
  raw: string[];
  folded: string[];
}

export function lineWords(text: string): LineWords {
  const raw = words(text);
  return { raw, folded: raw.map((w) => w.toLowerCase()) };
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

/** Replaces `{name}` with vars[name]; unknown names stay as typed so a typo is visible, not silently blank. */
export function render(template: string, vars: Record<string, string | number | null | undefined>): string {
  let blanked = false;
  const out = template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in vars)) return whole;
    const v = vars[name];
    if (v === null || v === undefined || v === '') {
      blanked = true;
      return '';
    }
    return String(v);
  });
  return blanked ? out.replace(/\s{2,}/g, ' ').replace(/\s+([,.!?])/g, '$1').trim() : out;
}

/** "a", "a and b", "a, b and c". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Cycles through a list in order; the position survives a settings change when the list is the same length or longer. */
export class Rotation {
  private next = 0;
  pick<T>(items: readonly T[]): T | undefined {
    if (items.length === 0) return undefined;
    const item = items[this.next % items.length];
    this.next = (this.next + 1) % items.length;
    return item;
  }
}

/** The messages of a single-or-list setting (`message` + `messages`), in rotation order. */
export function messageList(single: string | undefined, many: readonly string[] | undefined): string[] {
  return [...(single !== undefined ? [single] : []), ...(many ?? [])];
}

/** Local wall-clock time as HH:MM for `{time}`. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
