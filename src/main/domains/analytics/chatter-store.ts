import type { Db } from '../../kernel/db/database.js';

export interface TopChatterRow {
  username: string;
  messages: number;
  lastAt: number;
}

const DAY_MS = 86_400_000;

/** Windows whose first UTC day is this close to the latest line rank from the days' rows, not from the totals. */
const SHORT_WINDOW_DAYS = 2;

interface Candidate {
  username: string;
  /** At least the viewer's lines in the window; candidates come in falling order of it. */
  bound: number;
  /** The viewer's lines in the window. */
  exact(): number;
  lastAt(): number;
}

/**
 * Who wrote the most in a window that runs from `since` to now, from the per-viewer rollups (chat_chatters,
 * chat_chatter_days) without reading every line. Viewers are visited in falling order of a bound on their
 * lines in the window (their total, or for a short window their lines since the window's first UTC day),
 * counted exactly, and the visit stops once the bound falls below the last place of the list: a long tail of
 * occasional viewers is never counted.
 */
export class ChatterRanking {
  private allStmt;
  private byTotalStmt;
  private byRecentDaysStmt;
  private latestStmt;
  private cumBeforeStmt;
  private rawStmt;
  private viewerStmt;

  constructor(db: Db) {
    this.allStmt = db.prepare<{ a: string; limit: number }, TopChatterRow>(
      `SELECT username, n AS messages, last_at AS lastAt FROM chat_chatters WHERE account_id = @a
       ORDER BY n DESC, last_at DESC, username LIMIT @limit`,
    );
    // A viewer wrote in the window exactly when they last wrote at or after its start (it runs to now).
    this.byTotalStmt = db.prepare<{ a: string; since: number }, { username: string; n: number; lastAt: number }>(
      `SELECT username, n, last_at AS lastAt FROM chat_chatters WHERE account_id = @a AND last_at >= @since
       ORDER BY n DESC, last_at DESC, username`,
    );
    this.byRecentDaysStmt = db.prepare<{ a: string; day: number }, { username: string; n: number }>(
      `SELECT username, SUM(n) AS n FROM chat_chatter_days WHERE account_id = @a AND day >= @day
       GROUP BY username ORDER BY n DESC`,
    );
    this.latestStmt = db.prepare<[string], { at: number | null }>('SELECT MAX(last_at) AS at FROM chat_chatters WHERE account_id = ?');
    this.cumBeforeStmt = db.prepare<{ a: string; u: string; day: number }, { cum: number }>(
      `SELECT cum FROM chat_chatter_days WHERE account_id = @a AND username = @u AND day < @day ORDER BY day DESC LIMIT 1`,
    );
    this.rawStmt = db.prepare<{ a: string; u: string; from: number; to: number }, { n: number }>(
      `SELECT COUNT(*) AS n FROM chat_events
       WHERE account_id = @a AND direction = 'received' AND username = @u AND created_at >= @from AND created_at < @to`,
    );
    this.viewerStmt = db.prepare<{ a: string; u: string }, { lastAt: number }>(
      'SELECT last_at AS lastAt FROM chat_chatters WHERE account_id = @a AND username = @u',
    );
  }

  /** Who wrote the most since `since` (ms; 0 or less for all time), with when they last did; ties go to the latest. */
  top(a: string, since: number, limit: number): TopChatterRow[] {
    if (since <= 0) return this.allStmt.all({ a, limit });
    const latest = this.latestStmt.get(a)?.at;
    if (latest === null || latest === undefined || latest < since) return [];
    const firstDay = Math.floor(since / DAY_MS);
    const short = Math.floor(latest / DAY_MS) - firstDay <= SHORT_WINDOW_DAYS;
    return rank(short ? this.byRecentDays(a, since, firstDay) : this.byTotal(a, since), limit);
  }

  /** Bound: the viewer's total. Exact: total - running total before the first whole day + the partial day. */
  private *byTotal(a: string, since: number): Iterable<Candidate> {
    const day = Math.ceil(since / DAY_MS);
    for (const r of this.byTotalStmt.iterate({ a, since })) {
      yield {
        username: r.username,
        bound: r.n,
        exact: () =>
          r.n -
          (this.cumBeforeStmt.get({ a, u: r.username, day })?.cum ?? 0) +
          this.rawStmt.get({ a, u: r.username, from: since, to: day * DAY_MS })!.n,
        lastAt: () => r.lastAt,
      };
    }
  }

  /** Bound: the viewer's lines from the window's first UTC day on. Exact: that minus their lines of it before `since`. */
  private *byRecentDays(a: string, since: number, firstDay: number): Iterable<Candidate> {
    for (const r of this.byRecentDaysStmt.all({ a, day: firstDay })) {
      yield {
        username: r.username,
        bound: r.n,
        exact: () => r.n - this.rawStmt.get({ a, u: r.username, from: firstDay * DAY_MS, to: since })!.n,
        lastAt: () => this.viewerStmt.get({ a, u: r.username })!.lastAt,
      };
    }
  }
}

const before = (x: TopChatterRow, y: TopChatterRow) =>
  y.messages - x.messages || y.lastAt - x.lastAt || (x.username < y.username ? -1 : x.username > y.username ? 1 : 0);

/** The first `limit` in (messages desc, lastAt desc, username) order, visiting candidates until none can enter. */
function rank(candidates: Iterable<Candidate>, limit: number): TopChatterRow[] {
  const best: TopChatterRow[] = [];
  for (const c of candidates) {
    // Equal counts still compete on recency, so only a bound strictly below the last place ends the visit.
    if (best.length === limit && c.bound < best[limit - 1]!.messages) break;
    const messages = c.exact();
    if (messages === 0) continue;
    const row = { username: c.username, messages, lastAt: c.lastAt() };
    if (best.length === limit && before(row, best[limit - 1]!) >= 0) continue;
    let i = best.length;
    while (i > 0 && before(row, best[i - 1]!) < 0) i--;
    best.splice(i, 0, row);
    if (best.length > limit) best.pop();
  }
  return best;
}
