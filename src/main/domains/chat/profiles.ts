import type { ModeratorAction } from './types.js';

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
 * Everything the driver knows about one site, as data: selectors plus a few small hooks.
 * Real sites change their markup, so every role is a list and users can override any of them (overrides.ts).
 */
export interface PlatformProfile {
  platform: string;
  selectors: SelectorSet;
  /** Attribute carrying the platform's own message id on a row, when it has one. */
  messageIdAttribute: string | null;
  /** Attribute carrying the row's epoch-ms timestamp, when it has one (practice stream). */
  timestampAttribute: string | null;
  /** The chat lives in a frame whose URL matches this (YouTube's live_chat iframe); null = top frame. */
  frameUrlPattern: string | null;
  /** A message row whose text matches this is a join notice; group 1 is the user when no username element exists. */
  joinTextPattern: string | null;
  /** Longest message the site accepts. */
  maxMessageLength: number;
  /** Moderator commands typed into chat; `{user}`, `{seconds}`, `{text}` are filled in. */
  moderatorCommands: Partial<Record<ModeratorAction, string>>;
}

const whatnot: PlatformProfile = {
  platform: 'whatnot',
  selectors: {
    chatInput: [
      'textarea[placeholder*="chat"]',
      'textarea[placeholder*="message"]',
      'textarea[placeholder*="Send"]',
      '[data-testid="chat-input"]',
      '.chat-input textarea',
      '[class*="ChatInput"] textarea',
    ],
    chatContainer: [
      '[data-testid="chat-messages"]',
      '[data-testid="chat-container"]',
      '.chat-messages',
      '[class*="ChatMessages"]',
      '[class*="ChatContainer"]',
      '[class*="LiveChat"]',
    ],
    // A bare submit button can belong to any form: the sender looks for it inside the input's own form only.
    sendButton: ['[data-testid="send-button"]', '.chat-send-button', '[class*="SendButton"]', 'button[aria-label*="send" i]', 'button[type="submit"]'],
    messageItem: ['[data-testid="chat-message"]', '.chat-message', '[class*="ChatMessage"]', '[class*="message-item"]'],
    username: ['[data-testid="username"]', '.username', '[class*="Username"]', '[class*="user-name"]', 'span[class*="name"]'],
    messageText: ['[data-testid="message-text"]', '.message-text', '[class*="MessageText"]', '[class*="message-content"]'],
    liveIndicator: ['[data-testid="live-indicator"]', '.live-badge', '[class*="LiveBadge"]', '[class*="live-indicator"]'],
    loggedInUser: ['[data-testid="host-username"]', '[data-testid="current-user"]', '[data-testid="logged-in-user"]', '[class*="CurrentUser"] [class*="name"]'],
    joinItem: ['[data-testid="join-message"]', '[data-testid="chat-join"]', '[data-kind="join"]', '[class*="JoinMessage"]'],
    viewerCount: ['[data-testid="viewer-count"]', '[class*="ViewerCount"]', '[class*="viewer-count"]'],
  },
  messageIdAttribute: 'data-message-id',
  timestampAttribute: 'data-ts',
  frameUrlPattern: null,
  joinTextPattern: '^(\\S+) (?:joined|just joined)(?: the (?:show|stream|chat))?!?$',
  maxMessageLength: 500,
  moderatorCommands: { hide: '/hide {user}', slow: '/slow {seconds}', announce: '/announce {text}' },
};

const youtube: PlatformProfile = {
  platform: 'youtube',
  selectors: {
    chatInput: ['#input[contenteditable="true"]', 'yt-live-chat-text-input-field-renderer #input'],
    chatContainer: ['yt-live-chat-item-list-renderer #items'],
    sendButton: ['#send-button button'],
    messageItem: ['yt-live-chat-text-message-renderer', 'yt-live-chat-paid-message-renderer'],
    username: ['#author-name'],
    messageText: ['#message'],
    liveIndicator: ['.ytp-live-badge', '[class*="live-badge"]', 'yt-live-chat-header-renderer'],
    loggedInUser: ['yt-live-chat-message-input-renderer #author-name', '#input-container #author-name'],
    joinItem: ['yt-live-chat-membership-item-renderer'],
    viewerCount: [],
  },
  messageIdAttribute: 'id',
  timestampAttribute: null,
  frameUrlPattern: 'live_chat',
  joinTextPattern: null,
  maxMessageLength: 200,
  moderatorCommands: {},
};

