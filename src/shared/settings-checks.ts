import type { FaqRule, Settings, SettingsWarning } from './contract/settings.js';
import { namesLiterally, triggerWords } from './templates.js';

/**
 * Checks of settings that are valid but will not do what the seller expects. PATCH /settings answers them as
 * `warnings` and the dashboard runs the same code on the draft, so both say the same thing.
 */

/** How a rule is named to the seller: its triggers. */
export function ruleLabel(r: Pick<FaqRule, 'triggers'>): string {
  const text = r.triggers.join(', ');
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Better = higher priority, then higher in the list: the bot's order (FaqMatcher). */
const beats = (a: { priority: number; index: number }, b: { priority: number; index: number }) =>
  a.priority > b.priority || (a.priority === b.priority && a.index < b.index);

/**
 * FAQ triggers that can never answer: every line holding the trigger also holds a trigger of a rule the bot
 * prefers ("how much is shipping" under "shipping"). Word triggers only; regexes and symbols are not judged.
 * Costs O(triggers x words²) through a phrase index, not O(rules²).
 */
export function shadowedFaqTriggers(rules: readonly FaqRule[]): SettingsWarning[] {
  type Entry = { index: number; priority: number };
  const byPhrase = new Map<string, Entry[]>();
  const phrasesOf: { index: number; trigger: string; words: string[] }[] = [];
  rules.forEach((r, index) => {
    if (!r.enabled || r.matchMode !== 'word') return;
    for (const trigger of r.triggers) {
      const ws = triggerWords(trigger)?.map((w) => w.toLowerCase());
      if (!ws) continue;
      phrasesOf.push({ index, trigger, words: ws });
      // A case-sensitive rule matches fewer lines, so it cannot be said to take every line from another.
      if (r.caseSensitive) continue;
      const key = ws.join(' ');
      const list = byPhrase.get(key) ?? [];
      if (!list.some((e) => e.index === index)) list.push({ index, priority: r.priority });
      byPhrase.set(key, list);
    }
  });
  const warnings: SettingsWarning[] = [];
  const reported = new Set<string>();
  for (const p of phrasesOf) {
    const me = { index: p.index, priority: rules[p.index]!.priority };
    let winner: { entry: Entry; phrase: string } | null = null;
    for (let from = 0; from < p.words.length && !winner; from++) {
      for (let to = from + 1; to <= p.words.length; to++) {
        const phrase = p.words.slice(from, to).join(' ');
        const entry = byPhrase.get(phrase)?.find((e) => e.index !== p.index && beats(e, me));
        if (entry) {
          winner = { entry, phrase };
          break;
        }
      }
    }
    if (!winner || reported.has(`${p.index}|${p.trigger}`)) continue;
    reported.add(`${p.index}|${p.trigger}`);
    const mine = rules[p.index]!;
    const other = rules[winner.entry.index]!;
    const why = other.priority > mine.priority ? 'has a higher priority' : 'is higher in the list';
    const fix =
      other.priority > mine.priority
        ? `Give “${ruleLabel(mine)}” a priority of ${other.priority} or more and move it above, if it should answer first.`
        : `Move “${ruleLabel(mine)}” above it if it should answer first.`;
    warnings.push({
      code: 'faq-shadowed',
      path: `faqRules.${p.index}`,
      ruleId: mine.id ?? null,
      otherRuleId: other.id ?? null,
      otherIndex: winner.entry.index,
      trigger: p.trigger,
      message: `The FAQ rule “${ruleLabel(mine)}” never answers “${p.trigger}”: the rule “${ruleLabel(other)}” ${why} and answers first (it matches “${winner.phrase}”). ${fix}`,
    });
  }
  return warnings;
}

/** Every text the bot sends, with where it is and a name for it. */
export function botTexts(s: Settings): { path: string; label: string; text: string }[] {
  const out: { path: string; label: string; text: string }[] = [];
  out.push({ path: 'welcomeMessage', label: 'The welcome message', text: s.welcomeMessage });
  s.welcomeMessages.forEach((text, i) => out.push({ path: `welcomeMessages.${i}`, label: 'A welcome message', text }));
  s.timerMessages.forEach((t, i) => {
    if (t.message !== undefined) out.push({ path: `timerMessages.${i}.message`, label: 'A timer', text: t.message });
    (t.messages ?? []).forEach((text, j) => out.push({ path: `timerMessages.${i}.messages.${j}`, label: 'A timer', text }));
  });
  s.faqRules.forEach((r, i) => {
    if (r.response !== undefined) out.push({ path: `faqRules.${i}.response`, label: `The FAQ answer to “${ruleLabel(r)}”`, text: r.response });
    (r.responses ?? []).forEach((text, j) => out.push({ path: `faqRules.${i}.responses.${j}`, label: `The FAQ answer to “${ruleLabel(r)}”`, text }));
  });
  s.commands.forEach((c, i) => out.push({ path: `commands.${i}.response`, label: `The command !${c.name}`, text: c.response }));
  out.push({ path: 'giveaway.winnerMessage', label: 'The winner message', text: s.giveaway.winnerMessage });
  out.push({ path: 'giveaway.openMessage', label: 'The giveaway opening message', text: s.giveaway.openMessage });
  out.push({ path: 'giveaway.lastCallMessage', label: 'The last call message', text: s.giveaway.lastCallMessage });
  out.push({ path: 'giveaway.closedMessage', label: 'The entries closed message', text: s.giveaway.closedMessage });
  return out;
}

/** Texts that still name the giveaway keyword the seller just replaced. */
export function oldKeywordTexts(previousKeyword: string, s: Settings): SettingsWarning[] {
  const keyword = s.giveaway.keyword;
  if (previousKeyword.trim().toLowerCase() === keyword.trim().toLowerCase()) return [];
  return botTexts(s)
    .filter((t) => namesLiterally(t.text, previousKeyword))
    .map((t) => ({
      code: 'old-keyword' as const,
      path: t.path,
      keyword: previousKeyword,
      message: `${t.label} still says “${previousKeyword}”, but the giveaway keyword is now “${keyword}”. Write {keyword} instead, so it always shows the current one.`,
    }));
}

/** The warnings of a saved change: what the new settings do that the seller may not expect. */
export function settingsWarnings(previous: Settings, next: Settings, changed: readonly string[]): SettingsWarning[] {
  const out: SettingsWarning[] = [...shadowedFaqTriggers(next.faqRules), ...oldKeywordTexts(previous.giveaway.keyword, next)];
  if (changed.includes('welcomeMessage') && !changed.includes('welcomeMessages') && next.welcomeMessages.length > 0) {
    const n = next.welcomeMessages.length;
    out.push({
      code: 'welcome-rotation',
      path: 'welcomeMessages',
      message: `The new welcome message takes turns with ${n} other${n === 1 ? '' : 's'}: ${next.welcomeMessages.map((m) => `“${m}”`).join(', ')}. Remove ${n === 1 ? 'it' : 'them'} under Welcome messages if only the new one should be sent.`,
    });
  }
  return out;
}

/** The settings with `fn` applied to every text the bot sends (welcomes, timers, FAQ answers, commands, winner message). */
export function mapBotTexts(s: Settings, fn: (text: string) => string): Settings {
  const opt = (t: string | undefined) => (t === undefined ? undefined : fn(t));
  return {
    ...s,
    welcomeMessage: fn(s.welcomeMessage),
    welcomeMessages: s.welcomeMessages.map(fn),
    timerMessages: s.timerMessages.map((t) => ({ ...t, message: opt(t.message), messages: t.messages?.map(fn) })),
    faqRules: s.faqRules.map((r) => ({ ...r, response: opt(r.response), responses: r.responses?.map(fn) })),
    commands: s.commands.map((c) => ({ ...c, response: fn(c.response) })),
    giveaway: {
      ...s.giveaway,
      winnerMessage: fn(s.giveaway.winnerMessage),
      openMessage: fn(s.giveaway.openMessage),
      lastCallMessage: fn(s.giveaway.lastCallMessage),
      closedMessage: fn(s.giveaway.closedMessage),
    },
  };
}
