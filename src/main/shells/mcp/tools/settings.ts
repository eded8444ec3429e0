import { z } from 'zod';
import { settingsPatchSchema, settingsSchema, settingsUpdateResponse, type Settings } from '../../../../shared/contract/settings.js';
import { accountArg, guarded, ok, plural } from '../results.js';
import type { ToolContext } from '../context.js';

const patch = settingsPatchSchema.shape;

/**
 * What an assistant may change through buzzchat_update_settings: the chat-facing behaviour (welcome, FAQ,
 * timers, commands, giveaway rules). Each field is the core's own schema, so validation is identical to
 * PATCH /settings. Left out on purpose: botActive (buzzchat_toggle_bot), moderation, sendMinSpacingMs and
 * hostUsername, which protect the account on the platform and stay with the streamer.
 */
export const settingsUpdateInput = z
  .object({
    welcomeEnabled: patch.welcomeEnabled.describe('Greet viewers who join'),
    welcomeMessage: patch.welcomeMessage.describe('Welcome text; {username} is replaced by the viewer name'),
    welcomeMessages: patch.welcomeMessages.describe('Extra welcome texts rotated with welcomeMessage (replaces the list)'),
    welcomeDelay: patch.welcomeDelay.describe('Milliseconds to wait before greeting (0-600000)'),
    faqRules: patch.faqRules.describe(
      'The COMPLETE list of FAQ auto-replies; it replaces the current list, so read buzzchat_get_settings first and send ' +
        'every rule to keep. Each rule: triggers (words/phrases), response or responses, optional cooldowns and priority.',
    ),
    timerMessages: patch.timerMessages.describe(
      'The COMPLETE list of timed messages (replaces the current list). Each timer: message or messages, intervalMinutes, ' +
        'optional minChatLines, jitterPercent, enabled.',
    ),
    commands: patch.commands.describe('The COMPLETE list of !commands (replaces the current list): name, response, cooldownSeconds, enabled'),
    giveaway: patch.giveaway.describe(
      'Giveaway rules to change (merged): keyword, entriesPerUser, excludeHost, opensAt, closesAt, announceWinners, winnerMessage, …',
    ),
    account: accountArg,
  })
  .strict()
  .refine((v) => Object.keys(v).some((k) => k !== 'account'), 'Give at least one setting to change');

/**
 * Settings as the tools report them: the core's schema, the fields an assistant reads, open so that the rest
 * (commands, moderation, ...) passes through. `commands` is left out of the schema because its name is normalised
 * by a transform, which JSON Schema cannot state.
 */
const settingsOutput = settingsSchema
  .pick({
    botActive: true,
    welcomeEnabled: true,
    welcomeMessage: true,
    welcomeMessages: true,
    welcomeDelay: true,
    timerMessages: true,
    faqRules: true,
    giveaway: true,
  })
  .loose();

export function describeSettings(s: Settings): string {
  const welcome = s.welcomeEnabled ? `welcome on ("${s.welcomeMessage}" after ${s.welcomeDelay / 1000}s)` : 'welcome off';
  return (
    [
      `Bot is ${s.botActive ? 'ON' : 'OFF'}`,
      welcome,
      plural(s.faqRules.length, 'FAQ rule'),
      plural(s.timerMessages.length, 'timer'),
      plural(s.commands?.length ?? 0, 'command'),
      `giveaway keyword "${s.giveaway?.keyword ?? '?'}"`,
    ].join('; ') + '.'
  );
}

export function registerSettingsTools({ server, api, logger }: ToolContext): void {
  server.registerTool(
    'buzzchat_get_settings',
    {
      title: 'Get bot settings',
      description: 'The bot settings of an account: on/off, welcome message, FAQ rules, timers, commands, giveaway rules, moderation.',
      inputSchema: z.object({ account: accountArg }).strict(),
      outputSchema: settingsOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(logger, 'buzzchat_get_settings', async ({ account }) => {
      const s = await api.settings(account);
      return ok(describeSettings(s), s);
    }),
  );

  server.registerTool(
    'buzzchat_update_settings',
    {
      title: 'Update bot settings',
      description:
        'Change the welcome message, FAQ auto-replies, timed messages, !commands or giveaway rules. Only the fields given ' +
        'change; list fields (faqRules, timerMessages, commands, welcomeMessages) replace the whole list. Returns the new settings. ' +
        'To turn the bot on or off use buzzchat_toggle_bot.',
      inputSchema: settingsUpdateInput,
      outputSchema: settingsOutput.extend({ warnings: settingsUpdateResponse.shape.warnings }),
      // Overwrites lists wholesale, so a wrong call loses rules: destructive; the same call twice gives the same state.
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    guarded(logger, 'buzzchat_update_settings', async ({ account, ...changes }) => {
      const s = await api.updateSettings(changes, account);
      // Saved anyway, but probably not what was meant (a shadowed FAQ trigger, an old giveaway keyword): say so.
      const warnings = s.warnings.length ? ` Warnings: ${s.warnings.map((w) => `${w.path}: ${w.message}`).join(' ')}` : '';
      return ok(`Updated ${Object.keys(changes).join(', ')}. ${describeSettings(s)}${warnings}`, s);
    }),
  );

  server.registerTool(
    'buzzchat_toggle_bot',
    {
      title: 'Turn the bot on or off',
      description: 'Start (active: true) or stop (active: false) the chat bot: welcome messages, FAQ replies, timers, commands and sending.',
      inputSchema: z
        .object({
          active: z.boolean().describe('true to turn the bot on, false to turn it off'),
          account: accountArg,
        })
        .strict(),
      outputSchema: z.object({ botActive: settingsSchema.shape.botActive.describe('The bot state after the call') }),
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    guarded(logger, 'buzzchat_toggle_bot', async ({ active, account }) => {
      const s = await api.updateSettings({ botActive: active }, account);
      return ok(`The bot is now ${s.botActive ? 'ON' : 'OFF'}.`, { botActive: s.botActive });
    }),
  );
}
