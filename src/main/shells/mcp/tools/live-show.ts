import { z } from 'zod';
import { giveawayApi } from '../../../../shared/contract/giveaway.js';
import { showsApi, type ShowView } from '../../../../shared/contract/shows.js';
import { accountArg, guarded, ok, plural, responseOf } from '../results.js';
import type { ToolContext } from '../context.js';

/** "Open the giveaway for two minutes", "how is tonight's show going": what an assistant is asked during a show. */
export function registerLiveShowTools({ server, api, logger }: ToolContext): void {
  server.registerTool(
    'buzzchat_open_giveaway',
    {
      title: 'Open giveaway entries',
      description:
        'Open giveaway entries now, optionally for a number of seconds (entries close by themselves then, after an automatic ' +
        'last call in chat from an active bot) and with a new keyword; newRound starts from no entries.',
      inputSchema: z
        .object({
          durationSeconds: z
            .number()
            .int()
            .min(10)
            .max(86_400)
            .optional()
            .describe('Close entries this many seconds from now; omit to keep them open'),
          keyword: z.string().min(1).max(50).optional().describe('A new keyword viewers type to enter (default: the current one)'),
          newRound: z.boolean().optional().describe('Start from no entries (the current round is kept for the audit trail)'),
          account: accountArg,
        })
        .strict(),
      outputSchema: responseOf(giveawayApi.open),
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    guarded(logger, 'buzzchat_open_giveaway', async ({ account, ...body }) => {
      const s = await api.openGiveaway(body, account);
      const until = s.closesAt ? ` until ${s.closesAt}` : ' until closed';
      return ok(`Giveaway open${until}: viewers enter by typing "${s.keyword}".`, s);
    }),
  );

  server.registerTool(
    'buzzchat_close_giveaway',
    {
      title: 'Close giveaway entries',
      description: 'Close giveaway entries now (entries already in stay; draw with buzzchat_pick_winner). Closing a closed giveaway changes nothing.',
      inputSchema: z.object({ account: accountArg }).strict(),
      outputSchema: responseOf(giveawayApi.close),
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    guarded(logger, 'buzzchat_close_giveaway', async ({ account }) => {
      const s = await api.closeGiveaway(account);
      return ok(`Giveaway entries are ${s.state}.`, s);
    }),
  );

  server.registerTool(
    'buzzchat_get_show',
    {
      title: "Get tonight's show",
      description:
        'The running show (or, when none runs, the latest one) with its figures: chat lines, chatters, FAQ answers, giveaway ' +
        'entries and winners, and what the platform reported (tips, raids, items sold, peak viewers).',
      inputSchema: z.object({ account: accountArg }).strict(),
      outputSchema: z.object({
        show: responseOf(showsApi.current).shape.show.describe('The show, or null when the account has never had one'),
        running: z.boolean().describe('Whether the show is live now'),
      }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(logger, 'buzzchat_get_show', async ({ account }) => {
      const current = await api.currentShow(account);
      const show = current ?? (await api.shows(1, account))[0] ?? null;
      if (!show) return ok('No show yet: a show starts when the live page goes live (or when the chat connects).', { show: null, running: false });
      return ok(describeShow(show), { show, running: current !== null });
    }),
  );
}

function describeShow(s: ShowView): string {
  const st = s.stats;
  const when = s.endedAt ? `ran ${s.startedAt} to ${s.endedAt}` : `live since ${s.startedAt}`;
  const money = (totals: Record<string, number>) =>
    Object.entries(totals)
      .map(([c, v]) => `${v} ${c}`)
      .join(', ');
  const extras = [
    st.tips ? `${plural(st.tips, 'tip')}${Object.keys(st.tipTotals).length ? ` (${money(st.tipTotals)})` : ''}` : '',
    st.raids ? plural(st.raids, 'raid') : '',
    st.itemsSold ? `${plural(st.itemsSold, 'item')} sold${Object.keys(st.salesTotals).length ? ` (${money(st.salesTotals)})` : ''}` : '',
    st.peakViewers !== null ? `peak ${plural(st.peakViewers, 'viewer')}` : '',
  ].filter(Boolean);
  return (
    `Show on ${s.platform} ${when}: ${plural(st.messages, 'chat line')} from ${plural(st.chatters, 'chatter')}, ` +
    `${plural(st.faqAnswers, 'FAQ answer')}, ${plural(st.giveawayEntries, 'giveaway entry', 'giveaway entries')}, ` +
    `${plural(st.winnersDrawn, 'winner')} drawn${extras.length ? `; ${extras.join(', ')}` : ''}.`
  );
}
