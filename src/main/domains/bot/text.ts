/**
 * Text primitives shared by the bot concerns: Unicode-aware words, case folding, templates, rotation.
 * Everything here is pure and allocation-light, because it runs on every chat line. Templates and trigger
 * words live in src/shared/templates.ts, since the dashboard previews and checks with the same code.
 */
import { words } from '../../../shared/templates.js';

export { boundaryPattern, render, triggerWords, words, type TemplateVars } from '../../../shared/templates.js';

/** NFKC then lower case: full-width and compatibility forms compare equal ("ＳＨＩＰ" = "ship"). */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
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

/** "a", "a and b", "a, b and c". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Cycles through a list in order; the position survives a settings change when the list is the same length or longer. */
export class Rotation {
  private next = 0;
  /** The item `pick` would return next, without moving on (the bot tester's dry run). */
  peek<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[this.next % items.length];
  }

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
