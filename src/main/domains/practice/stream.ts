import crypto from 'node:crypto';
import type { Clock } from '../../kernel/clock.js';
import type { HostileConfig, MessageCategory, PracticeMessage } from './schema.js';

/** What the page is told besides chat and show events; not Whatnot traffic (sent on the `practice:control` topic). */
export type ControlEvent =
  | { action: 'reload' }
  | { action: 'rerender' }
  | { action: 'detach'; count: number }
  | { action: 'hide'; username: string }
  | { action: 'reset' }
  | { action: 'config'; hostName: string; mountedRows: number }
  | { action: 'paths'; frames: 'flowing' | 'stopped'; markup: 'whatnot' | 'alternate' };

export type StreamEvent =
  | { t: 'msgs'; msgs: PracticeMessage[] }
  /** Live flag or viewer count changed (Whatnot: `livestream_update`, `livestream_view_count_updated`). */
  | { t: 'state'; what: 'live' | 'viewers' }
  | { t: 'control'; control: ControlEvent }
  /** A Whatnot show event, payload as the frame carries it. */
  | { t: 'show'; topic: 'livestream' | 'commerce'; event: string; payload: Record<string, unknown> };

export interface PageState {
  live: boolean;
  viewers: number;
  hostName: string;
  mountedRows: number;
}

export interface NewLine {
  kind: 'message' | 'join';
  username: string;
  text: string;
  category: MessageCategory;
  host?: boolean;
  variant?: 'announcement';
}

export interface HostMessage {
  id: string;
  seq: number;
  text: string;
  ts: number;
  /** A moderator command the page carried out instead of posting (`hide`, `slow`, `raid`); null for a chat line. */
  command: string | null;
}

/** Whatnot's moderator commands that act without a chat line; `/announce` posts its text, anything else is plain chat. */
const SILENT_COMMAND = /^\/(hide|slow|raid)(?:\s+(.*))?$/is;

const HOST_LOG_MAX = 10_000;

/**
 * The server-side chat of the practice stream: a ring buffer of recent lines (history, channel-join replay and the
 * fallback feed), the host's own posts and page-level state. Every change goes to the listeners (the socket hub)
 * at once; one event per batch keeps high rates cheap.
 */
export class PracticeStream {
  private buffer: PracticeMessage[] = [];
  private seq = 0;
  /**
   * Per process, so ids never repeat across resets or restarts (a reader dedupes on them). An id is
   * `<prefix>-<seq in base 36>`: the page reads the sequence number from it to know where its feed resumes.
   */
  private readonly idPrefix = crypto.randomBytes(3).toString('hex');
  private hostLog: HostMessage[] = [];
  /** Users hidden with `/hide` (case-insensitive): their lines stay in the buffer but no page shows them. */
  private hidden = new Set<string>();
  private listeners = new Set<(ev: StreamEvent) => void>();
  private counts = new Map<MessageCategory, number>();
  live: boolean;
  viewers: number;
  hostName: string;
  hostile: HostileConfig;
  private bufferSize: number;
  historySize: number;

  constructor(
    private clock: Clock,
    init: { live: boolean; viewers: number; hostName: string; hostile: HostileConfig; bufferSize: number; historySize: number },
  ) {
    this.live = init.live;
    this.viewers = init.viewers;
    this.hostName = init.hostName;
    this.hostile = init.hostile;
    this.bufferSize = init.bufferSize;
    this.historySize = init.historySize;
  }

  /** Appends lines and hands the visible ones to the listeners in one event. */
  append(lines: NewLine[]): PracticeMessage[] {
    if (lines.length === 0) return [];
    const ts = this.clock.now();
    const added = lines.map((l): PracticeMessage => {
      const seq = ++this.seq;
      this.counts.set(l.category, (this.counts.get(l.category) ?? 0) + 1);
      const m: PracticeMessage = {
        seq,
        id: `${this.idPrefix}-${seq.toString(36)}`,
        kind: l.kind,
        username: l.username,
        text: l.text,
        host: l.host ?? false,
        category: l.category,
        ts,
      };
      if (l.variant) m.variant = l.variant;
      return m;
    });
    this.buffer.push(...added);
    // Trim in chunks so the cost is amortised at high rates.
    if (this.buffer.length > this.bufferSize * 1.5) this.buffer.splice(0, this.buffer.length - this.bufferSize);
    const visible = this.hidden.size ? added.filter((m) => !this.isHidden(m)) : added;
    if (visible.length) this.emit({ t: 'msgs', msgs: visible });
    return added;
  }

