import path from 'node:path';
import type { Frame } from 'playwright-core';
import type { AppServices } from '../../app/services.js';
import { ApiError } from '../../http/errors.js';
import { detectBrowser } from './browser.js';
import { BrowserSession } from './browser-session.js';
import { LineIngest, SelfTracker } from './ingest.js';
import { loadSelectorOverrides, profileWithOverrides } from './overrides.js';
import type { PagePayload } from './page-script.js';
import { builtinProfile, moderatorCommand, SELECTOR_ROLES, type PlatformProfile } from './profiles.js';
import { SendQueue, type SendQueueOptions, type SendTimes } from './sender.js';
import type { ChatGateway, ChatLine, ChatSessionStatus, ModeratorAction } from './types.js';

/** How long quitting waits for a send in progress to be recorded (an echo wait is cut short by stop). */
const QUEUE_STOP_MS = 10_000;

export interface ChatDriverOptions extends SendQueueOptions {
  practice?: boolean;
  browserPath?: string;
  headless?: boolean;
  /** Keep the routes and the gateway but never launch a browser. */
  noBrowser?: boolean;
  /** First restart delay after a crash; doubles up to restartMaxMs. */
  restartBaseMs?: number;
  restartMaxMs?: number;
}

/** What one account's chat keeps across reloads and browser restarts: seen rows, own texts, the queue. */
class AccountChat {
  browser: BrowserSession | null = null;
  connected = false;
  live = false;
  viewers: number | null = null;
  loggedInAs: string | null = null;
  lastMessageAt: number | null = null;
  lastError: string | null = null;
  health: ChatSessionStatus['selectorHealth'] = {};
  url: string | null = null;
  restarts = 0;
  restartTimer: NodeJS.Timeout | null = null;
  wanted = false;
  readonly self: SelfTracker;
  readonly ingest: LineIngest;
  queue: SendQueue | null = null;
  constructor(
    readonly accountId: string,
    readonly platform: string,
    public profile: PlatformProfile,
    now: () => number,
    hostName: () => string | null,
    /** Its pacing is kept across a platform change, so the gap between posts holds. */
    readonly times: SendTimes = { lastPostAt: 0, lastSentAt: null, unconfirmed: new Map() },
  ) {
    this.self = new SelfTracker(() => [hostName(), this.loggedInAs], now);
    this.ingest = new LineIngest(accountId, platform, this.self, now);
  }
}

/**
 * Runs the chat of the active account in a real browser and is the bot's ChatGateway.
 * Follows account switches, restarts a lost browser with backoff, and keeps each account's
 * seen-row identities for the life of the app so nothing is delivered (or answered) twice.
 */
export class ChatDriver implements ChatGateway {
  private listeners = new Set<(line: ChatLine) => void>();
  private chats = new Map<string, AccountChat>();
  private baseUrl: string | null = null;
  private stopped = false;
  private unsubscribeBus: (() => void) | null = null;

  constructor(
    private s: AppServices,
    private o: ChatDriverOptions = {},
  ) {}

  // --- ChatGateway -------------------------------------------------------------------------------

  onLine(listener: (line: ChatLine) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  isLive(accountId: string): boolean {
    return this.chats.get(accountId)?.live ?? false;
  }

  viewerCount(accountId: string): number | null {
    return this.chats.get(accountId)?.viewers ?? null;
  }

  moderatorCommand(accountId: string, action: ModeratorAction, arg: string): string | null {
    // The open page's profile, else the account's current platform; a broken selectors.json must not take
    // moderation down with it (commands do not depend on selectors).
    const c = this.chats.get(accountId);
    const profile = c?.browser ? c.profile : this.profileOrBuiltin(this.platformFor(accountId, c?.url ?? null));
    return moderatorCommand(profile, action, arg);
  }

  // --- lifecycle ---------------------------------------------------------------------------------

  async start(baseUrl: string): Promise<void> {
    this.baseUrl = baseUrl;
    this.unsubscribeBus = this.s.bus.subscribe((e) => {
      if (e.type !== 'accounts.switched' || !e.accountId) return;
      const next = e.accountId;
      // The switch is published inside the accounts transaction: act once it has committed.
      setImmediate(() => void this.switchTo(next).catch((err) => this.s.logger.error('Chat switch failed:', err)));
    });
    const active = this.s.accounts.active();
    if (this.urlFor(active.id)) await this.connect(active.id).catch((err) => this.s.logger.error('Chat connect failed:', err));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribeBus?.();
    // An operation already running (a connect launching Chromium) finishes first, bounded like a send.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.ops, new Promise((r) => (timer = setTimeout(r, QUEUE_STOP_MS)))]);
    clearTimeout(timer);
    await Promise.all([...this.chats.values()].map((c) => this.shutdown(c)));
    await this.queuesStopped();
  }

  /**
   * Connect, disconnect and account switches run one at a time: two at once could both shut the same state
   * down and both launch, leaving a browser (and a second send queue) nobody stops.
   */
  private ops: Promise<unknown> = Promise.resolve();
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.ops.then(op, op);
    this.ops = run.catch(() => {});
    return run;
  }

