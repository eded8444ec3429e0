import type { Page, Response, WebSocket } from 'playwright-core';
import type { DecodeResult, WireDecoder } from './types.js';

/**
 * Largest frame or body read: real chat frames are a few KB and a get_live_chat poll well under 1 MB. A larger
 * one is refused before it is decoded (or, for a body announcing its size, before it is fetched).
 */
export const MAX_WIRE_CHARS = 2 * 1024 * 1024;

/**
 * One frame or body decoded (or refused). `attachedAt` is when its socket opened, or when the feed attached for
 * polled bodies: events stamped before it are a replay. Called synchronously from Playwright's event.
 */
export type WireSink = (result: DecodeResult, attachedAt: number) => void;

const refuse = (detail: string): DecodeResult => ({ ok: false, reason: 'malformed', detail });

/**
 * Reads a chat site's data stream from outside the page: frames the page *receives* on sockets the decoder
 * names (frames it sends are our own requests, not chat) and the bodies of responses it names. Page-level
 * events include the page's subframes (YouTube's chat is an iframe). Never throws into Playwright.
 */
export class WireFeed {
  private page: Page | null = null;
  private stopped = false;
  private attachedAt = 0;

  constructor(
    private decoder: WireDecoder,
    private sink: WireSink,
    private now: () => number,
    private onError: (err: unknown) => void = () => {},
  ) {}

  /** Listens on a page; call before it navigates so the chat's first socket is seen. */
  attach(page: Page): void {
    this.page = page;
    this.attachedAt = this.now();
    if (this.decoder.socketUrl && this.decoder.decodeFrame) page.on('websocket', this.onSocket);
    if (this.decoder.responseUrl && this.decoder.decodeResponse) page.on('response', this.onResponse);
  }

  detach(): void {
    this.stopped = true;
    this.page?.off('websocket', this.onSocket);
    this.page?.off('response', this.onResponse);
    this.page = null;
  }

  private onSocket = (ws: WebSocket): void => {
    if (this.stopped || !matches(this.decoder.socketUrl, ws.url())) return;
    const openedAt = this.now();
    ws.on('framereceived', ({ payload }) => this.frame(payload, openedAt));
  };

  private frame(payload: string | Buffer, openedAt: number): void {
    if (this.stopped) return;
    // No decoder reads binary frames (Phoenix, IRC and Pusher chat are text).
    if (typeof payload !== 'string') return this.deliver(refuse(`binary frame of ${payload.length} bytes`), openedAt);
    if (payload.length > MAX_WIRE_CHARS) return this.deliver(refuse(`frame of ${payload.length} chars`), openedAt);
    this.deliver(
      this.decode(() => this.decoder.decodeFrame!(payload)),
      openedAt,
    );
  }

  private onResponse = (r: Response): void => {
    if (this.stopped || !matches(this.decoder.responseUrl, r.url())) return;
    void this.readBody(r);
  };

  private async readBody(r: Response): Promise<void> {
    let body: string;
    try {
      // An error answer is not the chat's data, and not the decoder's business.
      if (!r.ok()) return;
      const announced = Number(r.headers()['content-length']);
      if (announced > MAX_WIRE_CHARS) return this.deliver(refuse(`body of ${announced} bytes`), this.attachedAt);
      body = await r.text();
    } catch {
      // The page navigated or closed before the body arrived: there is nothing to read.
      return;
    }
    if (this.stopped) return;
    if (body.length > MAX_WIRE_CHARS) return this.deliver(refuse(`body of ${body.length} chars`), this.attachedAt);
    this.deliver(
      this.decode(() => this.decoder.decodeResponse!(body)),
      this.attachedAt,
    );
  }

  /** Decoders promise not to throw; a bug in one still must not reach Playwright's event loop. */
  private decode(run: () => DecodeResult): DecodeResult {
    try {
      return run();
    } catch (err) {
      return refuse(`decoder threw: ${(err as Error)?.message ?? String(err)}`);
    }
  }

  private deliver(result: DecodeResult, attachedAt: number): void {
    try {
      this.sink(result, attachedAt);
    } catch (err) {
      this.onError(err);
    }
  }
}

function matches(re: RegExp | undefined, url: string): boolean {
  if (!re) return false;
  re.lastIndex = 0;
  return re.test(url);
}
