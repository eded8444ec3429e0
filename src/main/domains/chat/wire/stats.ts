/** Counts over the last minute in one-second buckets: O(1) per frame, fixed memory. */
export class MinuteCounter {
  private secs = new Array<number>(60).fill(-1);
  private counts = new Array<number>(60).fill(0);
  private types: (Map<string, number> | null)[] = new Array(60).fill(null);

  add(now: number, type?: string, n = 1): void {
    const sec = Math.floor(now / 1000);
    const i = sec % 60;
    if (this.secs[i] !== sec) {
      this.secs[i] = sec;
      this.counts[i] = 0;
      this.types[i] = null;
    }
    this.counts[i]! += n;
    if (type !== undefined) {
      const m = (this.types[i] ??= new Map());
      m.set(type, (m.get(type) ?? 0) + n);
    }
  }

  total(now: number): number {
    let sum = 0;
    this.each(now, (i) => (sum += this.counts[i]!));
    return sum;
  }

  byType(now: number): Record<string, number> {
    const out: Record<string, number> = {};
    this.each(now, (i) => {
      for (const [t, n] of this.types[i] ?? []) out[t] = (out[t] ?? 0) + n;
    });
    return out;
  }

  private each(now: number, f: (i: number) => void): void {
    const sec = Math.floor(now / 1000);
    for (let i = 0; i < 60; i++) if (this.secs[i]! > sec - 60 && this.secs[i]! <= sec) f(i);
  }
}

const LIVE_MS = 60_000;

/** What the wire reader has done for one account: frames read, events by type, and what it could not read. */
export class WireStats {
  readonly frames = new MinuteCounter();
  readonly events = new MinuteCounter();
  lastAt: number | null = null;
  unknown = 0;
  malformed = 0;

  /** A frame or body read (whether or not it held events we use). */
  decoded(now: number, types: readonly string[]): void {
    this.lastAt = now;
    this.frames.add(now);
    for (const t of types) this.events.add(now, t);
  }

  rejected(reason: 'unknown' | 'malformed'): void {
    if (reason === 'unknown') this.unknown++;
    else this.malformed++;
  }

  live(now: number): boolean {
    return this.lastAt !== null && now - this.lastAt < LIVE_MS;
  }
}

/** What the DOM reader has done for one account. */
export class DomStats {
  readonly rows = new MinuteCounter();
  lastAt: number | null = null;

  seen(now: number, rows: number): void {
    if (rows === 0) return;
    this.lastAt = now;
    this.rows.add(now, undefined, rows);
  }

  live(now: number): boolean {
    return this.lastAt !== null && now - this.lastAt < LIVE_MS;
  }
}
