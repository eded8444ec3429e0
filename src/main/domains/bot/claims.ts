import { usernameKey } from '../../../shared/usernames.js';

export type ClaimStatus = 'pending' | 'claimed' | 'expired';

export interface Claim {
  drawId: string;
  username: string;
  drawnAt: string;
  /** Deadline to write in chat (ISO). */
  deadline: string;
  status: ClaimStatus;
  claimedAt: string | null;
}

interface ClaimState {
  drawId: string;
  username: string;
  key: string;
  drawnAt: number;
  deadline: number;
  claimedAt: number | null;
}

const KEEP = 200;

/**
 * Tracks whether each winner writes in chat within the claim window after a draw, so the host
 * knows whom to reroll. In memory: a claim window is minutes long and meaningless after a restart.
 */
export class ClaimTracker {
  private claims: ClaimState[] = [];

  onDraw(drawId: string, winners: readonly string[], at: number, windowSeconds: number): void {
    if (windowSeconds <= 0) return;
    for (const username of winners) {
      this.claims.push({ drawId, username, key: usernameKey(username), drawnAt: at, deadline: at + windowSeconds * 1000, claimedAt: null });
    }
    if (this.claims.length > KEEP) this.claims.splice(0, this.claims.length - KEEP);
  }

  /** A viewer wrote in chat: claims every open win of theirs. Returns the claims it completed. */
  onChat(username: string, at: number): number {
    let n = 0;
    const key = usernameKey(username);
    for (const c of this.claims) {
      if (c.key === key && c.claimedAt === null && at <= c.deadline) {
        c.claimedAt = at;
        n++;
      }
    }
    return n;
  }

  /** True while some claim waits, so the line handler can skip the scan otherwise. */
  hasPending(now: number): boolean {
    return this.claims.some((c) => c.claimedAt === null && now <= c.deadline);
  }

  list(now: number): Claim[] {
    return this.claims.map((c) => ({
      drawId: c.drawId,
      username: c.username,
      drawnAt: new Date(c.drawnAt).toISOString(),
      deadline: new Date(c.deadline).toISOString(),
      status: c.claimedAt !== null ? 'claimed' : now > c.deadline ? 'expired' : 'pending',
      claimedAt: c.claimedAt === null ? null : new Date(c.claimedAt).toISOString(),
    }));
  }
}
