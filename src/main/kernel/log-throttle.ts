/**
 * Lets the same failure through to the log at most once per interval, counting the repeats it held back, so a
 * full disk under a busy API writes one line a minute instead of a stack per request.
 */
export class LogThrottle {
  private last = new Map<string, { at: number; held: number }>();

  constructor(
    private readonly intervalMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The number of repeats held back since the last one let through, or null when this one is held back. */
  pass(key: string): number | null {
    const t = this.now();
    const seen = this.last.get(key);
    if (seen && t - seen.at < this.intervalMs) {
      seen.held++;
      return null;
    }
    this.last.set(key, { at: t, held: 0 });
    return seen?.held ?? 0;
  }
}
