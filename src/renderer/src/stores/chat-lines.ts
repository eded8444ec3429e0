import type { ChatLine, OutgoingMessage } from '../api/types.js';

/**
 * The chat log as a pure list: lines from the history, from the live stream and the host's own sends merged
 * into one, each shown once. Kept apart from the store so the rules can be tested without timers.
 */

/** Lines kept (and so mounted) at most: the log is a window on the show, the history is one search away. */
export const LINES_MAX = 500;

/** A line in the log, numbered in arrival order (the "new messages" pill counts lines past a number). */
export type LogLine = ChatLine & { seq: number };

export interface Log {
  lines: LogLine[];
  /** The next arrival number. */
  seq: number;
}

/** The site may shorten or split a long text: a part of 20+ characters counts as the echo of it. */
const same = (a: string, b: string) => {
  const x = a.replace(/\s+/g, ' ').trim();
  const y = b.replace(/\s+/g, ' ').trim();
  return x === y || (y.length >= 20 && x.includes(y));
};

/** A bot post already in the log (from the history) seen again as its echo: within this, the same line. */
const ECHO_WINDOW_MS = 30_000;

function isEchoOf(line: ChatLine, others: ChatLine[]): boolean {
  if (!line.self) return false;
  const at = Date.parse(line.at);
  return others.some((o) => o.self && o.text === line.text && Math.abs(Date.parse(o.at) - at) <= ECHO_WINDOW_MS);
}

function trim(lines: LogLine[]): LogLine[] {
  return lines.length > LINES_MAX ? lines.slice(lines.length - LINES_MAX) : lines;
}

/** Appends lines not in the log yet (by key, by queued message, or as the echo of a bot line just shown). */
export function appendLines(log: Log, incoming: ChatLine[]): Log {
  if (!incoming.length) return log;
  const keys = new Set(log.lines.map((l) => l.key));
  const messages = new Set(log.lines.flatMap((l) => (l.messageId ? [l.messageId] : [])));
  const lines = log.lines.slice();
  let seq = log.seq;
  for (const l of incoming) {
    if (keys.has(l.key) || (l.messageId && messages.has(l.messageId)) || isEchoOf(l, lines.slice(-50))) continue;
    keys.add(l.key);
    if (l.messageId) messages.add(l.messageId);
    lines.push({ ...l, seq: seq++ });
  }
  return { lines: trim(lines), seq };
}

/** The history (oldest first) under what arrived live meanwhile. */
export function withHistory(log: Log, history: ChatLine[]): Log {
  const base = appendLines({ lines: [], seq: 0 }, history);
  return appendLines({ lines: base.lines, seq: base.seq }, log.lines);
}

/**
 * A live self line that is not something the host typed on the site is the echo of a queued message: the oldest
 * queued one with its text and no echo yet. Its cause then says whose it is (manual = the host's own) and, when
 * the host's pending line for it is in the log, the echo confirms that line instead of adding another.
 */
export function applyEcho(log: Log, line: ChatLine, outgoing: OutgoingMessage[], echoed: Set<string>): Log {
  if (!line.self || line.sender === 'host') return appendLines(log, [line]);
  let match: OutgoingMessage | undefined;
  for (let i = outgoing.length - 1; i >= 0; i--) {
    const m = outgoing[i]!;
    if (!echoed.has(m.messageId) && m.status !== 'failed' && m.status !== 'cancelled' && same(m.message, line.text)) {
      match = m;
      break;
    }
  }
  if (!match) return appendLines(log, [line]);
  echoed.add(match.messageId);
  const owned = { ...line, messageId: match.messageId, cause: match.cause, sender: match.cause === 'manual' ? ('host' as const) : ('bot' as const) };
  const i = log.lines.findIndex((l) => l.messageId === match.messageId);
  if (i < 0) return appendLines(log, [owned]);
  // Already shown: the host's pending line is confirmed; a bot line from the history is just not shown twice.
  if (log.lines[i]!.status === null) return log;
  const lines = log.lines.slice();
  lines[i] = { ...lines[i]!, status: 'sent', error: null };
  return { ...log, lines };
}

/** The host's own send shown at once, under their name, with its delivery status until the echo confirms it. */
export function pendingLine(m: Pick<OutgoingMessage, 'messageId' | 'message' | 'status' | 'createdAt'>, hostName: string): ChatLine {
  return {
    key: m.messageId,
    id: null,
    username: hostName,
    text: m.message,
    kind: 'message',
    sender: 'host',
    self: true,
    cause: 'manual',
    messageId: m.messageId,
    status: m.status,
    error: null,
    at: m.createdAt,
  };
}

/** A delivery update (message.sent / message.failed) on the host's pending line, if it is in the log. */
export function setStatus(log: Log, messageId: string, status: ChatLine['status'], error: string | null): Log {
  const i = log.lines.findIndex((l) => l.messageId === messageId && l.status !== null);
  if (i < 0) return log;
  const lines = log.lines.slice();
  lines[i] = { ...lines[i]!, status, error };
  return { ...log, lines };
}

/** Lines after `seq` in a list (what arrived since the reader scrolled up), counted from the end. */
export function countAfter(lines: LogLine[], seq: number): number {
  let n = 0;
  for (let i = lines.length - 1; i >= 0 && lines[i]!.seq > seq; i--) n++;
  return n;
}