  private switchTo(accountId: string): Promise<void> {
    return this.serial(async () => {
      if (this.stopped) return;
      for (const c of this.chats.values()) if (c.accountId !== accountId && c.wanted) await this.disconnectNow(c.accountId);
      if (this.urlFor(accountId)) await this.connectNow(accountId);
    });
  }

  /** The page to open: the given URL, the account's URL, or in practice mode the practice stream. */
  private urlFor(accountId: string, url?: string): string | null {
    if (url) return url;
    const account = this.s.accounts.get(accountId);
    if (account.url) return account.url;
    return this.o.practice && this.baseUrl ? `${this.baseUrl}/practice/` : null;
  }

  /** The profile to read a page with: the practice page is always the practice profile, else the account's platform. */
  private platformFor(accountId: string, target: string | null): string {
    const account = this.s.accounts.get(accountId);
    const practicePage = this.baseUrl ? `${this.baseUrl}/practice/` : null;
    if (this.o.practice && practicePage && (target ?? account.url ?? practicePage).startsWith(practicePage)) return 'practice';
    return account.platform;
  }

  /** The account's chat state, made on first use; a platform change is applied by connect(). */
  private chatFor(accountId: string): AccountChat {
    let c = this.chats.get(accountId);
    if (!c) {
      const platform = this.platformFor(accountId, null);
      c = new AccountChat(accountId, platform, this.loadProfile(platform), () => this.s.clock.now(), () => this.s.settings.get(accountId).hostUsername);
      this.chats.set(accountId, c);
    }
    return c;
  }

  /** The profile for a platform, or the built-in one when selectors.json is broken (status must still answer). */
  private profileOrBuiltin(platform: string): PlatformProfile {
    try {
      return this.loadProfile(platform);
    } catch {
      return builtinProfile(platform);
    }
  }

  private loadProfile(platform: string): PlatformProfile {
    try {
      return profileWithOverrides(platform, loadSelectorOverrides(this.s.dataDir));
    } catch (err) {
      throw new ApiError('CHAT_UNAVAILABLE', (err as Error).message);
    }
  }

  connect(accountId: string, url?: string): Promise<ChatSessionStatus> {
    return this.serial(() => this.connectNow(accountId, url));
  }

  disconnect(accountId: string): Promise<ChatSessionStatus> {
    return this.serial(() => this.disconnectNow(accountId));
  }

  private async connectNow(accountId: string, url?: string): Promise<ChatSessionStatus> {
    if (this.stopped) throw new ApiError('CHAT_UNAVAILABLE', 'BuzzChat is shutting down');
    const target = this.urlFor(accountId, url);
    if (!target) throw new ApiError('VALIDATION_ERROR', 'The account has no live page URL; pass `url` or set the account URL');
    const platform = this.platformFor(accountId, target);
    let c = this.chats.get(accountId);
    if (c && c.platform !== platform) {
      // The seller changed the account's platform: read the page with the new profile. The old state is shut
      // down first (its restart timer too); the send pacing carries over (echoes expected on the old site do not).
      c.wanted = false;
      await this.shutdown(c);
      const times = { lastPostAt: c.times.lastPostAt, lastSentAt: c.times.lastSentAt, unconfirmed: new Map() };
      const next = new AccountChat(accountId, platform, this.loadProfile(platform), () => this.s.clock.now(), () => this.s.settings.get(accountId).hostUsername, times);
      this.chats.set(accountId, next);
      c = next;
    }
    c ??= this.chatFor(accountId);
    // An edited selectors.json takes effect on the next connect, no restart needed.
    c.profile = this.loadProfile(c.platform);
    if (c.wanted && c.url === target && c.browser) return this.status(accountId);
    if (c.browser) await this.shutdown(c);
    c.url = target;
    c.wanted = true;
    c.restarts = 0;
    if (c.restartTimer) clearTimeout(c.restartTimer);
    c.restartTimer = null;
    if (this.o.noBrowser) {
      c.lastError = 'Browser disabled (noBrowser)';
      this.publishStatus(c);
      return this.status(accountId);
    }
    await this.launch(c);
    return this.status(accountId);
  }

  private async disconnectNow(accountId: string): Promise<ChatSessionStatus> {
    const c = this.chats.get(accountId);
    if (c) {
      c.wanted = false;
      await this.shutdown(c);
      this.publishStatus(c);
    }
    return this.status(accountId);
  }

