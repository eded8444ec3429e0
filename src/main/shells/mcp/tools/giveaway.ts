import { z } from 'zod';
import { giveawayApi } from '../../../../shared/contract/giveaway.js';
import { accountArg, guarded, ok, plural, responseOf } from '../results.js';
import type { ToolContext } from '../context.js';

/**
 * Winners of one draw. The API takes any count up to the number of entrants; an assistant asking for more than
 * this is a slip (a live giveaway announces its winners one by one), and every name goes into the tool's answer.
 */
export const MAX_WINNERS_PER_DRAW = 100;

/** The API's own answers, with what an assistant needs to know about the draw id. */
const drawOutput = responseOf(giveawayApi.pickWinner).extend({
  winners: z.array(z.string()).describe('Usernames drawn'),
  drawId: z.string().describe('Id of this draw, for buzzchat_reroll_winner'),
  entriesCount: z.number().int().describe('Entries in the pool when drawn'),
});

/** The giveaway round: entries, draws and rerolls. */
export function registerGiveawayTools({ server, api, logger }: ToolContext): void {
  server.registerTool(
    'buzzchat_get_giveaway_entries',
    {
      title: 'Get giveaway entries',
      description: 'Entries of the current giveaway round, oldest first, with the total count and number of unique users.',
      inputSchema: z
        .object({
          limit: z.number().int().min(1).max(100_000).optional().describe('Most entries to list (default 100); `count` always reports all'),
          offset: z.number().int().min(0).optional().describe('Entries to skip, for paging (default 0)'),
          account: accountArg,
        })
        .strict(),
      outputSchema: responseOf(giveawayApi.entries),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(logger, 'buzzchat_get_giveaway_entries', async ({ limit, offset, account }) => {
      const r = await api.entries(limit ?? 100, offset, account);
      const names = r.entries.slice(0, 20).map((e) => e.username);
      const more = r.entries.length > names.length ? ', …' : '';
      const list = names.length ? `: ${names.join(', ')}${more}` : '';
      return ok(`${plural(r.count, 'entry', 'entries')} from ${plural(r.uniqueUsers, 'user')} in round ${r.roundId}${list}.`, r);
    }),
  );

  server.registerTool(
    'buzzchat_pick_winner',
    {
      title: 'Pick giveaway winner',
      description:
        'Draw `count` distinct winners at random (cryptographic source) from the current entries; the draw is recorded. ' +
        'It does not announce them in chat; use buzzchat_send_message for that if asked.',
      inputSchema: z
        .object({
          count: z
            .number()
            .int()
            .min(1)
            .max(MAX_WINNERS_PER_DRAW)
            .optional()
            .describe(`How many distinct winners to draw (default 1): at most the number of entrants, and at most ${MAX_WINNERS_PER_DRAW}`),
          account: accountArg,
        })
        .strict(),
      outputSchema: drawOutput,
      // Random and recorded: a second call is another draw.
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    guarded(logger, 'buzzchat_pick_winner', async ({ count, account }) => {
      const r = await api.pickWinner(count, account);
      return ok(
        `Winner${r.winners.length === 1 ? '' : 's'}: ${r.winners.join(', ')} (draw ${r.drawId}, ${plural(r.entriesCount, 'entry', 'entries')}).`,
        r,
      );
    }),
  );

  server.registerTool(
    'buzzchat_reroll_winner',
    {
      title: 'Reroll giveaway winner',
      description:
        'Replace one winner of a draw (e.g. who did not claim the prize) with a new random winner who has not won in this round. ' +
        'The original draw stays in the audit trail.',
      inputSchema: z
        .object({
          username: z.string().min(1).max(100).describe('The winner to replace, as returned by buzzchat_pick_winner'),
          drawId: z.string().min(1).optional().describe('Draw to reroll; defaults to the latest draw of the round'),
          account: accountArg,
        })
        .strict(),
      outputSchema: drawOutput.extend({ replaced: responseOf(giveawayApi.reroll).shape.replaced.describe('The winner who was replaced') }),
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    guarded(logger, 'buzzchat_reroll_winner', async ({ username, drawId, account }) => {
      const r = await api.reroll(username, drawId, account);
      return ok(`Replaced ${r.replaced} with ${r.winners.join(', ')} (draw ${r.drawId}).`, r);
    }),
  );

  server.registerTool(
    'buzzchat_clear_giveaway_entries',
    {
      title: 'Clear giveaway entries',
      description:
        'Remove all entries of the current giveaway round and start a new, empty round. Cannot be undone: only do this when ' +
        'the streamer asks to reset or start a new giveaway.',
      inputSchema: z.object({ account: accountArg }).strict(),
      outputSchema: responseOf(giveawayApi.clear).extend({ cleared: z.number().int().describe('Entries removed') }),
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    guarded(logger, 'buzzchat_clear_giveaway_entries', async ({ account }) => {
      const r = await api.clearEntries(account);
      return ok(`Cleared ${plural(r.cleared, 'entry', 'entries')}; a new round has started.`, r);
    }),
  );
}
