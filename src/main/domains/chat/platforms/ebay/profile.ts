import type { PlatformProfile } from '../profile.js';

/**
 * eBay Live. Evidence: three eras of social_stream `sources/ebay.js` (2025-12 to 2026-06); no saved page is public,
 * so the fixtures are reconstructed from that code (tests/fixtures/dom/EVIDENCE.md). None of the extension's old
 * selectors (shared/platforms.md) appears there: they come last, marked as history.
 */
export const ebayProfile: PlatformProfile = {
  platform: 'ebay',
  selectors: {
    chatInput: [
      'textarea.msg-content',
      // history (extension)
      'textarea[placeholder*="comment"]',
      'input[placeholder*="comment"]',
    ],
    chatContainer: [
      '[data-testid="message-list-container"]',
      '[data-testid="chat-messages-container"]',
      '#chatting-container',
      // history (extension)
      '[class*="comments-list"]',
      '[class*="comment-list"]',
      '[class*="CommentList"]',
      '[class*="comments"]',
    ],
    // None known: history (extension).
    sendButton: ['button[aria-label*="send" i]', 'button[aria-label*="post" i]'],
    messageItem: [
      'li[data-id]',
      '[data-id]',
      '[data-index]',
      // history (extension)
      '[class*="comment-item"]',
    ],
    username: [
      '.user-name',
      '[class*="_username_"]',
      '[class*="chatAuthor-"]',
      // history (extension)
      '[class*="commenter-name"]',
    ],
    // With none of these (the Dec 2025 CSS-module rows), the text is the row minus its name.
    messageText: [
      '.message-content',
      '[class*="chatText-"]',
      // history (extension)
      '[class*="comment-text"]',
    ],
    // Nothing in the DOM is known: history (extension).
    liveIndicator: ['[class*="live-badge"]', '[class*="LiveBadge"]', '[class*="live-indicator"]'],
    loggedInUser: [],
    joinItem: [],
    // The count is in the aria-label of the first (the page script reads it when the text has no digits).
    viewerCount: [
      '[class*="_viewCount_"][aria-label]',
      '[aria-label*="watching"]',
      '[aria-label*="viewers"]',
      '[class*="_viewCount_"] [class*="_count_"]',
    ],
  },
  // social_stream skips a row whose data-id it already processed: it looks like a message id (not verified on the
  // site). data-index is a list position only.
  messageIdAttribute: 'data-id',
  timestampAttribute: null,
  frameUrlPattern: null,
  joinTextPattern: null,
  usernameFromHref: null,
  maxMessageLength: 500,
  moderatorCommands: {},
};