const twitch: PlatformProfile = {
  platform: 'twitch',
  selectors: {
    chatInput: ['textarea[data-a-target="chat-input"]', 'div[data-a-target="chat-input"][contenteditable="true"]', '[data-a-target="chat-input"] [contenteditable="true"]'],
    chatContainer: ['[data-test-selector="chat-scrollable-area__message-container"]'],
    sendButton: ['button[data-a-target="chat-send-button"]'],
    messageItem: ['[data-a-target="chat-line-message"]', '.chat-line__message'],
    username: ['[data-a-target="chat-message-username"]'],
    messageText: ['[data-a-target="chat-message-text"]', '.text-fragment'],
    liveIndicator: ['.live-indicator-container', '[class*="live-indicator"]', '[data-a-target="animated-channel-viewers-count"]'],
    loggedInUser: ['[data-a-target="user-display-name"]'],
    joinItem: [],
    viewerCount: ['[data-a-target="animated-channel-viewers-count"]'],
  },
  messageIdAttribute: 'data-a-id',
  timestampAttribute: null,
  frameUrlPattern: null,
  joinTextPattern: null,
  maxMessageLength: 500,
  moderatorCommands: { hide: '/timeout {user} 1', slow: '/slow {seconds}', announce: '/announce {text}' },
};

const kick: PlatformProfile = {
  platform: 'kick',
  selectors: {
    chatInput: ['textarea[placeholder*="Send"]', 'div[contenteditable="true"]'],
    chatContainer: ['#chatroom-messages', '#chatroom'],
    sendButton: ['#send-message-button', 'button[aria-label*="send" i]'],
    messageItem: ['[data-chat-entry]', '.chat-entry', '[class*="chat-message"]'],
    username: ['[class*="chat-username"]', '.chat-entry-username'],
    messageText: ['.chat-entry-content', '[class*="chat-message-content"]', '[class*="message-content"]'],
    liveIndicator: ['[class*="live-badge"]', '[class*="LiveBadge"]'],
    loggedInUser: [],
    joinItem: [],
    viewerCount: [],
  },
  messageIdAttribute: 'data-chat-entry',
  timestampAttribute: null,
  frameUrlPattern: null,
  joinTextPattern: null,
  maxMessageLength: 500,
  moderatorCommands: { hide: '/timeout {user} 1', slow: '/slow on {seconds}' },
};

const ebay: PlatformProfile = {
  platform: 'ebay',
  selectors: {
    chatInput: ['textarea[placeholder*="comment"]', 'input[placeholder*="comment"]'],
    chatContainer: ['[class*="comments-list"]', '[class*="comment-list"]', '[class*="CommentList"]', '[class*="comments"]'],
    sendButton: ['button[aria-label*="send" i]', 'button[aria-label*="post" i]'],
    messageItem: ['[class*="comment-item"]'],
    username: ['[class*="commenter-name"]'],
    messageText: ['[class*="comment-text"]'],
    liveIndicator: ['[class*="live-badge"]', '[class*="LiveBadge"]', '[class*="live-indicator"]'],
    loggedInUser: [],
    joinItem: [],
    viewerCount: [],
  },
  messageIdAttribute: null,
  timestampAttribute: null,
  frameUrlPattern: null,
  joinTextPattern: null,
  maxMessageLength: 500,
  moderatorCommands: {},
};

const PROFILES: Record<string, PlatformProfile> = {
  whatnot,
  youtube,
  twitch,
  kick,
  ebay,
  // The practice stream follows the Whatnot markup on purpose: practising there exercises the real profile.
  practice: { ...whatnot, platform: 'practice' },
};

export function builtinProfile(platform: string): PlatformProfile {
  const p = PROFILES[platform];
  if (!p) throw new Error(`No chat profile for platform "${platform}" (known: ${Object.keys(PROFILES).join(', ')})`);
  return p;
}

export function knownPlatforms(): string[] {
  return Object.keys(PROFILES);
}

/** Fills a moderator command template, or null when the platform has no such command. */
export function moderatorCommand(profile: PlatformProfile, action: ModeratorAction, arg: string): string | null {
  const template = profile.moderatorCommands[action];
  if (!template) return null;
  const value = action === 'hide' ? arg.replace(/^@/, '').trim() : arg.trim();
  if (!value) return null;
  const filled = template.replace(/\{(user|seconds|text)\}/g, value);
  return filled.length > profile.maxMessageLength ? filled.slice(0, profile.maxMessageLength) : filled;
}
