import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WAIT_MS } from '../helpers/wait.js';

export interface Received {
  headers: http.IncomingHttpHeaders;
  /** Raw body bytes as text, exactly as sent (signatures are over these). */
  body: string;
  json: any;
  at: number;
}

/** What the receiver answers: a status (after an optional delay) or never (`hang`). */
export type Reply = { status: number; delayMs?: number; headers?: Record<string, string> } | 'hang';

/** A real HTTP endpoint on 127.0.0.1 that records every request and answers as the test says. */
export class Receiver {
  received: Received[] = [];
  reply: (r: Received, n: number) => Reply = () => ({ status: 200 });
  private sockets = new Set<import('node:net').Socket>();

  private constructor(
    private server: http.Server,
    readonly port: number,
  ) {
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  static start(port = 0): Promise<Receiver> {
    let self: Receiver;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {
          json = undefined;
        }
        const r: Received = { headers: req.headers, body, json, at: Date.now() };
        self.received.push(r);
        const reply = self.reply(r, self.received.length);
        if (reply === 'hang') return;
        const send = () => res.writeHead(reply.status, reply.headers ?? {}).end('ok');
        if (reply.delayMs) setTimeout(send, reply.delayMs);
        else send();
      });
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        self = new Receiver(server, (server.address() as AddressInfo).port);
        resolve(self);
      });
    });
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  ofType(type: string): Received[] {
    return this.received.filter((r) => r.json?.type === type);
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A port nothing listens on (connection refused), which a Receiver can take later. */
/** Receivers a test file starts, closed together after each test. */
export function receiverPool() {
  let open: Receiver[] = [];
  return {
    async start(): Promise<Receiver> {
      const r = await Receiver.start();
      open.push(r);
      return r;
    },
    async closeAll(): Promise<void> {
      const closing = open;
      open = [];
      await Promise.all(closing.map((r) => r.close()));
    },
  };
}

export async function freePort(): Promise<number> {
  const r = await Receiver.start();
  await r.close();
  return r.port;
}

export async function waitFor<T>(check: () => T | undefined | false, timeoutMs = WAIT_MS, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The API reference's recipe, verbatim (hex HMAC-SHA256 of the raw body keyed with the secret string). */
export function verifyWebhookSignature(payload: string, signature: string, secret: string): boolean {
  const expected = crypto.createHmac('sha256', secret).update(payload).digest('hex');
  // timingSafeEqual throws on different lengths; the recipe assumes a well-formed header.
  if (Buffer.from(signature).length !== Buffer.from(expected).length) return false;
  return crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}

/**
 * A Standard Webhooks verifier written from the spec, independent of the sender's code: key = base64 after
 * `whsec_`, content `${webhook-id}.${webhook-timestamp}.${body}`, any one of the space-separated `v1,` entries
 * may match, timestamp within 5 minutes.
 */
export function verifyStandardWebhook(secret: string, headers: http.IncomingHttpHeaders, body: string, nowMs = Date.now()): boolean {
  const id = headers['webhook-id'];
  const ts = headers['webhook-timestamp'];
  const sigs = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof ts !== 'string' || typeof sigs !== 'string') return false;
  if (!/^\d+$/.test(ts) || Math.abs(nowMs / 1000 - Number(ts)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = crypto.createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest();
  return sigs.split(' ').some((entry) => {
    const [version, sig] = entry.split(',');
    if (version !== 'v1' || !sig) return false;
    const given = Buffer.from(sig, 'base64');
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  });
}
