import type { Request, Response } from 'express';
import { OVERLAY_STREAMS, type OverlayPage } from '../../../shared/contract/overlays.js';
import type { BusEvent } from '../../../shared/events.js';
import { openSse, type SseStream } from '../../http/sse.js';
import type { OverlaysDeps } from './deps.js';
import type { OverlayFeed } from './feed.js';
import { STATE_CHANGES } from './feed.js';
import { overlayState } from './state.js';

/** How long a page waits before reconnecting (the SSE `retry:` field; the page script backs off from there). */
const RECONNECT_MS = 2000;

export interface OverlayStreamRequest {
  req: Request;
  res: Response;
  page: OverlayPage;
  /** Pinned account; otherwise the stream follows the active one. */
  account: string | undefined;
  lastEventId: string | null;
}

/**
 * One page's stream: replay after its Last-Event-ID, or a `state` when it has none or it is no longer kept, then
 * its events live. The state is read and the bus subscribed in one synchronous step, so no event falls between
 * them or is in both: a page counts each entry once. A switch of account or a save of the giveaway settings is
 * answered with a fresh `state` once the publisher is done (so it never runs inside another domain's transaction);
 * events sent before it are already in it, which a page handles by taking the state as the truth.
 */
export async function serveOverlayStream(deps: OverlaysDeps, feed: OverlayFeed, streams: Set<SseStream>, r: OverlayStreamRequest): Promise<void> {
  const types = new Set<string>(OVERLAY_STREAMS[r.page]);
  const pinned = r.account !== undefined;
  let accountId = deps.accounts.resolve(r.account).id;
  const missed = r.lastEventId ? feed.after(r.lastEventId) : null;
  const sse = openSse(r.req, r.res, { retryMs: RECONNECT_MS });
  streams.add(sse);
  let stale = false;
  let pending = false;

  const sendState = () => {
    stale = false;
    try {
      sse.send({ id: feed.latestId() ?? undefined, type: 'state', data: overlayState(deps, accountId) });
    } catch {
      // The account went away (deleted): the page reconnects and is told so.
      sse.close();
    }
  };
  const later = () => {
    if (!stale || pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      if (stale) sendState();
    });
  };
  const consider = (e: BusEvent) => {
    if (e.type === 'accounts.switched') {
      if (!pinned && e.data.accountId !== accountId) [accountId, stale] = [e.data.accountId, true];
      return;
    }
    if (e.accountId !== null && e.accountId !== accountId) return;
    if (STATE_CHANGES.has(e.type)) {
      if (e.type === 'settings.updated' && r.page === 'giveaway' && e.data.fields.includes('giveaway')) stale = true;
      return;
    }
    if (types.has(e.type)) sse.send({ id: e.id, type: e.type, data: e });
  };

  if (missed) {
    for (const e of missed) consider(e);
    if (stale) sendState();
  } else {
    sendState();
  }
  const unsubscribe = deps.bus.subscribe((e) => {
    consider(e);
    later();
  });
  await sse.closed;
  unsubscribe();
  streams.delete(sse);
}
