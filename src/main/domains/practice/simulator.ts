import { seededRandom, type ViewerChatGenerator } from './generator.js';
import type { HostileConfig } from './schema.js';
import type { PracticeShow } from './show.js';
import type { PracticeSocketHub } from './socket.js';
import type { PracticeStream } from './stream.js';

/** Short enough that a trickle feels live, long enough that 1,000+ msg/s goes out as ~20-line batches. */
const TICK_MS = 20;
const VIEWER_DRIFT_MS = 2_000;

/**
 * Drives simulated viewers, the show's events and the periodic hostile behaviours with real timers. Everything
 * it schedules is unref'd and cleared by stopAll(), so it never keeps the process alive.
 */
export class PracticeSimulator {
  private tickTimer: NodeJS.Timeout | null = null;
  private driftTimer: NodeJS.Timeout | null = null;
  private showTimer: NodeJS.Timeout | null = null;
  private hostileTimers: NodeJS.Timeout[] = [];
  private lastTick = 0;
  private owed = 0;
  private jitter: () => number;
  private generated = 0;
  showEveryMs = 0;

  constructor(
    private stream: PracticeStream,
    private generator: ViewerChatGenerator,
    private show: PracticeShow,
    private hub: PracticeSocketHub,
    public rate: number,
    seed: number,
  ) {
    this.jitter = seededRandom(seed ^ 0x5bd1e995);
  }

  setGenerator(g: ViewerChatGenerator): void {
    this.generator = g;
  }

  get running(): boolean {
    return this.tickTimer !== null;
  }

  /** Timers still scheduled (none after stopAll). */
  get scheduled(): number {
    return [this.tickTimer, this.driftTimer, this.showTimer].filter((x) => x !== null).length + this.hostileTimers.length;
  }

  get generatedCount(): number {
    return this.generated;
  }

  start(rate?: number): void {
    if (rate !== undefined) this.rate = rate;
    if (this.tickTimer) return;
    this.lastTick = performance.now();
    this.owed = 0;
    this.tickTimer = unref(setInterval(() => this.tick(), TICK_MS));
    this.driftTimer = unref(setInterval(() => this.show.step('viewers'), VIEWER_DRIFT_MS));
    this.scheduleShow();
  }

  stop(): void {
    for (const t of [this.tickTimer, this.driftTimer, this.showTimer]) if (t) clearInterval(t);
    this.tickTimer = this.driftTimer = this.showTimer = null;
  }

  setShowEvery(ms: number): void {
    this.showEveryMs = ms;
    if (this.running) this.scheduleShow();
  }

  /** Produces n simulated lines right now (also used by tests and benches to skip waiting). */
  burst(n: number): number {
    const lines = [];
    for (let i = 0; i < n; i++) lines.push(this.generator.next());
    this.generated += n;
    this.stream.append(lines);
    return n;
  }

  /** (Re)schedules the periodic hostile behaviours; virtualisation is the page's own and only needs its config. */
  applyHostile(h: HostileConfig): void {
    for (const t of this.hostileTimers) clearInterval(t);
    this.hostileTimers = [];
    const every = (ms: number, fn: () => void) => {
      if (ms > 0) this.hostileTimers.push(unref(setInterval(fn, ms)));
    };
    every(h.rerenderEveryMs, () => this.stream.control({ action: 'rerender' }));
    every(h.reloadEveryMs, () => this.stream.control({ action: 'reload' }));
    every(h.detachEveryMs, () => this.stream.control({ action: 'detach', count: 1 + Math.floor(this.jitter() * 3) }));
    every(h.dropSocketEveryMs, () => this.hub.dropAll());
  }

  stopAll(): void {
    this.stop();
    for (const t of this.hostileTimers) clearInterval(t);
    this.hostileTimers = [];
  }

  private scheduleShow(): void {
    if (this.showTimer) clearInterval(this.showTimer);
    this.showTimer = this.showEveryMs > 0 ? unref(setInterval(() => this.show.stepRandom(), this.showEveryMs)) : null;
  }

  private tick(): void {
    const now = performance.now();
    const dt = now - this.lastTick;
    this.lastTick = now;
    // Jitter each tick's share so arrivals are bursty like a real chat, while the long-run rate holds.
    this.owed += (this.rate * dt * (0.5 + this.jitter())) / 1000;
    const n = Math.floor(this.owed);
    if (n <= 0) return;
    this.owed -= n;
    // A stalled event loop must not turn into one giant burst.
    this.burst(Math.min(n, Math.max(50, Math.ceil(this.rate))));
  }
}

function unref(t: NodeJS.Timeout): NodeJS.Timeout {
  t.unref();
  return t;
}
