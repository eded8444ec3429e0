import { z } from 'zod';
import { accountQuery, op } from './op.js';

/** Per-account bot settings. The reference's fields first, then what the bot engine needs. */
const text = z.string().trim().min(1).max(500);

export const timerMessageSchema = z
  .object({
    id: z.string().min(1).max(64).optional().describe('Stable id; assigned when omitted'),
    message: text.optional().describe('Message to post; use `messages` to rotate several'),
    messages: z.array(text).max(50).optional().describe('Rotated in order, one per post'),
    intervalMinutes: z.number().min(0.1).max(1440).default(10).describe('Minutes between posts'),
    minChatLines: z.number().int().min(0).max(10_000).default(0).describe('Chat lines required since the last post'),
    jitterPercent: z.number().min(0).max(50).default(10).describe('Random +/- spread on the interval'),
    enabled: z.boolean().default(true),
  })
  .strict()
  .refine((t) => t.message !== undefined || (t.messages?.length ?? 0) > 0, {
    message: 'Write the message this timer should post',
    path: ['message'],
  });

export const faqRuleSchema = z
  .object({
    id: z.string().min(1).max(64).optional(),
    triggers: z.array(z.string().trim().min(1).max(100)).min(1).max(50).describe('Whole words or phrases (or regexes when matchMode is regex)'),
    response: text.optional(),
    responses: z.array(text).max(20).optional().describe('Rotated responses'),
    matchMode: z.enum(['word', 'regex']).default('word'),
    caseSensitive: z.boolean().default(false),
    cooldownSeconds: z.number().min(0).max(86_400).default(30).describe('Global cooldown of this rule'),
    userCooldownSeconds: z.number().min(0).max(86_400).default(120).describe('Per-user cooldown of this rule'),
    priority: z
      .number()
      .int()
      .min(-1000)
      .max(1000)
      .default(0)
      .describe('When several rules match a line, the higher priority answers; on equal priority, the rule earlier in faqRules'),
    enabled: z.boolean().default(true),
  })
  .strict()
  .refine((r) => r.response !== undefined || (r.responses?.length ?? 0) > 0, {
    message: 'Write the answer the bot should send',
    path: ['response'],
  })
  .superRefine((r, ctx) => {
    if (r.matchMode !== 'regex') return;
    for (const t of r.triggers) {
      try {
        new RegExp(t);
      } catch {
        ctx.addIssue({ code: 'custom', message: `Invalid regular expression: ${t}`, path: ['triggers'] });
      }
    }
  });

export const commandSchema = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^!?[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ and - only')
      // overwrite, not transform: the type stays a string, so the name is describable in a response schema too.
      .overwrite((n) => n.replace(/^!/, '').toLowerCase()),
    response: text,
    cooldownSeconds: z.number().min(0).max(86_400).default(10),
    enabled: z.boolean().default(true),
  })
  .strict();

export const moderationSchema = z
  .object({
    enabled: z.boolean().default(false),
    blockedWords: z.array(z.string().trim().min(1).max(100)).max(1000).default([]),
    maxRepeats: z.number().int().min(0).max(100).default(0).describe('Same text from one user within repeatWindowSeconds; 0 = off'),
    repeatWindowSeconds: z.number().min(1).max(3600).default(60),
    blockLinks: z.boolean().default(false).describe('Flag messages with links (https://…, www.…, or a bare shop.com) to other sites'),
    allowedDomains: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .regex(/^(?:[a-z0-9-]+\.)+[a-z]{2,}$/, 'a domain such as whatnot.com'),
      )
      .max(200)
      .default([])
      .describe('Links to these domains (and their subdomains) are fine'),
    maxCapsPercent: z.number().int().min(0).max(100).default(0).describe('Flag messages (12+ letters) with more capitals than this; 0 = off'),
    action: z.enum(['hide', 'log']).default('log').describe('hide uses the platform moderator command when it has one'),
  })
  .strict();

