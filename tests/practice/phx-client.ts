import WebSocket from 'ws';
import { WAIT_MS } from '../helpers/wait.js';

export type Frame = [string | null, string | null, string, string, any];

/**
 * A test client for the practice socket that records every frame as received (raw text too, for the decoder)
 * and speaks just enough Phoenix: join, push, heartbeat.
 */
export class PhxClient {
  readonly frames: Frame[] = [];
  readonly raw: string[] = [];
  private ref = 0;
  closed = false;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = data.toString();
      this.raw.push(text);
      this.frames.push(JSON.parse(text));
    });
    ws.on('close', () => (this.closed = true));
  }

  static open(baseUrl: string, headers: Record<string, string> = {}): Promise<PhxClient> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/practice/socket/websocket?vsn=2.0.0`, { headers });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new PhxClient(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  send(frame: Frame): string {
    this.ws.send(JSON.stringify(frame));
    return frame[1] ?? '';
  }

  nextRef(): string {
    return String(++this.ref);
  }

  /** Sends phx_join and resolves with the reply frame. */
  async join(topic: string): Promise<Frame> {
    const ref = this.nextRef();
    this.send([ref, ref, topic, 'phx_join', {}]);
    return this.waitFor((f) => f[1] === ref && f[3] === 'phx_reply');
  }

  push(topic: string, joinRef: string, event: string, payload: object): string {
    const ref = this.nextRef();
    return this.send([joinRef, ref, topic, event, payload]);
  }

  /** Resolves with the first recorded frame (from `from` on) that matches. */
  async waitFor(match: (f: Frame) => boolean, from = 0, timeout = WAIT_MS): Promise<Frame> {
    const end = Date.now() + timeout;
    for (;;) {
      const f = this.frames.slice(from).find(match);
      if (f) return f;
      if (Date.now() > end) throw new Error(`no matching frame in ${this.frames.length} received: ${JSON.stringify(this.frames.slice(-5))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  events(event: string, from = 0): Frame[] {
    return this.frames.slice(from).filter((f) => f[3] === event);
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
