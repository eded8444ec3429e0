import type { FaqRule } from '../settings/schema.js';
import { PhraseTrie } from './phrase-trie.js';
import { boundaryPattern, messageList, Rotation, triggerWords, type LineWords } from './text.js';

/** A compiled rule: its place in the settings list is the tie-breaker after priority. */
interface CompiledRule {
  id: string;
  index: number;
  priority: number;
  responses: string[];
}

interface TrieValue {
  rule: CompiledRule;
  trigger: string;
}

interface PatternRule {
  rule: CompiledRule;
  patterns: { re: RegExp; trigger: string }[];
}

export interface FaqMatch {
  ruleId: string;
  /** The trigger as configured (what GET /analytics/faq-triggers counts). */
  trigger: string;
  priority: number;
}

/** Better = higher priority, then earlier in the list. */
const beats = (a: CompiledRule, b: CompiledRule | undefined) => !b || a.priority > b.priority || (a.priority === b.priority && a.index < b.index);

/**
 * All enabled FAQ rules compiled into one matcher. Word and phrase triggers live in two tries (case-folded
 * and case-sensitive), so a line is scanned once whatever the number of rules. Regex rules, and literal
 * triggers with symbols ("c++"), are tested one by one: the documented exception, ordered best-first so
 * the scan stops as soon as no remaining pattern could beat the word match already found.
 */
export class FaqMatcher {
  private folded = new PhraseTrie<TrieValue>();
  private exact = new PhraseTrie<TrieValue>();
  private patternRules: PatternRule[] = [];
  readonly rules = new Map<string, CompiledRule>();

  constructor(rules: readonly FaqRule[]) {
    rules.forEach((r, index) => {
      if (!r.enabled) return;
      const rule: CompiledRule = { id: r.id ?? `faq_${index}`, index, priority: r.priority, responses: messageList(r.response, r.responses) };
      this.rules.set(rule.id, rule);
      const patterns: PatternRule['patterns'] = [];
      for (const trigger of r.triggers) {
        if (r.matchMode === 'regex') {
          const re = compileRegex(trigger, r.caseSensitive);
          if (re) patterns.push({ re, trigger });
          continue;
        }
        const ws = triggerWords(trigger);
        if (!ws) patterns.push({ re: boundaryPattern(trigger, r.caseSensitive), trigger });
        else if (r.caseSensitive) this.exact.add(ws, { rule, trigger });
        else
          this.folded.add(
            ws.map((w) => w.toLowerCase()),
            { rule, trigger },
          );
      }
      if (patterns.length) this.patternRules.push({ rule, patterns });
    });
    this.patternRules.sort((a, b) => (beats(a.rule, b.rule) ? -1 : 1));
  }

  get size(): number {
    return this.rules.size;
  }

  /** The best rule the line triggers, or null. */
  match(text: string, w: LineWords): FaqMatch | null {
    let best: TrieValue | undefined;
    const visit = ({ value }: { value: TrieValue }) => {
      if (beats(value.rule, best?.rule)) best = value;
    };
    this.folded.scan(w.folded, visit);
    this.exact.scan(w.raw, visit);
    if (this.patternRules.length) {
      const normalized = text.normalize('NFKC');
      for (const pr of this.patternRules) {
        if (best && !beats(pr.rule, best.rule)) break;
        const hit = pr.patterns.find((p) => p.re.test(normalized));
        if (hit) {
          best = { rule: pr.rule, trigger: hit.trigger };
          break;
        }
      }
    }
    return best ? { ruleId: best.rule.id, trigger: best.trigger, priority: best.rule.priority } : null;
  }
}

export interface FaqReply {
  match: FaqMatch;
  /** null when the rule matched but is cooling down (globally or for this user). */
  response: string | null;
}

/** Cooldowns and rotation per rule id; kept across recompiles so editing the rules does not reset them. */
export class FaqResponder {
  private lastGlobal = new Map<string, number>();
  private lastPerUser = new Map<string, Map<string, number>>();
  private rotations = new Map<string, Rotation>();
  private settings = new Map<string, { cooldownMs: number; userCooldownMs: number }>();
  matcher: FaqMatcher = new FaqMatcher([]);

  configure(rules: readonly FaqRule[]): void {
    this.matcher = new FaqMatcher(rules);
    this.settings.clear();
    rules.forEach((r, i) =>
      this.settings.set(r.id ?? `faq_${i}`, { cooldownMs: r.cooldownSeconds * 1000, userCooldownMs: r.userCooldownSeconds * 1000 }),
    );
  }

  /** Matches without touching cooldowns (analytics while the bot is off). */
  peek(text: string, w: LineWords): FaqMatch | null {
    return this.matcher.match(text, w);
  }

  /** What `reply` would do now, changing nothing: the match, the response next in turn, or how long it still cools down. */
  check(text: string, w: LineWords, userKey: string, now: number): (FaqReply & { index: number; coolingMs: number; perUser: boolean }) | null {
    const match = this.matcher.match(text, w);
    if (!match) return null;
    const cfg = this.settings.get(match.ruleId)!;
    const rule = this.matcher.rules.get(match.ruleId)!;
    const global = this.lastGlobal.get(match.ruleId);
    const mine = this.lastPerUser.get(match.ruleId)?.get(userKey);
    const globalLeft = global === undefined ? 0 : cfg.cooldownMs - (now - global);
    const userLeft = mine === undefined ? 0 : cfg.userCooldownMs - (now - mine);
    const coolingMs = Math.max(0, globalLeft, userLeft);
    const response = coolingMs > 0 ? null : ((this.rotations.get(match.ruleId) ?? new Rotation()).peek(rule.responses) ?? null);
    return { match, response, index: rule.index, coolingMs, perUser: userLeft > globalLeft };
  }

  /** Matches, and when the rule is not cooling down, starts its cooldowns and picks the next response. */
  reply(text: string, w: LineWords, userKey: string, now: number): FaqReply | null {
    const match = this.matcher.match(text, w);
    if (!match) return null;
    const cfg = this.settings.get(match.ruleId)!;
    const global = this.lastGlobal.get(match.ruleId);
    let perUser = this.lastPerUser.get(match.ruleId);
    const mine = perUser?.get(userKey);
    if ((global !== undefined && now - global < cfg.cooldownMs) || (mine !== undefined && now - mine < cfg.userCooldownMs)) {
      return { match, response: null };
    }
    this.lastGlobal.set(match.ruleId, now);
    if (cfg.userCooldownMs > 0) {
      if (!perUser) this.lastPerUser.set(match.ruleId, (perUser = new Map()));
      if (perUser.size > 5000) prune(perUser, now - cfg.userCooldownMs);
      perUser.set(userKey, now);
    }
    let rotation = this.rotations.get(match.ruleId);
    if (!rotation) this.rotations.set(match.ruleId, (rotation = new Rotation()));
    const response = rotation.pick(this.matcher.rules.get(match.ruleId)!.responses) ?? null;
    return { match, response };
  }
}

/**
 * Unicode mode when the pattern allows it (so `\p{L}` and astral characters work); otherwise as the
 * settings schema validated it, since e.g. `\-` is legal only outside Unicode mode.
 */
function compileRegex(pattern: string, caseSensitive: boolean): RegExp | null {
  for (const flags of caseSensitive ? ['u', ''] : ['iu', 'i']) {
    try {
      return new RegExp(pattern, flags);
    } catch {
      /* try the next flags */
    }
  }
  return null;
}

function prune(m: Map<string, number>, before: number): void {
  for (const [k, t] of m) if (t <= before) m.delete(k);
}
