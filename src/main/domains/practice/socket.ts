import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Clock } from '../../kernel/clock.js';
import {
  CONTROL_TOPIC,
  PHOENIX_TOPIC,
  commerceTopic,
  decodeClientFrame,
  encodeFrame,
  livestreamPayload,
  livestreamTopic,
  newMsgPayload,
  reply,
  type JsonObject,
  type PhxFrame,
} from './phoenix.js';
import { HOST_MESSAGE_MAX, type PathsState, type PracticeMessage } from './schema.js';
import type { PracticeShow } from './show.js';
import type { PracticeStream, StreamEvent } from './stream.js';

export const SOCKET_PATH = '/practice/socket';
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];
const MAX_FRAME_BYTES = 64 * 1024;

interface Conn {
  ws: WebSocket;
  /** Joined topics and their join_ref. */
  joined: Map<string, string | null>;
  lastSeen: number;
}

export interface SocketHubDeps {
  stream: PracticeStream;
  show: PracticeShow;
  clock: Clock;
  paths: () => PathsState;
  /** What a page's control-topic join returns: its config besides the chat. */
  pageConfig: () => JsonObject;
  heartbeatMs: () => number;
}

/**
 * The practice stream's Phoenix-style socket: pages join `livestream:<id>` (chat, viewers, tips, raids,
 * giveaways), `commerce:<id>` (auction) and `practice:control` (reload, re-render, markup: not Whatnot traffic).
 * Every join replays the recent chat, as channels do on rejoin, or all the page missed when its join says where it
 * was (`{after: <seq>}`); readers dedupe by `new_msg.id`.
 */
export class PracticeSocketHub {
  private wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private conns = new Set<Conn>();
  private unsubscribe: () => void;
  private sweep: NodeJS.Timeout;
  private readonly chat: string;
  private readonly commerce: string;
  port = 0;
  drops = 0;

  constructor(private d: SocketHubDeps) {
    this.chat = livestreamTopic(d.show.livestreamId);
    this.commerce = commerceTopic(d.show.livestreamId);
    this.unsubscribe = d.stream.subscribe((ev) => this.onStream(ev));
    // Phoenix closes a socket that stopped heartbeating; so do we (a page frozen in the debugger, a dead tab).
    this.sweep = setInterval(() => this.closeSilent(), 5_000);
    this.sweep.unref();
  }

  /** Pages with the chat and control channels joined (they see chat and obey reload, re-render, paths). */
  get pages(): number {
    let n = 0;
    for (const c of this.conns) if (c.joined.has(this.chat) && c.joined.has(CONTROL_TOPIC)) n++;
    return n;
  }

  /** The HTTP server's `upgrade` for SOCKET_PATH. Same loopback host and origin rules as the HTTP API. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!this.allowed(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  /** Drops every page's socket at once, like a network blip; pages reconnect and rejoin. */
  dropAll(): number {
    const n = this.conns.size;
    for (const c of [...this.conns]) c.ws.terminate();
    this.drops += n;
    return n;
  }

  close(): void {
    this.unsubscribe();
    clearInterval(this.sweep);
    for (const c of [...this.conns]) c.ws.terminate();
    this.conns.clear();
    this.wss.close();
  }

