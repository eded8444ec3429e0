import type { PlatformProfile } from '../profile.js';

/**
 * Twitch. Evidence: saved rows (jaw-sh/stream-nexus 2023, native; a saved 2022 popout page, FrankerFaceZ-rendered),
 * stream-nexus and social_stream code, Kaedriz/twitch-enhancer (2025); tests/fixtures/dom/EVIDENCE.md.
 * The extension's old selectors (shared/platforms.md) come last in each list, marked as history.
 */
export const twitchProfile: PlatformProfile = {
  platform: 'twitch',
  selectors: {
    chatInput: [
      // The Slate editor (saved 2022 page); the textarea is the older input.
      'div[role="textbox"][data-a-target="chat-input"][contenteditable="true"]',
      'textarea[data-a-target="chat-input"]',
      'div[data-a-target="chat-input"][contenteditable="true"]',
      '[data-a-target="chat-input"] [contenteditable="true"]',
    ],
    chatContainer: ['[data-test-selector="chat-scrollable-area__message-container"]', '.chat-scrollable-area__message-container'],
    // Label "Chat" (saved 2022 page).
    sendButton: ['button[data-a-target="chat-send-button"]'],
    messageItem: ['[data-a-target="chat-line-message"]', '.chat-line__message'],
    // FrankerFaceZ rows have only the class.
    username: ['[data-a-target="chat-message-username"]', '.chat-author__display-name'],
    messageText: [
      // The whole body first: emotes and mentions sit beside the text fragments, not inside them, so an emote-only
      // row has no fragment at all. `span.message` is FrankerFaceZ's body.
      '[data-a-target="chat-line-message-body"]',
      'span.message',
      '[data-a-target="chat-message-text"]',
      // history (extension)
      '.text-fragment',
    ],
    // No saved evidence: history (extension).
    liveIndicator: ['.live-indicator-container', '[class*="live-indicator"]', '[data-a-target="animated-channel-viewers-count"]'],
    // No saved evidence: history (extension).
    loggedInUser: ['[data-a-target="user-display-name"]'],
    // Twitch shows no join rows.
    joinItem: [],
    viewerCount: [
      'strong[data-a-target="animated-channel-viewers-count"]',
      'div[data-a-target="channel-viewers-count"]',
      '[data-a-target="animated-channel-viewers-count"]',
    ],
  },
  // No saved native row carries an id (the extension's `data-a-id` appears in none); the IRC `id` tag has it.
  messageIdAttribute: null,
  timestampAttribute: null,
  frameUrlPattern: null,
  joinTextPattern: null,
  usernameFromHref: null,
  maxMessageLength: 500,
  moderatorCommands: { hide: '/timeout {user} 1', timeout: '/timeout {user} 600', slow: '/slow {seconds}', announce: '/announce {text}' },
};
