import type { AccountChat } from './account-chat.js';
import { SELECTOR_ROLES, type PlatformProfile } from './profiles.js';
import type { ChatSessionStatus } from './types.js';

type Paths = ChatSessionStatus['paths'];

export interface StatusContext {
  accountId: string;
  /** The open page's platform, else the one the next connect will use. */
  platform: string;
  profile: PlatformProfile;
  /** Whether that platform's data stream has a decoder. */
  wireAvailable: boolean;
  queued: number;
  hostUsername: string | null;
  now: number;
}

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);

/** One account's chat as GET /chat/status and the chat.status event report it. */
export function chatSnapshot(c: AccountChat | undefined, x: StatusContext): ChatSessionStatus {
  // State kept for another platform (the seller edited the account) says nothing about this one's selectors.
  const same = c !== undefined && c.platform === x.platform;
  const health: ChatSessionStatus['selectorHealth'] = {};
  for (const role of SELECTOR_ROLES) {
    health[role] = (same ? c.health[role] : undefined) ?? { matched: null, tried: x.profile.selectors[role] ?? [] };
  }
  const connected = c?.connected ?? false;
  const paths = pathsOf(same ? c : undefined, x.wireAvailable, x.now);
  return {
    accountId: x.accountId,
    platform: x.platform,
    connected,
    live: c?.live ?? false,
    url: c?.browser?.url ?? c?.url ?? null,
    loggedInAs: c?.loggedInAs ?? x.hostUsername ?? null,
    lastMessageAt: iso(c?.lastMessageAt),
    lastError: c?.lastError ?? null,
    selectorHealth: health,
    queue: { queued: x.queued, lastSentAt: iso(c?.times.lastSentAt) },
    paths,
    summary: summaryOf(paths, x.platform, connected),
  };
}

function pathsOf(c: AccountChat | undefined, available: boolean, now: number): Paths {
  const w = c?.wireStats;
  const d = c?.domStats;
  const wireLive = available && (w?.live(now) ?? false);
  return {
    wire: {
      available,
      live: wireLive,
      lastAt: iso(w?.lastAt),
      framesPerMin: w?.frames.total(now) ?? 0,
      byType: w?.events.byType(now) ?? {},
      unknown: w?.unknown ?? 0,
      malformed: w?.malformed ?? 0,
    },
    dom: {
      live: d?.live(now) ?? false,
      lastAt: iso(d?.lastAt),
      rowsPerMin: d?.rows.total(now) ?? 0,
      role: wireLive ? 'fallback' : 'primary',
    },
  };
}

/** E.g. "wire: 120 frames/min, DOM: fallback ready" or "wire: none for ebay, DOM: primary, 30 rows/min". */
export function summaryOf(p: Paths, platform: string, connected: boolean): string {
  const wire = !p.wire.available ? `wire: none for ${platform}` : p.wire.live ? `wire: ${p.wire.framesPerMin} frames/min` : 'wire: silent';
  const dom =
    p.dom.role === 'fallback'
      ? `DOM: fallback ${connected ? 'ready' : 'not attached'}`
      : `DOM: primary, ${connected ? `${p.dom.rowsPerMin} rows/min` : 'not attached'}`;
  return `${wire}, ${dom}`;
}
