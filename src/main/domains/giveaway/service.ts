import { usernameKey } from '../../../shared/usernames.js';
import crypto from 'node:crypto';
import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/database.js';
import { ApiError, notFound } from '../../http/errors.js';
import type { EventPublisher } from '../../kernel/events/publisher.js';
import { newId } from '../../kernel/ids.js';
import type { SettingsService } from '../settings/service.js';
import type { DrawRow, EntryRow, GiveawayStore } from './store.js';
import { GiveawayTimer } from './timer.js';

/** Usernames compare case- and width-insensitively: "Viewer123" and "viewer123" are one entrant. */

export type EntryOutcome = { accepted: true; entryId: number; username: string; enteredAt: string } | { accepted: false; reason: 'limit_reached' };

const DRAW_METHOD = 'crypto.randomInt, uniform over entries, one win per user';

export class GiveawayService {
  /** The entry window: open, close, the last call and the closing (timer.ts). */
  readonly window: GiveawayTimer;

  constructor(
    private db: Db,
    private store: GiveawayStore,
    private clock: Clock,
    private events: EventPublisher,
    settings: SettingsService,
  ) {
    this.window = new GiveawayTimer({ clock, events, settings, entryCount: (a) => this.entryCount(a), clear: (a) => this.clear(a) });
  }

  private roundId(accountId: string): number {
    return this.store.openRound(accountId) ?? this.store.newRound(accountId, this.clock.now());
  }

  /**
   * Records one entry. The row is written (and the `giveaway.entry` event put in the webhook outbox)
   * in one transaction before the entry counts.
   */
  addEntry(accountId: string, input: { username: string; text?: string | null; source?: 'chat' | 'api'; entriesPerUser: number }): EntryOutcome {
    return this.db.transaction((): EntryOutcome => {
      const roundId = this.roundId(accountId);
      const key = usernameKey(input.username);
      if (this.store.entriesOfUser(roundId, key) >= input.entriesPerUser) return { accepted: false, reason: 'limit_reached' };
      const at = this.clock.now();
      const entryId = this.store.insertEntry({
        roundId,
        accountId,
        username: input.username,
        userKey: key,
        text: input.text ?? null,
        source: input.source ?? 'chat',
        at,
      });
      const enteredAt = new Date(at).toISOString();
      this.events.emit('giveaway.entry', accountId, { username: input.username, entryTime: enteredAt, accountId });
      return { accepted: true, entryId, username: input.username, enteredAt };
    })();
  }

  entries(accountId: string, limit?: number, offset = 0) {
    const roundId = this.roundId(accountId);
    const counts = this.store.counts(roundId);
    return {
      entries: this.store.entries(roundId, limit, offset).map((e) => ({
        username: e.username,
        timestamp: new Date(e.entered_at).toISOString(),
        source: e.source,
      })),
      count: counts.n,
      uniqueUsers: counts.users,
      roundId,
    };
  }

  /** Entries of the current round, for `{entries}` in bot messages. */
  entryCount(accountId: string): number {
    const roundId = this.store.openRound(accountId);
    return roundId === undefined ? 0 : this.store.counts(roundId).n;
  }

  /** Closes the current round (kept for the audit trail) and opens an empty one. */
  clear(accountId: string): { cleared: number; roundId: number } {
    return this.db.transaction(() => {
      const roundId = this.roundId(accountId);
      const cleared = this.store.counts(roundId).n;
      this.store.clearRound(roundId, this.clock.now());
      const next = this.store.newRound(accountId, this.clock.now());
      this.events.emit('giveaway.cleared', accountId, { accountId, cleared, roundId: next });
      return { cleared, roundId: next };
    })();
  }

  drawWinners(accountId: string, count: number, options: { exclude?: string[]; rerollOf?: string; replaced?: string } = {}) {
    return this.db.transaction(() => {
      const roundId = this.roundId(accountId);
      const all = this.store.entries(roundId);
      const excluded = new Set((options.exclude ?? []).map(usernameKey));
      const pool = all.filter((e) => !excluded.has(e.user_key));
      const users = new Set(pool.map((e) => e.user_key)).size;
      if (users === 0) {
        throw new ApiError(
          'VALIDATION_ERROR',
          options.rerollOf
            ? 'Everyone who entered has already won in this round: nobody is left to draw'
            : 'Nobody has entered the giveaway yet, so there is no one to draw',
        );
      }
      if (count > users) {
        throw new ApiError(
          'VALIDATION_ERROR',
          `Only ${users} ${users === 1 ? 'viewer has' : 'viewers have'} entered, so at most ${users} ${users === 1 ? 'winner' : 'winners'} can be drawn (asked for ${count})`,
        );
      }
      const winners = pickUnique(pool, count);
      const at = this.clock.now();
      const drawId = newId('draw', 12);
      this.store.insertDraw({
        id: drawId,
        accountId,
        roundId,
        count,
        winners,
        snapshot: all.map((e) => [e.username, e.entered_at]),
        method: DRAW_METHOD,
        at,
        rerollOf: options.rerollOf,
        replaced: options.replaced,
      });
      const timestamp = new Date(at).toISOString();
      this.events.emit('giveaway.winner', accountId, { winners, drawId, entriesCount: all.length, accountId, timestamp });
      return { winners, timestamp, drawId, entriesCount: all.length };
    })();
  }