  private allowed(req: IncomingMessage): boolean {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!LOOPBACK.some((n) => host === `${n}:${this.port}`)) return false;
    const origin = req.headers.origin?.toLowerCase();
    return origin === undefined || LOOPBACK.some((n) => origin === `http://${n}:${this.port}`);
  }

  private accept(ws: WebSocket): void {
    const conn: Conn = { ws, joined: new Map(), lastSeen: Date.now() };
    this.conns.add(conn);
    // Row latency is the point of this feed: never let Nagle hold a small frame back.
    (ws as unknown as { _socket?: { setNoDelay?: (v: boolean) => void } })._socket?.setNoDelay?.(true);
    ws.on('message', (data, isBinary) => {
      conn.lastSeen = Date.now();
      const frame = isBinary ? null : decodeClientFrame(data.toString());
      if (frame) this.onClientFrame(conn, frame);
    });
    ws.on('close', () => this.conns.delete(conn));
    ws.on('error', () => this.conns.delete(conn));
  }

  private send(conn: Conn, frame: PhxFrame | string): void {
    if (conn.ws.readyState !== conn.ws.OPEN) return;
    conn.ws.send(typeof frame === 'string' ? frame : encodeFrame(frame));
  }

  private onClientFrame(conn: Conn, [joinRef, ref, topic, event, payload]: PhxFrame): void {
    if (topic === PHOENIX_TOPIC && event === 'heartbeat') return this.send(conn, reply(null, ref, PHOENIX_TOPIC, 'ok'));
    if (event === 'phx_join') return this.join(conn, joinRef, ref, topic, payload);
    if (event === 'phx_leave') {
      conn.joined.delete(topic);
      return this.send(conn, reply(joinRef, ref, topic, 'ok'));
    }
    if (!conn.joined.has(topic)) return this.send(conn, reply(joinRef, ref, topic, 'error', { reason: 'unmatched topic' }));
    if (topic === this.chat && event === 'new_msg') return this.post(conn, joinRef, ref, payload);
    this.send(conn, reply(joinRef, ref, topic, 'error', { reason: `unhandled event ${event.slice(0, 40)}` }));
  }

  /** The host's post: acknowledged, then broadcast back to every page as a `new_msg` from the host. */
  private post(conn: Conn, joinRef: string | null, ref: string | null, payload: JsonObject): void {
    const text = typeof payload.message === 'string' ? payload.message.trim() : '';
    if (!text || text.length > HOST_MESSAGE_MAX) {
      return this.send(
        conn,
        reply(joinRef, ref, this.chat, 'error', { reason: text ? `message longer than ${HOST_MESSAGE_MAX} characters` : 'empty message' }),
      );
    }
    const posted = this.d.stream.postHost(text);
    this.send(conn, reply(joinRef, ref, this.chat, 'ok', { id: posted.id, command: posted.command }));
  }

  private join(conn: Conn, joinRef: string | null, ref: string | null, topic: string, payload: JsonObject): void {
    const now = this.d.clock.now();
    const frames = this.d.paths().frames === 'flowing';
    if (topic === this.chat) {
      conn.joined.set(topic, joinRef);
      this.send(conn, reply(joinRef, ref, topic, 'ok', { livestream: livestreamPayload(this.d.show.snapshot(), now) }));
      if (!frames) return;
      for (const m of this.replay(payload.after)) this.send(conn, [joinRef, null, topic, 'new_msg', newMsgPayload(m, this.d.show.livestreamId)]);
      return;
    }
    if (topic === this.commerce) {
      conn.joined.set(topic, joinRef);
      this.send(conn, reply(joinRef, ref, topic, 'ok'));
      if (frames)
        this.send(conn, [
          joinRef,
          null,
          topic,
          'user_joined',
          { pinnedProduct: this.d.show.pinnedProduct(), livestream: livestreamPayload(this.d.show.snapshot(), now) },
        ]);
      return;
    }
    if (topic === CONTROL_TOPIC) {
      conn.joined.set(topic, joinRef);
      return this.send(conn, reply(joinRef, ref, topic, 'ok', this.d.pageConfig()));
    }
    this.send(conn, reply(joinRef, ref, topic, 'error', { reason: 'unmatched topic' }));
  }

  /**
   * What a chat join replays: the recent chat, or everything after the page's `after` (the last line it has) when
   * that is more. A page that was away for more than the recent chat (a reconnect under a burst, frames resuming)
   * must get the rest as frames too: lines it only fetched over HTTP never reach a reader of the socket, and a page
   * whose rows are unreadable then has them nowhere a reader can see.
   */
  private replay(after: unknown): PracticeMessage[] {
    const recent = this.d.stream.history();
    if (typeof after !== 'number' || !Number.isInteger(after) || after < 0) return recent;
    const missed = this.d.stream.visibleAfter(after);
    return missed.length > recent.length ? missed : recent;
  }

  private onStream(ev: StreamEvent): void {
    if (ev.t === 'control') return this.broadcast(CONTROL_TOPIC, ev.control.action, { ...ev.control });
    // Stopped frames: the socket stays up (heartbeats, joins, control) but carries no chat or show events.
    if (this.d.paths().frames === 'stopped') return;
    switch (ev.t) {
      case 'msgs':
        return this.broadcastChat(ev.msgs);
      case 'state':
        if (ev.what === 'viewers') return this.broadcast(this.chat, 'livestream_view_count_updated', { viewCount: this.d.stream.viewers });
        return this.broadcast(this.chat, 'livestream_update', livestreamPayload(this.d.show.snapshot(), this.d.clock.now()));
      case 'show':
        return this.broadcast(ev.topic === 'commerce' ? this.commerce : this.chat, ev.event, ev.payload);
    }
  }

  private broadcastChat(msgs: PracticeMessage[]): void {
    const subscribed = [...this.conns].filter((c) => c.joined.has(this.chat));
    if (!subscribed.length) return;
    for (const m of msgs) {
      const frame = encodeFrame([null, null, this.chat, 'new_msg', newMsgPayload(m, this.d.show.livestreamId)]);
      for (const c of subscribed) this.send(c, frame);
    }
  }

  private broadcast(topic: string, event: string, payload: JsonObject): void {
    const frame = encodeFrame([null, null, topic, event, payload]);
    for (const c of this.conns) if (c.joined.has(topic)) this.send(c, frame);
  }

  private closeSilent(): void {
    const limit = Date.now() - Math.max(60_000, 3 * this.d.heartbeatMs());
    for (const c of [...this.conns]) if (c.lastSeen < limit) c.ws.terminate();
  }
}
