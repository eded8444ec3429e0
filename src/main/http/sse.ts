import type { Request, Response } from 'express';

const HEARTBEAT_MS = 15_000;

export interface SseStream {
  /** Writes one event; false once the client is gone. */
  send(event: { id?: string; type?: string; data: unknown }): boolean;
  /** Ends the stream (the app is stopping). */
  close(): void;
  /** Resolves when the client has gone or close() was called. */
  closed: Promise<void>;
}

/**
 * The one Server-Sent Events writer: headers that keep proxies from buffering, a comment heartbeat so idle
 * connections stay open, and a close that runs once whichever side ends first.
 */
export function openSse(req: Request, res: Response, options: { heartbeatMs?: number; retryMs?: number } = {}): SseStream {
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  // `retry:` tells EventSource how soon to reconnect (it then sends Last-Event-ID).
  res.write(`${options.retryMs ? `retry: ${options.retryMs}\n` : ''}: connected\n\n`);
  let open = true;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
  const close = () => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    res.end();
    resolveClosed();
  };
  req.on('close', close);
  return {
    send(event) {
      if (!open) return false;
      try {
        const head = `${event.id ? `id: ${event.id}\n` : ''}${event.type ? `event: ${event.type}\n` : ''}`;
        res.write(`${head}data: ${JSON.stringify(event.data)}\n\n`);
        return true;
      } catch {
        // A dead socket must not break whoever is publishing.
        close();
        return false;
      }
    },
    close,
    closed,
  };
}
