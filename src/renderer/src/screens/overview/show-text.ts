import { formatMoney } from '../../../../shared/templates.js';
import type { StreamEvent } from '../../../../shared/contract/shows.js';
import type { ChatStatus } from '../../api/types.js';

/** Words for the show card, the past-shows list and the chat card: pure, so they are tested without a page. */

/** "20:14" in this computer's clock. */
export function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
}

/** "45 min", "1 h 5 min", "under a minute". */
export function formatDuration(ms: number): string {
  if (!(ms >= 60_000)) return 'under a minute';
  const m = Math.floor(ms / 60_000);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

/** How long a show ran (or runs), from its start to its end or `now`. */
export function showDuration(s: { startedAt: string; endedAt: string | null }, now = Date.now()): string {
  return formatDuration((s.endedAt ? Date.parse(s.endedAt) : now) - Date.parse(s.startedAt));
}

/** Sums per currency as a viewer reads them, "$7.50 + €3.00"; '' when none. */
export function formatTotals(totals: Record<string, number>): string {
  return Object.entries(totals)
    .map(([currency, amount]) => formatMoney(Math.round(amount * 100) / 100, currency))
    .join(' + ');
}

/** One line per thing the platform reported, e.g. "ana tipped $5.00". */
export function describeStreamEvent(e: StreamEvent): string {
  switch (e.type) {
    case 'tip': {
      const amount = formatMoney(e.amount === null ? null : e.amount * (e.quantity ?? 1), e.currency);
      const what = e.variant && e.variant !== 'tip' ? ` (${e.variant})` : '';
      return `${e.username} tipped${amount ? ` ${amount}` : ''}${what}${e.text ? `: “${e.text}”` : ''}`;
    }
    case 'raid':
      return e.direction === 'incoming'
        ? `${e.fromUsername ?? 'Someone'} raided${e.viewers !== null ? ` with ${e.viewers} viewers` : ''}`
        : `You raided ${e.toUsername ?? 'another show'}`;
    case 'product': {
      const title = e.title ?? 'An item';
      const price = formatMoney(e.price, e.currency);
      if (e.action === 'sold') return `${title} sold${e.buyer ? ` to ${e.buyer}` : ''}${price ? ` for ${price}` : ''}`;
      return `${title} ${e.action === 'created' ? 'listed' : e.action === 'deleted' ? 'removed' : 'updated'}`;
    }
    case 'giveaway':
      if (e.phase === 'won') return `${e.winner ?? 'Someone'} won the platform giveaway${e.title ? ` “${e.title}”` : ''}`;
      return `Platform giveaway${e.title ? ` “${e.title}”` : ''} ${e.phase === 'started' ? 'started' : e.phase === 'ended' ? 'ended' : `has ${e.entryCount ?? 0} entries`}`;
  }
}

export type PathTone = 'good' | 'warn' | 'bad' | 'muted';

/**
 * The chat's two readers in the seller's words: the platform's data stream (wire) and the page reader (DOM).
 * Each line is one reader: live with its pace, ready as a backup, or not delivering since when.
 */
export function describePaths(chat: ChatStatus): { label: string; text: string; tone: PathTone }[] {
  const { wire, dom } = chat.paths;
  const since = (at: string | null) => (at ? `not delivering since ${clockTime(at)}` : 'nothing received yet');
  const stream = !wire.available
    ? { text: 'not used on this site', tone: 'muted' as const }
    : wire.live
      ? { text: `live, ${wire.framesPerMin} updates/min`, tone: 'good' as const }
      : { text: since(wire.lastAt), tone: wire.lastAt ? ('warn' as const) : ('muted' as const) };
  const page = dom.live
    ? { text: dom.role === 'fallback' ? `backup, ${dom.rowsPerMin} lines/min` : `live, ${dom.rowsPerMin} lines/min`, tone: 'good' as const }
    : dom.role === 'fallback'
      ? { text: 'backup ready', tone: 'good' as const }
      : { text: since(dom.lastAt), tone: 'warn' as const };
  return [
    { label: 'Data stream', ...stream },
    { label: 'Page reader', ...page },
  ];
}
