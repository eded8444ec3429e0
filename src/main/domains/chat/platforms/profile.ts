import type { ModeratorAction } from '../types.js';

/** The selector roles of a profile; each is an ordered list of fallbacks (first match wins). */
export const SELECTOR_ROLES = [
  'chatInput',
  'chatContainer',
  'sendButton',
  'messageItem',
  'username',
  'messageText',
  'liveIndicator',
  'loggedInUser',
  'joinItem',
  'viewerCount',
] as const;
export type SelectorRole = (typeof SELECTOR_ROLES)[number];

export type SelectorSet = Record<SelectorRole, string[]>;

/**
 * Everything the driver knows about one site, as data: selectors plus a few small, generic hooks. The in-page script
 * (page-script.ts) has no per-site code: a site's quirks are expressed here.
 * Real sites change their markup, so every role is a list and users can override any of them (overrides.ts).
 * The built-in profiles live in platforms/<site>/profile.ts, each citing where its selectors come from.
 *
 * How a row is read:
 * - rows are `messageItem` / `joinItem` matches inside the first `chatContainer` found (the outermost match counts);
 * - username = the first `username` selector that matches inside the row, its visible text (image alts are badges,
 *   not names); when none matches and `usernameFromHref` is set, the name in the row's first matching link;
 * - text = every outermost match inside the row of the first `messageText` selector that matches, each read as a
 *   person sees it (img `alt` kept: emoji and emotes; tooltips, `aria-hidden`, `[hidden]`, display:none, script and
 *   style skipped), joined with a space; with no text element, the row minus its name element read the same way.
 *   A selector may start with `:scope >` to describe the row's structure where a site has no names for its parts.
 */
export interface PlatformProfile {
  platform: string;
  selectors: SelectorSet;
  /** Attribute carrying the platform's own message id on a row, when it has one (a list position is not an id). */
  messageIdAttribute: string | null;
  /** Attribute carrying the row's epoch-ms timestamp, when it has one (practice stream). */
  timestampAttribute: string | null;
  /** The chat lives in a frame whose URL matches this (YouTube's live_chat iframe); null = top frame. */
  frameUrlPattern: string | null;
  /**
   * A row whose text (its text element's, or the row minus the name) matches this regular expression (flags `iu`)
   * is a join notice. Group 1, when present, is the user for rows without a username element.
   */
  joinTextPattern: string | null;
  /**
   * Regular expression over a link's `href`: for rows without a username element, the first link in the row whose
   * href matches gives the user (group 1, URL-decoded). Whatnot rows link the avatar to `/user/<name>`.
   */
  usernameFromHref: string | null;
  /** Longest message the site accepts. */
  maxMessageLength: number;
  /** Moderator commands typed into chat; `{user}`, `{seconds}`, `{text}` are filled in. */
  moderatorCommands: Partial<Record<ModeratorAction, string>>;
}
