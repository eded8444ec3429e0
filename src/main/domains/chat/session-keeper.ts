import type { ChatDeps } from './types.js';
import path from 'node:path';
import { ApiError } from '../../http/errors.js';
import type { AccountChat } from './account-chat.js';
import { resolveBrowser } from './browser.js';
import { BrowserSession } from './browser-session.js';
import { SendQueue, type SendQueueOptions } from './sender.js';

/** How long quitting waits for a send in progress to be recorded (an echo wait is cut short by stop). */
export const QUEUE_STOP_MS = 10_000;

export interface SessionOptions extends SendQueueOptions {
  browserPath?: string;
  headless?: boolean;
  /** First restart delay after a crash; doubles up to restartMaxMs. */
  restartBaseMs?: number;
  restartMaxMs?: number;
}

/**
 * Opens and closes an account's browser page and its send queue: launches Chromium with both chat readers,
 * restarts a lost browser with backoff, and keeps the page until the send in progress has seen its echo.
 */
export class SessionKeeper {
  /** Set once the app quits: no launch or restart after it. */
  stopped = false;

  constructor(
    private s: ChatDeps,
    private o: SessionOptions,
    private publish: (c: AccountChat) => void,
  ) {}

  async shutdown(c: AccountChat): Promise<void> {
    if (c.restartTimer) clearTimeout(c.restartTimer);
    c.restartTimer = null;
    this.stopQueue(c);
    // The page stays open, and its rows keep arriving, until the send in progress has seen its echo (or timed
    // out), so a message submitted just before quitting or switching is confirmed, not posted again later.
    await this.queuesStopped();
    if (c.restartTimer) clearTimeout(c.restartTimer);
    c.restartTimer = null;
    const b = c.browser;
    c.browser = null;
    c.pageGone();
    await b?.close();
  }

  /** Queues still recording their last send; the database must stay open until they have. */
  private stoppingQueues = new Set<Promise<void>>();

  private stopQueue(c: AccountChat): void {
    const q = c.queue;
    c.queue = null;
    if (!q) return;
    const done = q.stop().finally(() => this.stoppingQueues.delete(done));
    this.stoppingQueues.add(done);
  }

  /** Waits (bounded: a hung page must not hold up quitting) for stopped queues to finish their current send. */
  async queuesStopped(): Promise<void> {
    if (this.stoppingQueues.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.stoppingQueues), new Promise((r) => (timer = setTimeout(r, QUEUE_STOP_MS)))]);
    clearTimeout(timer);
  }

  async launch(c: AccountChat): Promise<void> {
    if (this.stopped) return;
    let executablePath: string;
    try {
      // A headless session may fall back to the bundled Chromium, whose first start unpacks it (seconds).
      executablePath = (await resolveBrowser({ headless: this.o.headless ?? false, explicit: this.o.browserPath })).path;
    } catch (err) {
      c.lastError = (err as Error).message;
      c.wanted = false;
      this.publish(c);
      throw new ApiError('CHAT_UNAVAILABLE', c.lastError);
    }
    // Stopped or disconnected while the browser was being found: launch nothing.
    if (this.stopped || !c.wanted) return;
    const browser = new BrowserSession({
      executablePath,
      headless: this.o.headless ?? false,
      profileDir: path.join(this.s.dataDir, 'profiles', c.accountId),
      url: c.url!,
      profile: c.profile,
      logger: this.s.logger,
      onPayload: (p) => {
        if (c.browser === browser) c.handlePage(p, browser);
      },
      onLost: (reason) => this.onLost(c, browser, reason),
      wire: c.decoder
        ? {
            decoder: c.decoder,
            now: () => this.s.clock.now(),
            sink: (result, attachedAt) => {
              if (c.browser === browser) c.handleWire(result, attachedAt);
            },
          }
        : undefined,
    });
    c.browser = browser;
    try {
      await browser.open();
    } catch (err) {
      if (c.browser !== browser) {
        await browser.close();
        return;
      }
      c.lastError = `Could not open the chat page: ${(err as Error).message.split('\n')[0]}`;
      this.onLost(c, browser, c.lastError);
      return;
    }
    if (c.browser !== browser) {
      // Replaced or shut down while it opened: never leave a window (and its locked profile) behind.
      await browser.close();
      return;
    }
    c.connected = true;
    c.lastError = null;
    this.stopQueue(c);
    c.queue = new SendQueue(
      c.accountId,
      this.s.messages,
      this.s.settings,
      this.s.clock,
      this.s.logger,
      browser,
      c.self,
      c.profile.maxMessageLength,
      c.times,
      this.o,
    );
    c.queue.start();
    this.publish(c);
  }

  private onLost(c: AccountChat, browser: BrowserSession, reason: string): void {
    if (c.browser !== browser || this.stopped) return;
    this.stopQueue(c);
    c.browser = null;
    c.pageGone();
    c.lastError = reason;
    void browser.close();
    this.publish(c);
    if (!c.wanted) return;
    const delay = Math.min(this.o.restartMaxMs ?? 30_000, (this.o.restartBaseMs ?? 1000) * 2 ** c.restarts);
    c.restarts++;
    this.s.logger.warn(`Chat of ${c.accountId} lost (${reason}); restarting in ${delay} ms`);
    if (c.restartTimer) clearTimeout(c.restartTimer);
    c.restartTimer = setTimeout(() => {
      c.restartTimer = null;
      if (c.wanted && !this.stopped && !c.browser) void this.launch(c).catch((err) => this.s.logger.error('Chat restart failed:', err));
    }, delay);
  }
}
