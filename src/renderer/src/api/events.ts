import type { LiveEvent } from './types.js';

/**
 * Live events over Server-Sent Events, read with fetch() because EventSource cannot send the
 * Authorization header. Reconnects with backoff and resumes with Last-Event-ID.
 */
export interface SseMessage {
  event: string;
  data: string;
  id: string | null;
}

/** Incremental text/event-stream parser (WHATWG rules: CR/LF/CRLF line ends, comments, multi-line data). */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | null = null;
  lastEventId: string | null = null;

  feed(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      // A CR at the very end may be the first half of CRLF: wait for more input.
      if (c === '\r' && i === this.buffer.length - 1) break;
      const line = this.buffer.slice(start, i);
      if (c === '\r' && this.buffer[i + 1] === '\n') i++;
      start = i + 1;
      const msg = this.line(line);
      if (msg) out.push(msg);
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  private line(line: string): SseMessage | null {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return null;
      }
      const msg = { event: this.event || 'message', data: this.data.join('\n'), id: this.id };
      this.data = [];
      this.event = '';
      return msg;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = this.lastEventId = value;
    return null;
  }
}

export type StreamState = 'connecting' | 'open' | 'reconnecting' | 'unauthorized' | 'closed';

export interface EventStreamOptions {
  baseUrl?: string;
  token: string;
  onEvent: (event: LiveEvent) => void;
  onState?: (state: StreamState, detail?: string) => void;
  types?: string[];
  fetch?: typeof fetch;
  /** First retry delay; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

export interface EventStream {
  close(): void;
}

export function connectEvents(options: EventStreamOptions): EventStream {
  const base = (options.baseUrl ?? '').replace(/\/$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const minRetry = options.retryMs ?? 1000;
  const maxRetry = options.maxRetryMs ?? 15_000;
  let retry = minRetry;
  let closed = false;
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastEventId: string | null = null;
  const setState = (s: StreamState, detail?: string) => options.onState?.(s, detail);

  const run = async (): Promise<void> => {
    controller = new AbortController();
    let detail = 'stream ended';
    const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, accept: 'text/event-stream' };
    if (lastEventId) headers['last-event-id'] = lastEventId;
    const qs = options.types?.length ? `?types=${encodeURIComponent(options.types.join(','))}` : '';
    try {
      const res = await doFetch(`${base}/api/v1/events${qs}`, { headers, signal: controller.signal, cache: 'no-store' });
      if (res.status === 401) {
        closed = true;
        setState('unauthorized');
        return;
      }
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      setState('open');
      retry = minRetry;
      const parser = new SseParser();
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const msg of parser.feed(value)) {
          if (msg.id) lastEventId = msg.id;
          let event: LiveEvent;
          try {
            event = JSON.parse(msg.data) as LiveEvent;
          } catch {
            continue;
          }
          try {
            options.onEvent(event);
          } catch (err) {
            console.warn('Live event handler failed', err);
          }
        }
      }
    } catch (err) {
      if (closed) return;
      detail = (err as Error).message;
    }
    if (closed) return;
    setState('reconnecting', detail);
    timer = setTimeout(() => void run(), retry);
    retry = Math.min(retry * 2, maxRetry);
  };

  setState('connecting');
  void run();
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      controller?.abort();
      setState('closed');
    },
  };
}
