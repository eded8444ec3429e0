import { z } from 'zod';
import type { EventType } from '../events.js';
import type { Scope } from '../scopes.js';
import { accountQuery, op } from './op.js';

/**
 * OBS overlays: pages the core serves at /overlays/<page>?token=... for browser sources. Their key has the one
 * scope `overlays:read`: it opens these pages and reads GET /overlays/state and GET /overlays/events, and nothing
 * else (no settings, keys, webhooks, history, nor the full event stream).
 */

export const OVERLAY_SCOPE = 'overlays:read' satisfies Scope;
/** The name the dashboard's Overlays card gives the key it creates. */
export const OVERLAY_KEY_NAME = 'OBS overlays';

export const OVERLAY_PAGES = ['chat', 'giveaway'] as const;
export type OverlayPage = (typeof OVERLAY_PAGES)[number];

/** The bus events each page's stream carries (of the account it shows); a `state` message stands for the rest. */
export const OVERLAY_STREAMS = {
  // message.queued tells the host's own dashboard sends (cause manual) from the bot's lines when their echo arrives.
  chat: ['chat.message', 'message.queued'],
  giveaway: ['giveaway.entry', 'giveaway.winner', 'giveaway.cleared'],
} as const satisfies Record<OverlayPage, readonly EventType[]>;

/**
 * The pages' URL parameters. The page reads them itself: a missing or bad value falls back to its default (an
 * overlay never shows an error on stream). The dashboard card offers the same list.
 */
export const OVERLAY_PARAMS = {
  theme: { kind: 'enum', values: ['dark', 'light', 'transparent'], default: 'dark', pages: ['chat', 'giveaway'], label: 'Theme' },
  fontSize: { kind: 'int', min: 12, max: 72, default: 24, pages: ['chat', 'giveaway'], label: 'Font size (px)' },
  accent: { kind: 'color', default: '8b5cf6', pages: ['chat', 'giveaway'], label: 'Accent colour (hex)' },
  align: { kind: 'enum', values: ['left', 'center', 'right'], default: 'left', pages: ['chat', 'giveaway'], label: 'Alignment' },
  motion: { kind: 'flag', default: true, pages: ['chat', 'giveaway'], label: 'Animations' },
  lines: { kind: 'int', min: 1, max: 100, default: 20, pages: ['chat'], label: 'Lines shown' },
  fade: { kind: 'int', min: 0, max: 3600, default: 0, pages: ['chat'], label: 'Fade lines after (s, 0 = never)' },
  bots: { kind: 'flag', default: false, pages: ['chat'], label: "Show the bot's lines" },
  commands: { kind: 'flag', default: true, pages: ['chat'], label: 'Show !commands' },
  winnerSeconds: { kind: 'int', min: 0, max: 3600, default: 20, pages: ['giveaway'], label: 'Show the winner for (s, 0 = until cleared)' },
} as const satisfies Record<string, OverlayParam>;

export type OverlayParam =
  | { kind: 'enum'; values: readonly string[]; default: string; pages: readonly OverlayPage[]; label: string }
  | { kind: 'int'; min: number; max: number; default: number; pages: readonly OverlayPage[]; label: string }
  | { kind: 'color'; default: string; pages: readonly OverlayPage[]; label: string }
  | { kind: 'flag'; default: boolean; pages: readonly OverlayPage[]; label: string };
export type OverlayParamName = keyof typeof OVERLAY_PARAMS;
export type OverlayParamValues = {
  [K in OverlayParamName]?: (typeof OVERLAY_PARAMS)[K]['default'] extends boolean
    ? boolean
    : (typeof OVERLAY_PARAMS)[K]['default'] extends number
      ? number
      : string;
};

/**
 * The URL a browser source loads: the page, its key, and the parameters that differ from their defaults (flags
 * as 1/0). `account` pins the page to one account; without it, it follows the active one.
 */
export function overlayUrl(baseUrl: string, page: OverlayPage, token: string, values: OverlayParamValues = {}, account?: string): string {
  const q = new URLSearchParams({ token });
  for (const [name, rule] of Object.entries(OVERLAY_PARAMS) as [OverlayParamName, OverlayParam][]) {
    const v = values[name];
    if (v === undefined || v === rule.default || !(rule.pages as readonly string[]).includes(page)) continue;
    q.set(name, typeof v === 'boolean' ? (v ? '1' : '0') : String(v).replace(/^#/, ''));
  }
  if (account) q.set('account', account);
  return `${baseUrl.replace(/\/$/, '')}/overlays/${page}?${q.toString()}`;
}

const iso = z.string().describe('ISO 8601');

export const overlayStateSchema = z.object({
  accountId: z.string().describe('The account the state is about (the active one unless `account` was given)'),
  now: iso.describe("The server's clock, so a countdown does not depend on the viewer's"),
  giveaway: z.object({
    enabled: z.boolean(),
    keyword: z.string(),
    entriesCount: z.number().int().describe('Entries of the current round'),
    opensAt: iso.nullable(),
    closesAt: iso.nullable(),
    latestDraw: z
      .object({ drawId: z.string(), winners: z.array(z.string()), timestamp: iso })
      .nullable()
      .describe('The latest draw of the current round, so a reloaded overlay can still show a fresh winner'),
  }),
});
export type OverlayState = z.infer<typeof overlayStateSchema>;

export const overlayEventsQuery = accountQuery
  .extend({
    page: z.enum(OVERLAY_PAGES).describe('Which overlay: its event types'),
    lastEventId: z.string().max(100).optional().describe('Resume after this event id (the Last-Event-ID header does the same)'),
  })
  .strict();

export const overlaysApi = {
  state: op({
    method: 'get',
    path: '/overlays/state',
    tag: 'Overlays',
    summary: "What the OBS overlays show besides the live events: the giveaway's keyword, entries, closing time and latest draw",
    scope: OVERLAY_SCOPE,
    query: accountQuery.strict(),
    response: overlayStateSchema,
  }),
  events: op({
    method: 'get',
    path: '/overlays/events',
    tag: 'Overlays',
    summary:
      "An overlay's live stream (text/event-stream): a `state` message (GET /overlays/state's data) when it opens and whenever the account or " +
      'its giveaway settings change, then the events of its page for that account. With Last-Event-ID it replays what was missed, or starts ' +
      'with a fresh `state` when that id is no longer kept: an entry is counted once and a winner is never missed',
    scope: OVERLAY_SCOPE,
    query: overlayEventsQuery,
    raw: 'event-stream',
  }),
};