  /**
   * The host pressed send. Like Whatnot, `/hide user`, `/slow n` and `/raid` are carried out, not echoed into
   * chat; `/announce text` shows the text as an announcement.
   */
  postHost(text: string): HostMessage {
    const cmd = SILENT_COMMAND.exec(text.trim());
    let entry: HostMessage;
    if (cmd) {
      const command = cmd[1]!.toLowerCase();
      const arg = (cmd[2] ?? '').trim().replace(/^@/, '');
      if (command === 'hide' && arg) {
        this.hidden.add(arg.toLowerCase());
        this.control({ action: 'hide', username: arg });
      }
      entry = {
        id: `cmd-${this.idPrefix}-${this.hostLog.length.toString(36)}-${this.seq.toString(36)}`,
        seq: this.seq,
        text,
        ts: this.clock.now(),
        command,
      };
    } else {
      const announce = /^\/announce\s+/i.test(text);
      const shown = text.replace(/^\/announce\s+/i, '');
      const [m] = this.append([
        {
          kind: 'message',
          username: this.hostName,
          text: shown,
          category: 'host',
          host: true,
          ...(announce ? { variant: 'announcement' as const } : {}),
        },
      ]);
      entry = { id: m!.id, seq: m!.seq, text: shown, ts: m!.ts, command: null };
    }
    this.hostLog.push(entry);
    if (this.hostLog.length > HOST_LOG_MAX) this.hostLog.splice(0, this.hostLog.length - HOST_LOG_MAX);
    return entry;
  }

  hostMessages(since?: number): HostMessage[] {
    return since === undefined ? [...this.hostLog] : this.hostLog.filter((h) => h.ts >= since);
  }

  /** Recent lines, oldest first, hidden users' included (ground truth). */
  recent(opts: { limit?: number; afterSeq?: number } = {}): PracticeMessage[] {
    let out = this.buffer;
    if (opts.afterSeq !== undefined) {
      const after = opts.afterSeq;
      out = out.filter((m) => m.seq > after);
    }
    return opts.limit !== undefined ? out.slice(-opts.limit) : [...out];
  }

  /** What a page shows on load and what a channel join replays: the last `historySize` visible lines. */
  history(): PracticeMessage[] {
    return this.historySize === 0 ? [] : this.visibleAfter(-1).slice(-this.historySize);
  }

  /** Visible lines after a sequence number (the fallback feed's cursor). */
  visibleAfter(seq: number): PracticeMessage[] {
    const out: PracticeMessage[] = [];
    for (let i = this.buffer.length - 1; i >= 0 && this.buffer[i]!.seq > seq; i--) if (!this.isHidden(this.buffer[i]!)) out.push(this.buffer[i]!);
    return out.reverse();
  }

  private isHidden(m: PracticeMessage): boolean {
    return !m.host && this.hidden.size > 0 && this.hidden.has(m.username.toLowerCase());
  }

  get lastSeq(): number {
    return this.seq;
  }

  pageState(): PageState {
    return { live: this.live, viewers: this.viewers, hostName: this.hostName, mountedRows: this.hostile.mountedRows };
  }

  setLive(live: boolean): void {
    this.live = live;
    this.emit({ t: 'state', what: 'live' });
  }

  setViewers(n: number): void {
    this.viewers = n;
    this.emit({ t: 'state', what: 'viewers' });
  }

  /** Clears chat and the host log; sequence numbers keep counting so ids stay unique. */
  reset(): void {
    this.buffer = [];
    this.hostLog = [];
    this.hidden.clear();
    this.counts.clear();
    this.control({ action: 'reset' });
  }

  stats() {
    const byCategory = Object.fromEntries(this.counts);
    const total = [...this.counts.values()].reduce((a, b) => a + b, 0);
    return {
      total,
      joins: this.counts.get('join') ?? 0,
      host: this.counts.get('host') ?? 0,
      injected: this.counts.get('injected') ?? 0,
      byCategory,
      buffered: this.buffer.length,
      lastSeq: this.seq,
    };
  }

  control(control: ControlEvent): void {
    this.emit({ t: 'control', control });
  }

  show(topic: 'livestream' | 'commerce', event: string, payload: Record<string, unknown>): void {
    this.emit({ t: 'show', topic, event, payload });
  }

  subscribe(listener: (ev: StreamEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(ev: StreamEvent): void {
    for (const l of this.listeners) {
      try {
        l(ev);
      } catch {
        // One broken listener (a socket closing mid-send) must not stop the others.
      }
    }
  }
}
