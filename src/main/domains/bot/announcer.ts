import { formatMoney, formatTimeLeft } from '../../../shared/templates.js';
import type { Clock } from '../../kernel/clock.js';
import type { BusEvent } from '../../kernel/events/bus.js';
import type { GiveawayService } from '../giveaway/service.js';
import type { MessageService } from '../messages/service.js';
import type { SettingsService } from '../settings/service.js';
import type { ClaimTracker } from './claims.js';
import { render } from './text.js';

export interface AnnouncerDeps {
  clock: Clock;
  settings: SettingsService;
  messages: MessageService;
  giveaway: GiveawayService;
}

/**
 * What the bot says about things that are not chat lines: the giveaway's opening, last call, closing and winners
 * (and their claim windows), and
 * thanks to tippers, raiders and buyers when the platform's data stream reports them (each opt-in in settings).
 * Runs inside the publisher's transaction: an announcement commits, or rolls back, with what it announces.
 */
export function announcer(s: AnnouncerDeps, claims: (accountId: string) => ClaimTracker) {
  function queue(accountId: string, text: string, cause: 'giveaway' | 'thanks'): void {
    s.messages.enqueue({ accountId, text, cause });
  }

  return function onBusEvent(event: BusEvent): void {
    const accountId = event.accountId;
    if (!accountId) return;
    const g = s.settings.get(accountId);
    if (event.type === 'giveaway.winner') {
      const winners = event.data.winners;
      claims(accountId).onDraw(event.data.drawId, winners, s.clock.now(), g.giveaway.claimWindowSeconds);
      if (!g.botActive || !g.giveaway.announceWinners || !winners.length) return;
      const names = winners.join(', ');
      const text = render(g.giveaway.winnerMessage, {
        winners: names,
        winner: names,
        claimSeconds: g.giveaway.claimWindowSeconds,
        host: g.hostUsername,
        keyword: g.giveaway.keyword,
        entries: () => s.giveaway.entryCount(accountId),
      });
      queue(accountId, text, 'giveaway');
      return;
    }
    if (!g.botActive) return;
    const gw = g.giveaway;
    const say = (on: boolean, template: string) => {
      if (!on) return;
      const timeLeft = gw.closesAt ? formatTimeLeft(Date.parse(gw.closesAt) - s.clock.now()) : null;
      queue(
        accountId,
        render(template, { keyword: gw.keyword, timeLeft, host: g.hostUsername, entries: () => s.giveaway.entryCount(accountId) }),
        'giveaway',
      );
    };
    if (event.type === 'giveaway.opened') return say(gw.announceOpen, gw.openMessage);
    if (event.type === 'giveaway.closing') return say(gw.announceLastCall, gw.lastCallMessage);
    if (event.type === 'giveaway.closed') return say(gw.announceClosed, gw.closedMessage);
    const t = g.thanks;
    if (event.type === 'stream.tip' && t.tips.enabled) {
      const d = event.data;
      const amount = formatMoney(d.amount === null ? null : d.amount * (d.quantity ?? 1), d.currency) || (d.quantity ? `${d.quantity} gifts` : '');
      queue(accountId, render(t.tips.message, { username: d.username, amount, host: g.hostUsername }), 'thanks');
    } else if (event.type === 'stream.raid' && t.raids.enabled && event.data.direction === 'incoming') {
      const d = event.data;
      queue(accountId, render(t.raids.message, { username: d.fromUsername, viewers: d.viewers, host: g.hostUsername }), 'thanks');
    } else if (event.type === 'stream.product' && t.sales.enabled && event.data.action === 'sold') {
      const d = event.data;
      queue(
        accountId,
        render(t.sales.message, { username: d.buyer, product: d.title, price: formatMoney(d.price, d.currency), host: g.hostUsername }),
        'thanks',
      );
    }
  };
}
