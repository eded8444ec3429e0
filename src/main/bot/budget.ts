import { RateWindow } from './phrase-trie.js';

/** A per-minute allowance of bot messages, shared by the concerns that talk in chat. */
export class Budget {
  private window = new RateWindow(60_000);
  constructor(public perMinute: number) {}

  allows(now: number): boolean {
    return this.window.allows(now, this.perMinute);
  }

  spend(now: number): void {
    this.window.add(now);
  }
}
