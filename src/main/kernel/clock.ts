/** Time source handed to every service, so tests can drive time by hand. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told; for tests and simulations. */
export class ManualClock implements Clock {
  constructor(private t = Date.UTC(2025, 0, 24, 10, 0, 0)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(ms: number): void {
    this.t = ms;
  }
}
