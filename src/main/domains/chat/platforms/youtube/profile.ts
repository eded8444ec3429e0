import type { PlatformProfile } from '../profile.js';

/**
 * YouTube Live. The chat lives in the `live_chat` iframe. Evidence: saved rows (jaw-sh/stream-nexus 2023,
 * AvidCaster/avidcaster 2021) and social_stream `sources/youtube.js` (2026); tests/fixtures/dom/EVIDENCE.md.
 * The extension's old selectors (shared/platforms.md) were the same as the saved markup for most roles; where they
 * differ they come last, marked as history.
 */
export const youtubeProfile: PlatformProfile = {
  platform: 'youtube',
  selectors: {
    chatInput: [
      'yt-live-chat-text-input-field-renderer div#input[contenteditable]',
      'div#input[contenteditable]',
      // history (extension)
      '#input[contenteditable="true"]',
      'yt-live-chat-text-input-field-renderer #input',
    ],
    chatContainer: ['yt-live-chat-item-list-renderer #items', '#items.yt-live-chat-item-list-renderer'],
    // social_stream presses Enter after focusing; the button is the extension's (history).
    sendButton: ['#send-button button'],
    // Paid stickers have a name but no message: left out, or their amount would read as text.
    messageItem: ['yt-live-chat-text-message-renderer', 'yt-live-chat-paid-message-renderer'],
    // #author-name also holds #chip-badges (SVG only): its text is the name alone.
    username: ['#author-name'],
    // 7TV replaces the message element with its own.
    messageText: ['#message', '.seventv-yt-message-content'],
    // Nothing in the chat frame says live (social_stream reads "isLive" from the watch page): history (extension).
    liveIndicator: ['.ytp-live-badge', '[class*="live-badge"]', 'yt-live-chat-header-renderer'],
    // history (extension)
    loggedInUser: ['yt-live-chat-message-input-renderer #author-name', '#input-container #author-name'],
    // A new member, not a plain join (YouTube shows no join rows).
    joinItem: ['yt-live-chat-membership-item-renderer'],
    viewerCount: [],
  },
  // The row's id attribute is the same id as liveChatTextMessageRenderer.id on the wire: stable.
  messageIdAttribute: 'id',
  timestampAttribute: null,
  frameUrlPattern: 'live_chat',
  joinTextPattern: null,
  usernameFromHref: null,
  maxMessageLength: 200,
  moderatorCommands: {},
};
