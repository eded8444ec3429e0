import type { Settings } from '../../api/types.js';

/** What every section editor receives: the draft, the server's field errors and one way to change the draft. */
export interface EditorProps {
  draft: Settings;
  errors: Record<string, string>;
  edit: (update: (draft: Settings) => Settings) => void;
  /** The settings as last saved, for checks that compare (a giveaway keyword being replaced). */
  saved: Settings | null;
}

export type FaqRule = Settings['faqRules'][number];
export type TimerMessage = Settings['timerMessages'][number];
export type Command = Settings['commands'][number];

/** Replace item `i` of a list immutably. */
export function replaceAt<T>(list: T[], i: number, next: T): T[] {
  return list.map((x, j) => (j === i ? next : x));
}

/** A `single + list` pair (response/responses, message/messages) edited as one list of lines. */
export function splitLines(lines: string[]): { first: string | undefined; rest: string[] } {
  return { first: lines[0], rest: lines.slice(1) };
}
