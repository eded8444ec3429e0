import { cutIndex, textLength } from '../../../shared/text.js';
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/logger.js';
import type { MessageRow, MessageService } from '../messages/service.js';
import type { SettingsService } from '../settings/service.js';
import type { EchoWait, SelfTracker } from './self-tracker.js';

/** Writes one text into the page's chat; throws when it cannot (no input, page gone). */
export interface ChatPoster {
  /** `submitting` is called right before the text is submitted (Enter), which is what spacing is measured from. */
  post(text: string, submitting: () => void): Promise<void>;
  /** Whether the page is there to post into at all (else messages wait, untouched, in the queue). */
  ready(): boolean;
}

export interface SendTimes {
  lastPostAt: number;
  lastSentAt: number | null;
  /**
   * Messages submitted into the page whose echo was not seen in time (slow site, browser lost right after Enter).
   * Before a retry the queue checks whether the echo came after all, so a message is never posted twice.
   */
  unconfirmed: Map<string, { part: number; echo: EchoWait }>;
}

/**
 * Splits a text longer than the platform allows (YouTube: 200) into parts, at a sentence end where one
 * falls in the second half of the part, else at a space; a single overlong word is cut, never inside an
 * emoji's surrogate pair. No part starts with "/" (the site would run it as a command). Never drops text.
 */
export function splitForChat(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  // Lengths in characters (code points), as validation and storage count them: an emoji is one, never cut in two.
  while (textLength(rest) > max) {
    const fit = cutIndex(rest, max);
    // Plus the next unit: a break right after the last character that fits.
    const window = rest.slice(0, fit + 1);
    const sentence = Math.max(window.lastIndexOf('. '), window.lastIndexOf('! '), window.lastIndexOf('? '));
    let cut = sentence >= fit / 2 ? sentence + 1 : window.lastIndexOf(' ');
    // A break before a "/word" would turn the next part into a command: break at an earlier space.
    while (cut > 0 && rest[cut] === ' ' && rest.slice(cut).trimStart().startsWith('/')) cut = rest.lastIndexOf(' ', cut - 1);
    if (cut <= 0) cut = fit;
    parts.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
    // An unbreakable "/…" run at the start of a part is still not a command once quoted by an ellipsis.
    if (rest.startsWith('/')) rest = `…${rest}`;
  }
  if (rest) parts.push(rest);
  return parts;
}

/**
 * Platform commands (`/hide user`, `/slow 30`, `/timeout user 1`) are carried out by the site, not shown in chat:
 * there is no echo to wait for, so a clean submit (the input took the text and cleared) confirms them.
 */
export function isPlatformCommand(text: string): boolean {
  return /^\/[a-z]+\b/i.test(text.trim());
}

export interface SendQueueOptions {
  /** How long to wait for our own echo before counting an attempt as failed. */
  echoTimeoutMs?: number;
  maxAttempts?: number;
  /** First retry delay; doubles each attempt. */
  retryBaseMs?: number;
}

/**
 * Drains one account's durable queue into the chat: one message at a time, at least
 * `sendMinSpacingMs` apart, each confirmed by its echo or retried with backoff and then failed.
 * Sleeps between messages: woken by onQueued, by a timer at the next due time, or by the page becoming ready.
 */
export class SendQueue {
  private timer: NodeJS.Timeout | null = null;
  private draining = false;
  private again = false;
  private stopped = false;
  private unsubscribe: (() => void) | null = null;
  private drained: Promise<void> = Promise.resolve();
  /** Waits that stop() ends early (the spacing between parts). */
  private stopListeners = new Set<() => void>();
  private readonly echoTimeoutMs: number;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;

  constructor(
    private accountId: string,
    private messages: MessageService,
    private settings: SettingsService,
    private clock: Clock,
    private logger: Logger,
    private poster: ChatPoster,
    private self: SelfTracker,
    private maxLength: number,
    /** Outlives the queue (a browser restart makes a new one), so spacing holds across restarts. */
    private times: SendTimes,
    options: SendQueueOptions = {},
  ) {
    this.echoTimeoutMs = options.echoTimeoutMs ?? 5000;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.retryBaseMs = options.retryBaseMs ?? 1000;
  }

  start(): void {
    this.unsubscribe = this.messages.onQueued((id) => {
      // Called inside enqueue (maybe inside the caller's transaction): drain once that has returned.
      if (id === this.accountId) queueMicrotask(() => this.wake());
    });
    this.wake();
  }

