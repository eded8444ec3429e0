import { z } from 'zod';
import { accountQuery, op } from './op.js';

export const entrySchema = z.object({
  username: z.string(),
  timestamp: z.string().describe('When the entry was accepted (ISO 8601)'),
  source: z.string().describe('chat or api'),
});
export type EntryView = z.infer<typeof entrySchema>;

export const entriesQuery = accountQuery
  .extend({
    limit: z.coerce.number().int().min(1).max(100_000).optional(),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const entriesResponse = z.object({
  entries: z.array(entrySchema),
  count: z.number().int().describe('All entries of the current round'),
  uniqueUsers: z.number().int(),
  roundId: z.number().int(),
});
export type EntriesView = z.infer<typeof entriesResponse>;

export const pickWinnerBody = z
  .object({
    count: z
      .number()
      .int()
      .min(1, 'count must be at least 1')
      .default(1)
      .describe('Winners to draw: 1 up to the number of eligible entrants; more is a VALIDATION_ERROR saying how many entered'),
  })
  .strict();

export const pickWinnerResponse = z.object({
  winners: z.array(z.string()),
  timestamp: z.string(),
  drawId: z.string(),
  entriesCount: z.number().int(),
});
export type DrawResultView = z.infer<typeof pickWinnerResponse>;

export const addEntryBody = z.object({ username: z.string().trim().min(1).max(100) }).strict();

/** Either the entry (accepted) or why it was refused (the viewer already has entriesPerUser entries this round). */
export const addEntryResponse = z.discriminatedUnion('accepted', [
  z.object({
    accepted: z.literal(true),
    entryId: z.number().int().describe('Id of the entry in the current round'),
    username: z.string(),
    enteredAt: z.string().describe('ISO 8601'),
  }),
  z.object({
    accepted: z.literal(false),
    reason: z.enum(['limit_reached']).describe('limit_reached: the viewer already has giveaway.entriesPerUser entries'),
  }),
]);
export type AddEntryResult = z.infer<typeof addEntryResponse>;

export const rerollBody = z
  .object({
    drawId: z.string().min(1).optional().describe('Draw to reroll; defaults to the latest'),
    username: z.string().min(1).describe('Winner to replace'),
  })
  .strict();

export const drawSchema = z.object({
  drawId: z.string(),
  roundId: z.number().int(),
  count: z.number().int(),
  winners: z.array(z.string()),
  entriesCount: z.number().int(),
  method: z.string(),
  timestamp: z.string(),
  rerollOf: z.string().nullable().describe('The draw this one rerolled (POST /giveaway/reroll); null for a normal draw'),
  replaced: z.string().nullable().describe('The winner this reroll replaced; null for a normal draw'),
  rerolled: z.array(z.string()).describe('Winners of this draw that a later reroll replaced'),
});
export type DrawView = z.infer<typeof drawSchema>;

const claimSchema = z.object({
  drawId: z.string(),
  username: z.string(),
  drawnAt: z.string(),
  deadline: z.string().describe('The winner must write in chat before this (ISO 8601)'),
  status: z.enum(['pending', 'claimed', 'expired']).describe('expired = no message within the window: reroll with POST /giveaway/reroll'),
  claimedAt: z.string().nullable(),
});

export const claimsResponse = z.object({ claimWindowSeconds: z.number().int(), claims: z.array(claimSchema) });
export type ClaimsView = z.infer<typeof claimsResponse>;

export const openGiveawayBody = z
  .object({
    durationSeconds: z
      .number()
      .int()
      .min(10, 'durationSeconds must be at least 10')
      .max(86_400, 'durationSeconds must be at most 86400 (a day)')
      .optional()
      .describe('Close entries this many seconds from now (closesAt); without it entries stay open until POST /giveaway/close'),
    keyword: z.string().trim().min(1).max(50).optional().describe('The word viewers type to enter (saved as settings.giveaway.keyword)'),
    newRound: z.boolean().default(false).describe('Start from no entries: the current round is cleared first (kept for the audit trail)'),
  })
  .strict();
export type OpenGiveawayInput = z.infer<typeof openGiveawayBody>;

const isoOrNull = z.string().nullable();
export const giveawayStatusSchema = z.object({
  state: z
    .enum(['open', 'scheduled', 'closed', 'off'])
    .describe('open: chat entries count now; scheduled: opensAt is ahead; closed: closesAt has passed; off: settings.giveaway.enabled is false'),
  keyword: z.string(),
  opensAt: isoOrNull.describe('Entries before this are ignored (settings.giveaway.opensAt)'),
  closesAt: isoOrNull.describe('Entries after this are ignored (settings.giveaway.closesAt)'),
  secondsLeft: z.number().int().nullable().describe('Until closesAt while open; null without a closing time or when not open'),
  lastCallAt: isoOrNull.describe('When the last call message goes (went) out: lastCallSeconds before closesAt; null without one'),
  lastCallSent: z.boolean().describe('The last call for the current closing time was announced (giveaway.closing)'),
  entries: z.number().int().describe('Entries of the current round'),
});
export type GiveawayStatusView = z.infer<typeof giveawayStatusSchema>;

const TAG = 'Giveaway';
const accountOnly = accountQuery.strict();

export const giveawayApi = {
  entries: op({
    method: 'get',
    path: '/giveaway/entries',
    tag: TAG,
    summary: 'Entries of the current giveaway round, oldest first',
    scope: 'giveaway:read',
    query: entriesQuery,
    response: entriesResponse,
  }),
  clear: op({
    method: 'delete',
    path: '/giveaway/entries',
    tag: TAG,
    summary: 'Clear all entries (the round is closed and kept for the audit trail)',
    scope: 'giveaway:write',
    query: accountOnly,
    withMessage: true,
    response: z.object({ cleared: z.number().int(), roundId: z.number().int() }),
  }),
  addEntry: op({
    method: 'post',
    path: '/giveaway/entries',
    tag: TAG,
    summary: 'Add an entry by hand (for viewers who entered elsewhere)',
    scope: 'giveaway:write',
    status: 201,
    query: accountOnly,
    body: addEntryBody,
    response: addEntryResponse,
  }),
  pickWinner: op({
    method: 'post',
    path: '/giveaway/pick-winner',
    tag: TAG,
    summary: 'Draw `count` distinct winners, uniformly at random from a cryptographic source; the draw is recorded',
    scope: 'giveaway:write',
    query: accountOnly,
    body: pickWinnerBody,
    response: pickWinnerResponse,
  }),
  reroll: op({
    method: 'post',
    path: '/giveaway/reroll',
    tag: TAG,
    summary:
      'Replace one winner of a draw with a new one (never a previous winner of the round). The reroll is recorded as a draw ' +
      'of its own (GET /giveaway/draws: rerollOf, replaced); rerolling the same winner of a draw twice is a CONFLICT',
    scope: 'giveaway:write',
    errors: ['CONFLICT'],
    query: accountOnly,
    body: rerollBody,
    response: pickWinnerResponse.extend({ replaced: z.string() }),
  }),
  status: op({
    method: 'get',
    path: '/giveaway/status',
    tag: TAG,
    summary: 'Whether entries are open, until when, and when the last call goes out',
    scope: 'giveaway:read',
    query: accountOnly,
    response: giveawayStatusSchema,
  }),
  open: op({
    method: 'post',
    path: '/giveaway/open',
    tag: TAG,
    summary:
      'Open entries now (settings.giveaway.opensAt = now, enabled), optionally for durationSeconds (closesAt = now + duration) ' +
      'and with a new keyword. Publishes giveaway.opened; an active bot says openMessage. With a closing time the bot says ' +
      'lastCallMessage once, lastCallSeconds before it (giveaway.closing), and closedMessage when it passes (giveaway.closed)',
    scope: 'giveaway:write',
    query: accountOnly,
    body: openGiveawayBody,
    response: giveawayStatusSchema,
  }),
  close: op({
    method: 'post',
    path: '/giveaway/close',
    tag: TAG,
    summary:
      'Close entries now (settings.giveaway.closesAt = now). Publishes giveaway.closed and an active bot says closedMessage; ' +
      'closing a giveaway that is not open changes nothing',
    scope: 'giveaway:write',
    query: accountOnly,
    response: giveawayStatusSchema,
  }),
  draws: op({
    method: 'get',
    path: '/giveaway/draws',
    tag: TAG,
    summary: 'Draws of the current round, with their method and entry counts (audit trail)',
    scope: 'giveaway:read',
    query: accountOnly,
    response: z.object({ draws: z.array(drawSchema) }),
  }),
};

/** Served by the bot domain, which watches the chat for winners' claims. */
export const claimsApi = {
  claims: op({
    method: 'get',
    path: '/giveaway/claims',
    tag: TAG,
    summary: 'Whether each recent winner wrote in chat within the claim window (giveaway.claimWindowSeconds)',
    scope: 'giveaway:read',
    query: accountOnly,
    response: claimsResponse,
  }),
};
