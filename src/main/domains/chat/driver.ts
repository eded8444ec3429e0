import type { ChatDeps, LineReaction } from './types.js';
import { ApiError } from '../../http/errors.js';
import { AccountChat } from './account-chat.js';
import type { BrowserSession } from './browser-session.js';
import { loadSelectorOverrides, profileWithOverrides } from './overrides.js';
import { wireDecoder } from './platforms/decoders.js';
import { builtinProfile, moderatorCommand, type PlatformProfile } from './profiles.js';
import type { SendTimes } from './sender.js';
import { QUEUE_STOP_MS, SessionKeeper, type SessionOptions } from './session-keeper.js';
import { chatSnapshot } from './status.js';
import { ChatDiagnostics } from './diagnostics/recorder.js';
import type { ChatGateway, ChatLine, ChatSessionStatus, ChatWireEvent, ModeratorAction } from './types.js';

export interface ChatDriverOptions extends SessionOptions {
  practice?: boolean;
  /** Keep the routes and the gateway but never launch a browser. */
  noBrowser?: boolean;
}

/**
 * Runs the chat of the active account in a real browser and is the bot's ChatGateway.
 * Follows account switches, restarts a lost browser with backoff, and keeps each account's
 * seen-row identities for the life of the app so nothing is delivered (or answered) twice.
 */
export class ChatDriver implements ChatGateway {
  private listeners = new Set<(line: ChatLine) => LineReaction | void>();
  private eventListeners = new Set<(e: ChatWireEvent) => void>();
  private chats = new Map<string, AccountChat>();
  private baseUrl: string | null = null;
  private unsubscribeBus: (() => void) | null = null;
  private readonly keeper: SessionKeeper;
  /** What `buzzchat doctor` and the site report need beyond the status: frame samples, the last lines. */
  readonly diagnostics = new ChatDiagnostics(this, () => this.s.clock.now());

  constructor(
    private s: ChatDeps,
    private o: ChatDriverOptions = {},
  ) {
    this.keeper = new SessionKeeper(s, o, (c) => this.publishStatus(c));
  }

  private get stopped(): boolean {
    return this.keeper.stopped;
  }

  // --- ChatGateway -------------------------------------------------------------------------------

  onLine(listener: (line: ChatLine) => LineReaction | void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onEvent(listener: (e: ChatWireEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
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

  /** The name the host posts under: the one the open page shows, else the settings' hostUsername. */
  hostName(accountId: string): string | null {
    return this.chats.get(accountId)?.loggedInAs ?? this.s.settings.get(accountId).hostUsername ?? null;
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
    this.keeper.stopped = true;
    this.unsubscribeBus?.();
    // An operation already running (a connect launching Chromium) finishes first, bounded like a send.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.ops, new Promise((r) => (timer = setTimeout(r, QUEUE_STOP_MS)))]);
    clearTimeout(timer);
    await Promise.all([...this.chats.values()].map((c) => this.keeper.shutdown(c)));
    await this.keeper.queuesStopped();
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
      await this.keeper.shutdown(c);
      const times = { lastPostAt: c.times.lastPostAt, lastSentAt: c.times.lastSentAt, unconfirmed: new Map() };
      this.chats.set(accountId, (c = this.newChat(accountId, platform, times)));
    }
    // Made on first use with the platform of the page it opens; kept for the life of the app after that.
    if (!c) this.chats.set(accountId, (c = this.newChat(accountId, platform)));
    // An edited selectors.json takes effect on the next connect, no restart needed.
    c.profile = this.loadProfile(c.platform);
    if (c.wanted && c.url === target && c.browser) return this.status(accountId);
    if (c.browser) await this.keeper.shutdown(c);
    c.url = target;
    c.historyBefore = this.s.clock.now();
    c.wanted = true;
    c.restarts = 0;
    if (c.restartTimer) clearTimeout(c.restartTimer);
    c.restartTimer = null;
    if (this.o.noBrowser) {
      c.lastError = 'Browser disabled (noBrowser)';
      this.publishStatus(c);
      return this.status(accountId);
    }
    await this.keeper.launch(c);
    return this.status(accountId);
  }

  private async disconnectNow(accountId: string): Promise<ChatSessionStatus> {
    const c = this.chats.get(accountId);
    if (c) {
      c.wanted = false;
      await this.keeper.shutdown(c);
      this.publishStatus(c);
    }
    return this.status(accountId);
  }

  /** The account's chat state for a platform; its lines, events and status changes fan out from here. */
  private newChat(accountId: string, platform: string, times?: SendTimes): AccountChat {
    const c: AccountChat = new AccountChat(
      accountId,
      platform,
      this.loadProfile(platform),
      this.diagnostics.decoder(accountId, wireDecoder(platform)),
      () => this.s.clock.now(),
      () => this.s.settings.get(accountId).hostUsername,
      {
        lines: (lines) => this.deliverLines(accountId, lines),
        events: (events) => this.deliverEvents(events),
        statusChanged: () => this.publishStatus(c),
      },
      times,
    );
    return c;
  }

  private deliverLines(accountId: string, lines: ChatLine[]): void {
    for (const line of lines) {
      // The bot answers first, so the published line says what it made of it (analytics records that).
      let reaction: LineReaction | null = null;
      for (const l of this.listeners) {
        try {
          reaction = l(line) ?? reaction;
        } catch (err) {
          this.s.logger.error('Chat line listener failed:', err);
        }
      }
      this.s.events.emit('chat.message', accountId, { ...line, reaction });
    }
  }

  private deliverEvents(events: ChatWireEvent[]): void {
    for (const e of events) {
      for (const l of this.eventListeners) {
        try {
          l(e);
        } catch (err) {
          this.s.logger.error('Chat event listener failed:', err);
        }
      }
    }
  }

  private publishStatus(c: AccountChat): void {
    this.s.events.emit('chat.status', c.accountId, { ...this.snapshot(c, c.accountId) });
  }

  private snapshot(c: AccountChat | undefined, accountId: string): ChatSessionStatus {
    // Without an open page, the platform the next connect will use (the seller may have edited the account).
    const platform = c?.browser ? c.platform : this.platformFor(accountId, c?.url ?? null);
    return chatSnapshot(c, {
      accountId,
      platform,
      profile: c !== undefined && c.platform === platform ? c.profile : this.profileOrBuiltin(platform),
      wireAvailable: wireDecoder(platform) !== null,
      queued: this.s.messages.count(accountId, 'queued'),
      hostUsername: this.s.settings.get(accountId).hostUsername ?? null,
      now: this.s.clock.now(),
    });
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