  /** Replaces one winner of a draw (no claim, left, ...) with a new one, never a previous winner of the round. */
  reroll(accountId: string, username: string, drawId?: string) {
    const roundId = this.roundId(accountId);
    const draws = this.store.draws(roundId);
    const key = usernameKey(username);
    const wonIn = (d: DrawRow) => (JSON.parse(d.winners) as string[]).some((w) => usernameKey(w) === key);
    const replacedIn = (d: DrawRow) => draws.some((r) => r.reroll_of === d.id && r.replaced !== null && usernameKey(r.replaced) === key);
    // Without a drawId: the latest draw this winner still stands in (a reroll is a draw of its own, so "the latest" may not hold them).
    const draw = drawId ? this.store.drawById(drawId) : ([...draws].reverse().find((d) => wonIn(d) && !replacedIn(d)) ?? draws[draws.length - 1]);
    if (!draw || draw.account_id !== accountId) throw notFound(drawId ? `Draw ${drawId}` : 'A draw in the current round');
    const winners = JSON.parse(draw.winners) as string[];
    const winner = winners.find((w) => usernameKey(w) === usernameKey(username));
    if (!winner) throw new ApiError('VALIDATION_ERROR', `${username} is not a winner of draw ${draw.id}`);
    if (replacedIn(draw)) {
      throw new ApiError('CONFLICT', `${winner} was already rerolled in draw ${draw.id}`);
    }
    const previousWinners = draws.flatMap((d) => JSON.parse(d.winners) as string[]);
    return { replaced: winner, ...this.drawWinners(accountId, 1, { exclude: previousWinners, rerollOf: draw.id, replaced: winner }) };
  }

  /** Draws of the current round, oldest first; each says which of its winners a later reroll replaced. */
  draws(accountId: string) {
    const rows = this.store.draws(this.roundId(accountId));
    return rows.map((d) =>
      toDrawView(
        d,
        rows.filter((r) => r.reroll_of === d.id && r.replaced !== null).map((r) => r.replaced!),
      ),
    );
  }
}

function toDrawView(d: DrawRow, rerolled: string[]) {
  return {
    rerollOf: d.reroll_of,
    replaced: d.replaced,
    rerolled,
    drawId: d.id,
    roundId: d.round_id,
    count: d.count,
    winners: JSON.parse(d.winners) as string[],
    entriesCount: (JSON.parse(d.entries_snapshot) as unknown[]).length,
    method: d.method,
    timestamp: new Date(d.created_at).toISOString(),
  };
}

/**
 * Uniform draw over entries (a user with two entries has two tickets); a drawn user's tickets leave the pool.
 * Tickets of drawn users are skipped and the pool compacted once they are half of it, so a draw costs
 * O(entries + count) instead of one pass over the pool per winner: drawing all of 60,000 entrants stays fast.
 */
function pickUnique(pool: EntryRow[], count: number): string[] {
  const ticketsOf = new Map<string, number>();
  for (const e of pool) ticketsOf.set(e.user_key, (ticketsOf.get(e.user_key) ?? 0) + 1);
  const drawn = new Set<string>();
  let tickets = pool;
  let live = pool.length;
  const winners: string[] = [];
  while (winners.length < count) {
    if (live * 2 < tickets.length) tickets = tickets.filter((e) => !drawn.has(e.user_key));
    const pick = tickets[crypto.randomInt(tickets.length)]!;
    // Rejection keeps each accepted pick uniform over the tickets of users not drawn yet.
    if (drawn.has(pick.user_key)) continue;
    drawn.add(pick.user_key);
    live -= ticketsOf.get(pick.user_key)!;
    winners.push(pick.username);
  }
  return winners;
}
