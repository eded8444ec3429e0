import { botApi, type BotTestResult } from '../../../shared/contract/bot.js';
import { implement } from '../../http/route.js';
import type { AccountService } from '../accounts/service.js';
import type { SettingsService } from '../settings/service.js';
import type { BotEngine, DryRun } from './engine.js';

const seconds = (ms: number) => `${Math.ceil(ms / 1000)} s`;

/** The dry run in the seller's words: what would be posted, or why nothing would. */
export function describeDryRun(run: DryRun, botActive: boolean, username: string): BotTestResult {
  const matched: BotTestResult['matched'] = run.command
    ? { type: 'command', command: run.command.command }
    : run.faq
      ? { type: 'faq', ruleId: run.faq.ruleId, ruleIndex: run.faq.index, trigger: run.faq.trigger }
      : null;
  const base = { botActive, matched, moderation: null, giveawayEntry: false, welcome: null };
  if (run.host) {
    const message = `${username} is your own username (Bot settings → Welcome): your messages never trigger the bot.`;
    return { ...base, matched: null, reply: null, reason: { code: 'host', message } };
  }
  if (run.moderation) {
    const m = run.moderation;
    const what = m.action === 'hide' ? 'hides the message (moderator command)' : 'logs it';
    const message = `The message breaks a moderation rule (${m.reason}: ${m.detail}): the bot ${what} and does not answer.`;
    return {
      ...base,
      matched: null,
      reply: null,
      reason: { code: 'moderation', message },
      moderation: { reason: m.reason, detail: m.detail, action: m.action },
    };
  }
  const hit = run.command ?? run.faq;
  let reply = hit?.text ?? null;
  let reason: BotTestResult['reason'] = null;
  if (!hit) reason = { code: 'no-match', message: 'No FAQ rule or command matches this message.' };
  else if (hit.coolingMs > 0) {
    const whose = run.faq?.perUser ? `for ${username}` : 'after its last answer';
    reason = { code: 'cooldown', message: `It matches, but is cooling down ${whose}: it answers again in ${seconds(hit.coolingMs)}.` };
  } else if (reply === null) reason = { code: 'no-answer', message: `!${run.command?.command} has nothing to say right now.` };
  else if (!run.budgetLeft) {
    reply = null;
    reason = {
      code: 'rate-limit',
      message: 'The bot has sent its messages-per-minute allowance (Bot settings → Welcome & pacing); it skips this answer.',
    };
  }
  if (!botActive && reason === null) reason = { code: 'bot-off', message: 'The bot is stopped: turn it on (Overview) and it answers like this.' };
  return { ...base, reply, reason, giveawayEntry: run.giveawayEntry, welcome: run.welcome };
}

export function botTestRoutes(deps: { accounts: AccountService; settings: SettingsService }, engine: (accountId: string) => BotEngine) {
  return implement(botApi, {
    test: ({ query, body }) => {
      const id = deps.accounts.resolve(query.account).id;
      const username = body.username ?? 'test_viewer';
      return describeDryRun(engine(id).dryRun(body.message, username), deps.settings.get(id).botActive, username);
    },
  });
}
