import crypto from 'node:crypto';
import type { Clock } from '../../kernel/clock.js';
import type { HostileConfig, MessageCategory, PracticeMessage } from './schema.js';

/** What a page is told; `category` stays server-side (it is the ground truth, not page content). */
export type PageMessage = Omit<PracticeMessage, 'category' | 'ts'>;

export type PageEvent =
  | { t: 'msgs'; msgs: PageMessage[] }
  | { t: 'state'; state: PageState }
  | { t: 'reload' }
  | { t: 'rerender' }
  | { t: 'detach'; count: number }
  | { t: 'hide'; username: string }
  | { t: 'reset' };

export interface PageState {
  live: boolean;
  viewers: number;
  hostName: string;
  virtualizeAfter: number;
}

export interface PageClient {
  write(chunk: string): void;
}

export interface NewLine {
  kind: 'message' | 'join';
  username: string;
  text: string;
  category: MessageCategory;
  host?: boolean;
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
 * The server-side chat of the practice stream: a ring buffer of recent lines (history and reconnect replay),
 * the host's own posts, page-level state, and the pages connected over SSE. Every change is pushed at once;
 * one write per batch keeps high rates cheap.
 */
export class PracticeStream {
  private buffer: PracticeMessage[] = [];
  private seq = 0;
  /** Per process, so ids never repeat across resets or restarts (a reader dedupes on them). */
  private readonly idPrefix = crypto.randomBytes(3).toString('hex');
  private hostLog: HostMessage[] = [];
  /** Users hidden with `/hide` (case-insensitive): their lines stay in the buffer but no page shows them. */
  private hidden = new Set<string>();
  private clients = new Set<PageClient>();
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

  /** Appends lines and pushes them to every page in one event. */
  append(lines: NewLine[]): PracticeMessage[] {
    if (lines.length === 0) return [];
    const ts = this.clock.now();
    const added = lines.map((l): PracticeMessage => {
      const seq = ++this.seq;
      this.counts.set(l.category, (this.counts.get(l.category) ?? 0) + 1);
      return { seq, id: `${this.idPrefix}-${seq.toString(36)}`, kind: l.kind, username: l.username, text: l.text, host: l.host ?? false, category: l.category, ts };
    });
    this.buffer.push(...added);
    // Trim in chunks so the cost is amortised at high rates.
    if (this.buffer.length > this.bufferSize * 1.5) this.buffer.splice(0, this.buffer.length - this.bufferSize);
    const visible = this.hidden.size ? added.filter((m) => !this.isHidden(m)) : added;
    if (visible.length) this.broadcast({ t: 'msgs', msgs: visible.map(toPage) }, added[added.length - 1]!.seq);
    return added;
  }

  /**
   * The host typed into the page and pressed send. Like Whatnot, `/hide user`, `/slow n` and `/raid` are carried
   * out, not echoed into chat; `/announce text` shows the text.
   */
  postHost(text: string): HostMessage {
    const cmd = SILENT_COMMAND.exec(text.trim());
    let entry: HostMessage;
    if (cmd) {
      const command = cmd[1]!.toLowerCase();
      const arg = (cmd[2] ?? '').trim().replace(/^@/, '');
      if (command === 'hide' && arg) {
        this.hidden.add(arg.toLowerCase());
        this.broadcast({ t: 'hide', username: arg });
      }
      entry = { id: `cmd-${this.idPrefix}-${this.hostLog.length.toString(36)}-${this.seq.toString(36)}`, seq: this.seq, text, ts: this.clock.now(), command };
    } else {
      const shown = text.replace(/^\/announce\s+/i, '');
      const [m] = this.append([{ kind: 'message', username: this.hostName, text: shown, category: 'host', host: true }]);
      entry = { id: m!.id, seq: m!.seq, text: shown, ts: m!.ts, command: null };
    }
    this.hostLog.push(entry);
    if (this.hostLog.length > HOST_LOG_MAX) this.hostLog.splice(0, this.hostLog.length - HOST_LOG_MAX);
    return entry;
  }

  hostMessages(since?: number): HostMessage[] {
    return since === undefined ? [...this.hostLog] : this.hostLog.filter((h) => h.ts >= since);
  }

  /** Recent lines, oldest first. */
  recent(opts: { limit?: number; afterSeq?: number } = {}): PracticeMessage[] {
    let out = this.buffer;
    if (opts.afterSeq !== undefined) {
      const after = opts.afterSeq;
      out = out.filter((m) => m.seq > after);
    }
    return opts.limit !== undefined ? out.slice(-opts.limit) : [...out];
  }

  history(): PageMessage[] {
    return this.historySize === 0 ? [] : this.buffer.slice(-this.historySize).filter((m) => !this.isHidden(m)).map(toPage);
  }

  private isHidden(m: PracticeMessage): boolean {
    return !m.host && this.hidden.has(m.username.toLowerCase());
  }

  get lastSeq(): number {
    return this.seq;
  }

  pageState(): PageState {
    return { live: this.live, viewers: this.viewers, hostName: this.hostName, virtualizeAfter: this.hostile.virtualizeAfter };
  }

  pushState(): void {
    this.broadcast({ t: 'state', state: this.pageState() });
  }

  /** Clears chat and the host log; sequence numbers keep counting so ids stay unique. */
  reset(): void {
    this.buffer = [];
    this.hostLog = [];
    this.hidden.clear();
    this.counts.clear();
    this.broadcast({ t: 'reset' });
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

  /** Registers a page and replays what it missed since `afterSeq` (reconnects lose nothing still buffered). */
  connect(client: PageClient, afterSeq: number | null): () => void {
    client.write(`retry: 500\n\n`);
    client.write(frame({ t: 'state', state: this.pageState() }));
    if (afterSeq !== null && afterSeq < this.seq) {
      const missed = this.buffer.filter((m) => m.seq > afterSeq && !this.isHidden(m));
      if (missed.length) client.write(frame({ t: 'msgs', msgs: missed.map(toPage) }, missed[missed.length - 1]!.seq));
    }
    this.clients.add(client);
    return () => this.clients.delete(client);
  }

  get pages(): number {
    return this.clients.size;
  }

  broadcast(event: PageEvent, id?: number): void {
    const chunk = frame(event, id);
    for (const c of this.clients) {
      try {
        c.write(chunk);
      } catch {
        // A dead socket is dropped by its close handler; it must not stop the others.
      }
    }
  }
}

function toPage(m: PracticeMessage): PageMessage {
  return { seq: m.seq, id: m.id, kind: m.kind, username: m.username, text: m.text, host: m.host };
}

function frame(event: PageEvent, id?: number): string {
  return `${id !== undefined ? `id: ${id}\n` : ''}data: ${JSON.stringify(event)}\n\n`;
}