export const giveawaySettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    keyword: z.string().trim().min(1).max(50).default('enter'),
    entriesPerUser: z.number().int().min(1).max(100).default(1),
    excludeHost: z.boolean().default(true),
    opensAt: z.string().datetime().nullable().default(null).describe('Entries before this are ignored'),
    closesAt: z.string().datetime().nullable().default(null).describe('Entries after this are ignored'),
    claimWindowSeconds: z.number().int().min(0).max(86_400).default(0).describe('0 = no claim window'),
    announceWinners: z.boolean().default(true),
    winnerMessage: text.default('Congratulations {winners}! You won the giveaway!'),
    announceOpen: z.boolean().default(true).describe('Say openMessage in chat when the giveaway is opened (POST /giveaway/open)'),
    openMessage: text.default('Giveaway open! Type {keyword} in chat for your chance to win 🎁'),
    announceLastCall: z.boolean().default(true).describe('Say lastCallMessage once, lastCallSeconds before closesAt'),
    lastCallSeconds: z.number().int().min(5).max(3600).default(30),
    lastCallMessage: text.default('Last call! {timeLeft} left: type {keyword} in chat to join the giveaway'),
    announceClosed: z.boolean().default(true).describe('Say closedMessage when entries close (at closesAt or POST /giveaway/close)'),
    closedMessage: text.default('Entries are closed: {entries} entries. Good luck, the draw is next!'),
  })
  .strict();

const thanksRule = (message: string, what: string) =>
  z
    .object({
      enabled: z.boolean().default(false).describe(`Thank ${what} in chat`),
      message: text.default(message),
    })
    .strict();

/** Thanks for what the platform's data stream reports (Whatnot tips and sales, Twitch bits and raids, YouTube Super Chats...). */
export const thanksSchema = z
  .object({
    tips: thanksRule('Thank you for the {amount} tip, {username}! 🙏', 'tippers (tips, bits, Super Chats, gifted subs)').default(() => ({
      enabled: false,
      message: 'Thank you for the {amount} tip, {username}! 🙏',
    })),
    raids: thanksRule('Welcome raiders! Thanks for the raid, {username}, and hi to all {viewers} of you 🎉', 'raiders').default(() => ({
      enabled: false,
      message: 'Welcome raiders! Thanks for the raid, {username}, and hi to all {viewers} of you 🎉',
    })),
    sales: thanksRule('Congrats {username} on {product}! 🎉', 'buyers when an item sells').default(() => ({
      enabled: false,
      message: 'Congrats {username} on {product}! 🎉',
    })),
  })
  .strict();
export type ThanksSettings = z.infer<typeof thanksSchema>;