  private async shutdown(c: AccountChat): Promise<void> {
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
    c.connected = false;
    c.live = false;
    c.viewers = null;
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
  private async queuesStopped(): Promise<void> {
    if (this.stoppingQueues.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.stoppingQueues), new Promise((r) => (timer = setTimeout(r, QUEUE_STOP_MS)))]);
    clearTimeout(timer);
  }

  private async launch(c: AccountChat): Promise<void> {
    if (this.stopped) return;
    let executablePath: string;
    try {
      executablePath = detectBrowser(undefined, this.o.browserPath);
    } catch (err) {
      c.lastError = (err as Error).message;
      c.wanted = false;
      this.publishStatus(c);
      throw new ApiError('CHAT_UNAVAILABLE', c.lastError);
    }
    const browser = new BrowserSession({
      executablePath,
      headless: this.o.headless ?? false,
      profileDir: path.join(this.s.dataDir, 'profiles', c.accountId),
      url: c.url!,
      profile: c.profile,
      logger: this.s.logger,
      onPayload: (p, f) => this.onPayload(c, browser, p, f),
      onLost: (reason) => this.onLost(c, browser, reason),
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
    c.queue = new SendQueue(c.accountId, this.s.messages, this.s.settings, this.s.clock, this.s.logger, browser, c.self, c.profile.maxMessageLength, c.times, this.o);
    c.queue.start();
    this.publishStatus(c);
  }

  private onLost(c: AccountChat, browser: BrowserSession, reason: string): void {
    if (c.browser !== browser || this.stopped) return;
    this.stopQueue(c);
    c.browser = null;
    c.connected = false;
    c.live = false;
    c.viewers = null;
    c.lastError = reason;
    void browser.close();
    this.publishStatus(c);
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

  private onPayload(c: AccountChat, browser: BrowserSession, payload: PagePayload, _frame: Frame): void {
    if (c.browser !== browser) return;
    let changed = false;
    if (payload.attached) {
      // A page that shows its chat again counts as a recovery: the next crash starts the backoff afresh.
      c.restarts = 0;
      // The chat can attach before goto() has returned to launch(): it is connected from that moment.
      c.connected = true;
      c.lastError = null;
      changed = true;
      void browser.probe().then((h) => {
        if (h) c.health = h;
      });
    }
    if (payload.state) {
      c.live = payload.state.live;
      c.loggedInAs = payload.state.loggedInAs;
      c.viewers = payload.state.viewers;
      changed = true;
    }
    const lines = c.ingest.accept(payload);
    if (lines.length > 0) c.lastMessageAt = lines[lines.length - 1]!.receivedAt;
    for (const line of lines) {
      this.s.events.emit('chat.message', c.accountId, { ...line });
      for (const l of this.listeners) {
        try {
          l(line);
        } catch (err) {
          this.s.logger.error('Chat line listener failed:', err);
        }
      }
    }
    if (changed) this.publishStatus(c);
    // After the rows are accepted: the restored history may hold the echo of a send the crash cut short,
    // which must confirm it before the queue considers posting it again.
    if (payload.attached) c.queue?.wake();
  }

  private publishStatus(c: AccountChat): void {
    const st = this.snapshot(c);
    this.s.events.emit('chat.status', c.accountId, { ...st });
  }

  private snapshot(c: AccountChat | undefined, accountId?: string): ChatSessionStatus {
    const id = c?.accountId ?? accountId!;
    const queued = this.s.messages.count(id, 'queued');
    // Without an open page, the platform the next connect will use (the seller may have edited the account).
    const platform = c?.browser ? c.platform : this.platformFor(id, c?.url ?? null);
    const same = c !== undefined && c.platform === platform;
    const profile = same ? c.profile : this.profileOrBuiltin(platform);
    const health: ChatSessionStatus['selectorHealth'] = {};
    for (const role of SELECTOR_ROLES) {
      health[role] = (same ? c.health[role] : undefined) ?? { matched: null, tried: profile.selectors[role] ?? [] };
    }
    return {
      accountId: id,
      platform,
      connected: c?.connected ?? false,
      live: c?.live ?? false,
      url: c?.browser?.url ?? c?.url ?? null,
      loggedInAs: c?.loggedInAs ?? this.s.settings.get(id).hostUsername ?? null,
      lastMessageAt: c?.lastMessageAt ? new Date(c.lastMessageAt).toISOString() : null,
      lastError: c?.lastError ?? null,
      selectorHealth: health,
      queue: { queued, lastSentAt: c?.times.lastSentAt ? new Date(c.times.lastSentAt).toISOString() : null },
    };
  }

  /** Current status; probes the selectors afresh when a page is open. */
  async status(accountId: string): Promise<ChatSessionStatus> {
    const c = this.chats.get(accountId);
    if (c?.browser && c.connected) {
      const h = await c.browser.probe();
      if (h) c.health = h;
    }
    return this.snapshot(c, accountId);
  }

  /** For tests and diagnostics: the live browser session of an account. */
  session(accountId: string): BrowserSession | null {
    return this.chats.get(accountId)?.browser ?? null;
  }

  /** For diagnostics and benches: rows dropped as already delivered. */
  duplicatesDropped(accountId: string): number {
    return this.chats.get(accountId)?.ingest.duplicatesDropped ?? 0;
  }
}
