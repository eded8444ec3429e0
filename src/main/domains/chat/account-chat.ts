import type { BrowserSession } from './browser-session.js';
import { isReplay, LineIngest } from './ingest.js';
import { BoundedSet } from './merge.js';
import type { PagePayload } from './page-script.js';
import type { PlatformProfile } from './profiles.js';
import { SelfTracker } from './self-tracker.js';
import type { SendQueue, SendTimes } from './sender.js';
import type { ChatLine, ChatSessionStatus, ChatWireEvent } from './types.js';
import { DomStats, WireStats } from './wire/stats.js';
import type { DecodeResult, WireDecoder, WireEvent } from './wire/types.js';

/** Where an account's lines, events and status changes go (the driver fans them out). */
export interface ChatOutput {
  lines(lines: ChatLine[]): void;
  events(events: ChatWireEvent[]): void;
  statusChanged(): void;
}

type OtherEvent = ChatWireEvent['event'];

/** A show is on air while its status says so (Whatnot `PLAYING`); ended, scheduled or cancelled ones are not. */
const LIVE_STATUS = /^(?:playing|live|started|active|online)$/i;

/**
 * One account's chat as it lasts across reloads, socket reconnects and browser restarts: what both readers
 * saw (one ingest, so a line is delivered once), our own texts, the send queue and pacing, and page state.
 */
export class AccountChat {
  browser: BrowserSession | null = null;
  connected = false;
  loggedInAs: string | null = null;
  lastMessageAt: number | null = null;
  lastError: string | null = null;
  health: ChatSessionStatus['selectorHealth'] = {};
  url: string | null = null;
  restarts = 0;
  restartTimer: NodeJS.Timeout | null = null;
  wanted = false;
  queue: SendQueue | null = null;
  readonly self: SelfTracker;
  readonly ingest: LineIngest;
  readonly wireStats = new WireStats();
  readonly domStats = new DomStats();
  /** What the page shows (null = it shows no badge / count) and what the data stream last said. */
  private page = { live: false, viewers: null as number | null };
  private wire = { live: null as boolean | null, viewers: null as number | null };
  /** Tips and other events with an id, so a replay after a reconnect triggers nothing. */
  private eventIds = new BoundedSet<string>(50_000);

  constructor(
    readonly accountId: string,
    readonly platform: string,
    public profile: PlatformProfile,
    readonly decoder: WireDecoder | null,
    private now: () => number,
    hostName: () => string | null,
    private out: ChatOutput,
    /** Its pacing is kept across a platform change, so the gap between posts holds. */
    readonly times: SendTimes = { lastPostAt: 0, lastSentAt: null, unconfirmed: new Map() },
  ) {
    this.self = new SelfTracker(() => [hostName(), this.loggedInAs], now);
    this.ingest = new LineIngest(accountId, platform, this.self, now);
  }

  /**
   * Lines the data stream stamps before this are history (replayed on joining). Set when the seller connects,
   * not at each socket (re)open: a reconnect's replay of lines we never saw brings real entries and questions,
   * and a socket opening seen late by a busy app must not turn live lines into history.
   */
  historyBefore = 0;

  /** The page shows its LIVE badge, or (when it shows none) the data stream says the show is on. */
  get live(): boolean {
    return this.page.live || (this.wire.live ?? false);
  }

  get viewers(): number | null {
    return this.page.viewers ?? this.wire.viewers;
  }

  /** The page went away: nothing is live or counted until one is open again. */
  pageGone(): void {
    this.connected = false;
    this.page = { live: false, viewers: null };
    this.wire = { live: null, viewers: null };
  }

  /** Rows and state the page script pushed. */
  handlePage(payload: PagePayload, browser: BrowserSession): void {
    let changed = false;
    if (payload.attached) {
      // A page that shows its chat again counts as a recovery: the next crash starts the backoff afresh.
      this.restarts = 0;
      // The chat can attach before goto() has returned to launch(): it is connected from that moment.
      this.connected = true;
      this.lastError = null;
      changed = true;
      void browser.probe().then((h) => {
        if (h) this.health = h;
      });
    }
    if (payload.state) {
      this.page = { live: payload.state.live, viewers: payload.state.viewers };
      this.loggedInAs = payload.state.loggedInAs;
      changed = true;
    }
    const lines = this.ingest.acceptPage(payload);
    this.domStats.seen(this.now(), payload.rows.length);
    // A new join is an event too, whichever path saw it first (the DOM does not know the viewer's id).
    const joins: OtherEvent[] = lines
      .filter((l) => l.kind === 'join' && !l.history)
      .map((l) => ({ type: 'join', userId: null, username: l.username, at: l.pageTs }));
    this.deliver(lines, joins);
    if (changed) this.out.statusChanged();
    // After the rows are accepted: the restored history may hold the echo of a send the crash cut short,
    // which must confirm it before the queue considers posting it again.
    if (payload.attached) this.queue?.wake();
  }

  /** One frame or body from the data stream, decoded (or refused). Runs inside Playwright's event: cheap. */
  handleWire(result: DecodeResult, attachedAt: number): void {
    const now = this.now();
    const since = this.historyBefore || attachedAt;
    if (!result.ok) {
      // Heartbeats and replies are the socket alive and read; refused frames are not.
      if (result.reason === 'unknown') this.wireStats.decoded(now, []);
      this.wireStats.rejected(result.reason);
      return;
    }
    this.wireStats.decoded(
      now,
      result.events.map((e) => e.type),
    );
    const lines: ChatLine[] = [];
    const events: OtherEvent[] = [];
    let changed = false;
    for (const e of result.events) {
      if (e.type === 'message' || e.type === 'join') {
        const line = this.ingest.acceptWire(e, since);
        if (line) lines.push(line);
        if (line && e.type === 'join' && !line.history) events.push(e);
        continue;
      }
      if (this.replayed(e, since)) continue;
      changed = this.applyState(e) || changed;
      events.push(e);
    }
    this.deliver(lines, events);
    if (changed) this.out.statusChanged();
  }

  /** Keeps live and viewers from the data stream; true when what the status shows changed. */
  private applyState(e: OtherEvent): boolean {
    const before = { live: this.live, viewers: this.viewers };
    if (e.type === 'viewers') this.wire.viewers = e.count;
    else if (e.type === 'stream') this.wire.live = LIVE_STATUS.test(e.status);
    else return false;
    return before.live !== this.live || before.viewers !== this.viewers;
  }

  private replayed(e: WireEvent, attachedAt: number): boolean {
    if ('at' in e && isReplay(e.at, attachedAt)) return true;
    const id = e.type === 'tip' ? e.id : null;
    if (id === null) return false;
    const key = `${e.type}:${id}`;
    if (this.eventIds.has(key)) return true;
    this.eventIds.add(key);
    return false;
  }

  private deliver(lines: ChatLine[], events: OtherEvent[]): void {
    if (lines.length > 0) {
      this.lastMessageAt = lines[lines.length - 1]!.receivedAt;
      this.out.lines(lines);
    }
    if (events.length === 0) return;
    const receivedAt = this.now();
    this.out.events(events.map((event) => ({ accountId: this.accountId, platform: this.platform, event, receivedAt })));
  }
}
