import { z } from 'zod';
import { accountQuery, op } from './op.js';

export const botTestBody = z
  .object({
    message: z.string().trim().min(1, 'Type a chat message to test').max(500),
    username: z.string().trim().min(1).max(100).optional().describe('Who writes it (default: a new viewer, test_viewer)'),
  })
  .strict();

/**
 * What the bot would do with one chat line now, computed without sending anything or touching its state
 * (cooldowns, rotations, who was welcomed stay as they are).
 */
export const botTestResult = z.object({
  botActive: z.boolean().describe('false: the bot is off, so in a live show it would do nothing; the rest says what it would do when on'),
  matched: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('faq'), ruleId: z.string(), ruleIndex: z.number().int().describe('Place in faqRules'), trigger: z.string() }),
      z.object({ type: z.literal('command'), command: z.string() }),
    ])
    .nullable()
    .describe('The FAQ rule or command the line matches, also when it would not answer (cooling down)'),
  reply: z.string().nullable().describe('The answer the bot would post (rendered), or null'),
  reason: z
    .object({
      code: z.enum(['bot-off', 'host', 'moderation', 'cooldown', 'rate-limit', 'no-match', 'no-answer']),
      message: z.string().describe('Why, in plain words'),
    })
    .nullable()
    .describe('Why there is no reply (or, with bot-off, why nothing happens now); null when it replies'),
  moderation: z.object({ reason: z.string(), detail: z.string(), action: z.enum(['hide', 'log']) }).nullable(),
  giveawayEntry: z.boolean().describe('The line would enter the giveaway'),
  welcome: z.string().nullable().describe('The welcome this viewer would get first (not welcomed yet this show), or null'),
});
export type BotTestResult = z.infer<typeof botTestResult>;

export const botApi = {
  test: op({
    method: 'post',
    path: '/bot/test',
    tag: 'Settings',
    summary:
      'What the bot would do with a chat message (rule or command, the reply, or why nothing: cooldown, your own name, moderation), without sending',
    scope: 'settings:read',
    query: accountQuery.strict(),
    body: botTestBody,
    response: botTestResult,
  }),
};
