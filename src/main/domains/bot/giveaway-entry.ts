import type { GiveawaySettings } from '../settings/schema.js';
import { boundaryPattern } from './text.js';

/** Whether entries are accepted at `now`: enabled, and inside [opensAt, closesAt] when those are set. */
export function giveawayOpen(g: GiveawaySettings, now: number): boolean {
  if (!g.enabled) return false;
  if (g.opensAt !== null && now < Date.parse(g.opensAt)) return false;
  if (g.closesAt !== null && now > Date.parse(g.closesAt)) return false;
  return true;
}

/** The entry keyword as a whole word, case-insensitive: "enter" enters, "center" and "entered" do not. */
export class EntryKeyword {
  private re: RegExp | null = null;

  configure(g: GiveawaySettings): void {
    this.re = boundaryPattern(g.keyword, false);
  }

  matches(text: string): boolean {
    return this.re?.test(text.normalize('NFKC')) ?? false;
  }
}