  /**
   * Stops posting. Resolves once the message being sent (if any) has been recorded, so the database can close
   * after it; a wait between parts or for an echo is cut short.
   */
  stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const end of [...this.stopListeners]) end();
    return this.draining ? this.drained : Promise.resolve();
  }

  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.draining = true;
    this.drained = this.drain()
      .catch((err) => this.logger.error('Send queue failed:', err))
      .finally(() => {
        this.draining = false;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private sleepUntil(at: number): void {
    const ms = Math.max(0, at - this.clock.now());
    if (this.timer) clearTimeout(this.timer);
    // setTimeout caps at ~24.8 days; a far-off message just re-arms.
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.wake();
      },
      Math.min(ms, 2 ** 31 - 1),
    );
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      this.again = false;
      if (!this.poster.ready()) return;
      const spacing = this.settings.get(this.accountId).sendMinSpacingMs;
      const notBefore = this.times.lastPostAt + spacing;
      const now = this.clock.now();
      const next = this.messages.nextDueTime(this.accountId);
      if (next === null) return;
      if (next > now || notBefore > now) {
        this.sleepUntil(Math.max(next, notBefore));
        return;
      }
      const row = this.messages.claimNext(this.accountId);
      if (!row) continue;
      await this.sendOne(row);
    }
  }

  private confirm(row: MessageRow): void {
    this.times.unconfirmed.delete(row.id);
    this.times.lastSentAt = this.clock.now();
    this.messages.markSent(row.id);
  }

  /**
   * Posts a message, in parts when it is longer than the platform allows, each part confirmed by its echo
   * and spaced like separate messages. Confirmed parts are stored, so a retry or a restart goes on after them.
   */
  private async sendOne(row: MessageRow): Promise<void> {
    const parts = splitForChat(row.text, this.maxLength);
    let next = row.parts_sent;
    // An earlier attempt at this part reached the chat after all (its echo came late, or with the page restored).
    const pending = this.times.unconfirmed.get(row.id);
    if (pending?.part === next && pending.echo.seen()) {
      this.times.unconfirmed.delete(row.id);
      next++;
      if (next < parts.length) this.messages.markPartSent(row.id, next);
    }
    for (; next < parts.length; next++) {
      if (next > 0 && !(await this.spaceOut())) {
        // Stopped between parts: the rest waits for the next session, after the parts already in chat.
        this.messages.release(row.id);
        return;
      }
      const error = await this.postPart(row, next, parts[next]!);
      if (error !== null) return this.failed(row, error);
      if (parts.length > 1 && next + 1 < parts.length) this.messages.markPartSent(row.id, next + 1);
    }
    this.confirm(row);
  }

  /** Waits out sendMinSpacingMs since the last post; false when the queue stopped meanwhile. */
  private async spaceOut(): Promise<boolean> {
    const wait = this.times.lastPostAt + this.settings.get(this.accountId).sendMinSpacingMs - this.clock.now();
    if (wait > 0) {
      await new Promise<void>((resolve) => {
        const end = () => {
          clearTimeout(timer);
          this.stopListeners.delete(end);
          resolve();
        };
        const timer = setTimeout(end, wait);
        this.stopListeners.add(end);
      });
    }
    return !this.stopped && this.poster.ready();
  }

  /** Posts one part and waits for its echo: null when it is in chat, else why not. */
  private async postPart(row: MessageRow, part: number, text: string): Promise<string | null> {
    const echo = this.self.expect(text);
    let submitted = false;
    let error: string;
    try {
      await this.poster.post(text, () => {
        submitted = true;
        this.times.lastPostAt = this.clock.now();
      });
      if (isPlatformCommand(text)) return null;
      // Not cut short by stop(): once submitted, the echo (at most echoTimeoutMs away) decides, and the driver
      // keeps the page open for it, so a message sent just before quitting is not posted again.
      if (await echo.wait(this.echoTimeoutMs)) {
        this.times.unconfirmed.delete(row.id);
        return null;
      }
      error = `Not seen in chat within ${this.echoTimeoutMs} ms`;
    } catch (err) {
      // Once Enter was pressed the text may be in chat: keep expecting its echo so it is neither answered nor re-sent.
      if (!submitted) echo.cancel();
      error = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    }
    if (submitted) this.times.unconfirmed.set(row.id, { part, echo });
    if (this.times.unconfirmed.size > 1000) this.times.unconfirmed.delete(this.times.unconfirmed.keys().next().value as string);
    return error;
  }

  private failed(row: MessageRow, error: string): void {
    if (this.stopped || !this.poster.ready()) {
      // Shutting down, or the page went away (reload, crash) mid-send: not the message's fault, so the attempt
      // is given back and it waits for the page.
      this.messages.release(row.id, error);
      return;
    }
    const final = row.attempts >= this.maxAttempts;
    this.logger.warn(`Send attempt ${row.attempts} of ${row.id} failed: ${error}${final ? ' (giving up)' : ''}`);
    this.messages.markFailed(row.id, error, final ? null : this.retryBaseMs * 2 ** (row.attempts - 1));
  }
}
