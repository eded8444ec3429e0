/** A per-minute allowance of bot messages, shared by the concerns that talk in chat. */
export class Budget {
  private window = new RateWindow(60_000);
  constructor(public perMinute: number) {}

  allows(now: number): boolean {
    return this.window.allows(now, this.perMinute);
  }

  spend(now: number): void {
    this.window.add(now);
  }
}

/** Counts events in a sliding window (e.g. messages queued in the last minute). */
export class RateWindow {
  private times: number[] = [];
  constructor(private windowMs: number) {}

  count(now: number): number {
    const cutoff = now - this.windowMs;
    let drop = 0;
    while (drop < this.times.length && this.times[drop]! <= cutoff) drop++;
    if (drop) this.times.splice(0, drop);
    return this.times.length;
  }

  allows(now: number, limit: number): boolean {
    return this.count(now) < limit;
  }

  add(now: number): void {
    this.times.push(now);
  }
}
