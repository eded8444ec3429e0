import type { Settings } from '../settings/schema.js';
import { send, type SendAction } from './actions.js';
import { RateWindow, type Budget } from './budget.js';
import { joinNames, render, Rotation, type TemplateVars } from './text.js';

/** Names in one coalesced welcome; more wait for the next one. */
const NAMES_PER_WELCOME = 8;
/** Beyond this many waiting viewers the oldest are dropped: a welcome minutes late is noise. */
const MAX_WAITING = 200;

export type { TemplateVars };

/**
 * Welcomes each viewer once per stream session, rotating the configured messages. At most
 * `welcomeMaxPerMinute` welcomes are queued per minute; viewers arriving beyond that are greeted
 * together in one coalesced message ("Welcome, a, b and c!") when the allowance frees up.
 */
export class Welcomer {
  private welcomed = new Set<string>();
  private waiting: string[] = [];
  private rotation = new Rotation();
  private window = new RateWindow(60_000);

  resetSession(): void {
    this.welcomed.clear();
    this.waiting = [];
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  hasWelcomed(userKey: string): boolean {
    return this.welcomed.has(userKey);
  }

  /** The welcome a viewer not yet welcomed would get next, changing nothing (the bot tester). */
  preview(username: string, userKey: string, s: Settings, vars: TemplateVars): string | null {
    if (!s.welcomeEnabled || this.welcomed.has(userKey)) return null;
    return render(this.rotation.peek([s.welcomeMessage, ...s.welcomeMessages])!, { ...vars, username });
  }

  /** First sight of a viewer in this session: a welcome now, or a place in the coalesced one. */
  onViewer(username: string, userKey: string, now: number, s: Settings, budget: Budget, vars: TemplateVars): SendAction | null {
    if (!s.welcomeEnabled || this.welcomed.has(userKey)) return null;
    this.welcomed.add(userKey);
    if (this.waiting.length === 0 && this.window.allows(now, s.welcomeMaxPerMinute) && budget.allows(now)) {
      return this.emit([username], now, s, budget, vars, s.welcomeDelay);
    }
    this.waiting.push(username);
    if (this.waiting.length > MAX_WAITING) this.waiting.splice(0, this.waiting.length - MAX_WAITING);
    return null;
  }

  /** Called on every tick: greets waiting viewers together once the allowance permits. */
  flush(now: number, s: Settings, budget: Budget, vars: TemplateVars): SendAction | null {
    if (this.waiting.length === 0) return null;
    if (!s.welcomeEnabled) {
      this.waiting = [];
      return null;
    }
    if (!this.window.allows(now, s.welcomeMaxPerMinute) || !budget.allows(now)) return null;
    const names = this.waiting.splice(0, NAMES_PER_WELCOME);
    return this.emit(names, now, s, budget, vars, 0);
  }

  private emit(names: string[], now: number, s: Settings, budget: Budget, vars: TemplateVars, delayMs: number): SendAction | null {
    const template = this.rotation.pick([s.welcomeMessage, ...s.welcomeMessages])!;
    this.window.add(now);
    budget.spend(now);
    return send(render(template, { ...vars, username: joinNames(names) }), 'welcome', delayMs);
  }
}