export const settingsSchema = z
  .object({
    botActive: z.boolean().default(false),
    welcomeEnabled: z.boolean().default(true),
    welcomeMessage: text.default('Welcome to the stream, {username}!'),
    welcomeMessages: z.array(text).max(50).default([]).describe('Extra welcome messages rotated with welcomeMessage'),
    welcomeDelay: z.number().int().min(0).max(600_000).default(3000).describe('Milliseconds before the welcome is sent'),
    welcomeMaxPerMinute: z
      .number()
      .int()
      .min(1)
      .max(120)
      .default(6)
      .describe('Welcomes queued per minute; viewers beyond share one coalesced welcome'),
    botMaxMessagesPerMinute: z
      .number()
      .int()
      .min(1)
      .max(600)
      .default(20)
      .describe('Bot replies, welcomes and timers queued per minute; beyond, replies are skipped and timers wait'),
    timerMessages: z.array(timerMessageSchema).max(100).default([]),
    faqRules: z.array(faqRuleSchema).max(5000).default([]),
    commands: z.array(commandSchema).max(500).default([]),
    moderation: moderationSchema.default(() => moderationSchema.parse({})),
    giveaway: giveawaySettingsSchema.default(() => giveawaySettingsSchema.parse({})),
    thanks: thanksSchema.default(() => thanksSchema.parse({})).describe('Thank tippers, raiders and buyers when the platform reports them'),
    sendMinSpacingMs: z.number().int().min(0).max(60_000).default(1500).describe('Minimum gap between two bot messages'),
    hostUsername: z.string().trim().max(100).nullable().default(null).describe('Logged-in seller name; its messages never trigger the bot'),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;
export type TimerMessage = z.infer<typeof timerMessageSchema>;
export type FaqRule = z.infer<typeof faqRuleSchema>;
export type Command = z.infer<typeof commandSchema>;
export type ModerationSettings = z.infer<typeof moderationSchema>;
export type GiveawaySettings = z.infer<typeof giveawaySettingsSchema>;

/** PATCH body: any subset of the top-level fields; unknown fields are a VALIDATION_ERROR. */
export const settingsPatchSchema = z
  .object({
    botActive: z.boolean(),
    welcomeEnabled: z.boolean(),
    welcomeMessage: text,
    welcomeMessages: z.array(text).max(50),
    welcomeDelay: z.number().int().min(0).max(600_000),
    welcomeMaxPerMinute: z.number().int().min(1).max(120),
    botMaxMessagesPerMinute: z.number().int().min(1).max(600),
    timerMessages: z.array(timerMessageSchema).max(100),
    faqRules: z.array(faqRuleSchema).max(5000),
    commands: z.array(commandSchema).max(500),
    moderation: moderationSchema.partial(),
    giveaway: giveawaySettingsSchema.partial(),
    thanks: thanksSchema.partial(),
    sendMinSpacingMs: z.number().int().min(0).max(60_000),
    hostUsername: z.string().trim().max(100).nullable(),
  })
  .partial()
  .strict();

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
/** What a caller may send (defaults not yet applied). */
export type SettingsPatchInput = z.input<typeof settingsPatchSchema>;

/**
 * Something a saved change does that the seller may not expect; the change is saved anyway.
 * faq-shadowed: a trigger of the rule at `path` never answers, because the rule at `otherIndex` matches every line
 * holding it and is preferred (higher priority, or equal priority and earlier in faqRules). old-keyword: the text at
 * `path` names the replaced giveaway keyword (`keyword`) literally. welcome-rotation: welcomeMessage was replaced
 * while welcomeMessages still take turns with it.
 */
export const settingsWarningSchema = z.object({
  code: z.enum(['faq-shadowed', 'old-keyword', 'welcome-rotation']),
  message: z.string().describe('What happens and how to fix it, in plain words'),
  path: z.string().describe('Where: faqRules.2, timerMessages.0.messages.1, giveaway.winnerMessage, ...'),
  ruleId: z.string().nullable().optional(),
  otherRuleId: z.string().nullable().optional(),
  otherIndex: z.number().int().optional(),
  trigger: z.string().optional(),
  keyword: z.string().optional(),
});
export type SettingsWarning = z.infer<typeof settingsWarningSchema>;

/** PATCH /settings answers the settings (as GET does) plus `warnings`: extra keys in `data` are allowed by the reference. */
export const settingsUpdateResponse = settingsSchema.extend({
  warnings: z.array(settingsWarningSchema).describe('Valid but probably unintended results of this change (saved anyway); [] when none'),
});

export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

const TAG = 'Settings';

export const settingsApi = {
  get: op({
    method: 'get',
    path: '/settings',
    tag: TAG,
    summary: 'Current bot settings of the account',
    scope: 'settings:read',
    query: accountQuery.strict(),
    response: settingsSchema,
  }),
  update: op({
    method: 'patch',
    path: '/settings',
    tag: TAG,
    summary:
      'Update settings: the given fields are validated and merged; unknown fields are rejected. The answer is the new ' +
      'settings plus `warnings` (FAQ triggers another rule always answers first, texts naming a replaced giveaway keyword, ' +
      'a replaced welcome message still taking turns with welcomeMessages)',
    scope: 'settings:write',
    query: accountQuery.strict(),
    // Validated inside the service against the merged result (so cross-field rules hold). Passed through
    // untouched: z.record would drop a `__proto__` key that the strict patch schema must refuse.
    body: z.unknown(),
    bodyDoc: settingsPatchSchema,
    response: settingsUpdateResponse,
  }),
  // Two fixed paths rather than /bot/:action, which would also take POST /bot/test (the bot's dry run).
  start: op({
    method: 'post',
    path: '/bot/start',
    tag: TAG,
    summary: 'Start the bot (same as PATCH /settings {botActive: true})',
    scope: 'settings:write',
    query: accountQuery.strict(),
    response: z.object({ botActive: z.boolean() }),
  }),
  stop: op({
    method: 'post',
    path: '/bot/stop',
    tag: TAG,
    summary: 'Stop the bot (same as PATCH /settings {botActive: false})',
    scope: 'settings:write',
    query: accountQuery.strict(),
    response: z.object({ botActive: z.boolean() }),
  }),
};
