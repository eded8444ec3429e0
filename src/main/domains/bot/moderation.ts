import type { ModerationSettings } from '../settings/schema.js';
import type { ModerateAction } from './actions.js';
import { PhraseTrie } from './phrase-trie.js';
import { capsPercent, forbiddenLink } from './spam.js';
import { boundaryPattern, fold, triggerWords, type LineWords } from './text.js';

/** One action per user per this long: a hidden spammer's queued lines must not each send `/hide`. */
const ACTION_COOLDOWN_MS = 30_000;
const MAX_TRACKED_USERS = 20_000;

/**
 * Blocked words (whole words or phrases, case-insensitive, one trie for any number of words), links to
 * sites not allowed, shouting in capitals, and repeated identical messages: more than `maxRepeats` copies
 * of one text from one user within the window.
 */
export class Moderator {
  private blocked = new PhraseTrie<string>();
  private blockedPatterns: { re: RegExp; word: string }[] = [];
  private recent = new Map<string, { text: string; at: number }[]>();
  private lastAction = new Map<string, number>();
  private cfg: ModerationSettings | null = null;

  configure(cfg: ModerationSettings): void {
    this.cfg = cfg;
    this.blocked = new PhraseTrie();
    this.blockedPatterns = [];
    for (const word of cfg.blockedWords) {
      const ws = triggerWords(word);
      if (ws)
        this.blocked.add(
          ws.map((w) => w.toLowerCase()),
          word,
        );
      else this.blockedPatterns.push({ re: boundaryPattern(word, false), word });
    }
  }

  check(username: string, userKey: string, text: string, w: LineWords, now: number): ModerateAction | null {
    const cfg = this.cfg;
    if (!cfg?.enabled) return null;
    let violation: Pick<ModerateAction, 'reason' | 'detail'> | null = null;
    const word = this.blocked.first(w.folded)?.value ?? this.blockedPatterns.find((p) => p.re.test(text.normalize('NFKC')))?.word;
    const link = word === undefined && cfg.blockLinks ? forbiddenLink(text, cfg.allowedDomains) : null;
    const caps = cfg.maxCapsPercent > 0 ? capsPercent(text) : null;
    if (word !== undefined) violation = { reason: 'blocked-word', detail: word };
    else if (link !== null) violation = { reason: 'link', detail: link };
    else if (caps !== null && caps > cfg.maxCapsPercent) violation = { reason: 'caps', detail: text };
    else if (cfg.maxRepeats > 0) {
      const key = fold(text).replace(/\s+/g, ' ').trim();
      const windowMs = cfg.repeatWindowSeconds * 1000;
      const mine = (this.recent.get(userKey) ?? []).filter((r) => now - r.at < windowMs);
      mine.push({ text: key, at: now });
      if (mine.length > 20) mine.splice(0, mine.length - 20);
      if (!this.recent.has(userKey) && this.recent.size >= MAX_TRACKED_USERS) this.recent.clear();
      this.recent.set(userKey, mine);
      if (mine.filter((r) => r.text === key).length > cfg.maxRepeats) violation = { reason: 'repeat', detail: text };
    }
    if (!violation) return null;
    const last = this.lastAction.get(userKey);
    const acted = last !== undefined && now - last < ACTION_COOLDOWN_MS;
    if (!acted) this.lastAction.set(userKey, now);
    // Still a violation (the line triggers nothing else), but only the first in a burst acts.
    return { type: 'moderate', action: acted ? 'log' : cfg.action, username, ...violation };
  }
}
