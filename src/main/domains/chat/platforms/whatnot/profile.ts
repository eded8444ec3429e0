import type { PlatformProfile } from '../profile.js';

/**
 * Whatnot. Evidence: social_stream `sources/whatnot.js` (2024-2026; tests/fixtures/dom/EVIDENCE.md). The chat is a
 * react-virtuoso list of `[data-testid="chat-message"]` rows with no test id on the name or the text, so both are
 * found by structure: the row is an avatar link `a[href="/user/<name>"]` plus a content `div` whose first child holds
 * the name (`strong`) and badges, and whose further children are the message.
 *
 * Every list ends with the browser extension's old selectors (shared/platforms.md, "The extension's selectors"):
 * history, never seen on the real site, kept as last fallbacks.
 */
export const whatnotProfile: PlatformProfile = {
  platform: 'whatnot',
  selectors: {
    // Whether the test id sits on the textarea or a wrapper is not attested: the exact forms first.
    chatInput: [
      'textarea[data-testid="chat-input"]',
      '[data-testid="chat-input"] textarea',
      '[data-testid="chat-input"]',
      'textarea.chatInput',
      '.chatInput textarea',
      '.chatInput',
      'textarea',
      // history (extension)
      'textarea[placeholder*="chat"]',
      'textarea[placeholder*="message"]',
      'textarea[placeholder*="Send"]',
      '.chat-input textarea',
      '[class*="ChatInput"] textarea',
    ],
    chatContainer: [
      '[data-testid="virtuoso-item-list"]',
      // history (extension)
      '[data-testid="chat-messages"]',
      '[data-testid="chat-container"]',
      '.chat-messages',
      '[class*="ChatMessages"]',
      '[class*="ChatContainer"]',
      '[class*="LiveChat"]',
    ],
    // No send button is known (social_stream never posts on Whatnot): Enter sends. A bare submit button can belong
    // to any form, so the sender looks for it inside the input's own form only. All history (extension).
    sendButton: [
      '[data-testid="send-button"]',
      '.chat-send-button',
      '[class*="SendButton"]',
      'button[aria-label*="send" i]',
      'button[type="submit"]',
    ],
    messageItem: [
      '[data-testid="chat-message"]',
      // history (extension)
      '.chat-message',
      '[class*="ChatMessage"]',
      '[class*="message-item"]',
    ],
    username: [
      // The content container is the row's last direct div (also reached as the div after the avatar link).
      ':scope > div:last-of-type > :first-child strong',
      ':scope > a + div > :first-child strong',
      // history (extension); then usernameFromHref
      '[data-testid="username"]',
      '.username',
      '[class*="Username"]',
      '[class*="user-name"]',
      'span[class*="name"]',
    ],
    messageText: [
      // The container's children after the first (the name line). Only in a row of that shape: the name line holds
      // a `strong`, or the container follows the avatar link; another layout falls through to the lists below.
      ':scope > div:last-of-type:has(> :first-child strong) > :nth-child(n+2)',
      ':scope > a[href*="/user/"] + div > :nth-child(n+2)',
      // history (extension)
      '[data-testid="message-text"]',
      '.message-text',
      '[class*="MessageText"]',
      '[class*="message-content"]',
    ],
    liveIndicator: [
      // The live player's footer (auction timer, product, winning status) is on a live show page only.
      'footer[class*="LivePlayer_livePlayerFooter"]',
      // history (extension)
      '[data-testid="live-indicator"]',
      '.live-badge',
      '[class*="LiveBadge"]',
      '[class*="live-indicator"]',
    ],
    // No evidence from the real site: history (extension).
    loggedInUser: [
      '[data-testid="host-username"]',
      '[data-testid="current-user"]',
      '[data-testid="logged-in-user"]',
      '[class*="CurrentUser"] [class*="name"]',
    ],
    // Real join rows are ordinary rows reading "joined 👋" (joinTextPattern). History (extension):
    joinItem: ['[data-testid="join-message"]', '[data-testid="chat-join"]', '[data-kind="join"]', '[class*="JoinMessage"]'],
    viewerCount: [
      'header strong.tabular-nums',
      'section strong.tabular-nums',
      'strong.tabular-nums',
      // history (extension)
      '[data-testid="viewer-count"]',
      '[class*="ViewerCount"]',
      '[class*="viewer-count"]',
    ],
  },
  // `data-index` is react-virtuoso's list position (rows unmount and come back): not an id. The id is on the wire.
  messageIdAttribute: null,
  timestampAttribute: null,
  frameUrlPattern: null,
  // "joined 👋" after the name element (social_stream 2024-2026); "<name> joined" where a row has no name element.
  joinTextPattern:
    '^(?:(\\S+)\\s+)?(?:just\\s+)?joined(?:\\s+the\\s+(?:show|stream|chat))?[!.]?(?:\\s*\\p{Extended_Pictographic}[\\u{1F3FB}-\\u{1F3FF}\\uFE0F]?)?$',
  usernameFromHref: '/user/([^/?#]+)',
  // No published limit was found; 500 is the working cap.
  maxMessageLength: 500,
  moderatorCommands: { hide: '/hide {user}', slow: '/slow {seconds}', announce: '/announce {text}' },
};

/**
 * Our practice stream renders Whatnot's markup and speaks its frames, so practising exercises the real profile:
 * the same one, under its own platform name. Like Whatnot's, its rows carry no message id and no time.
 */
export const practiceProfile: PlatformProfile = { ...whatnotProfile, platform: 'practice' };
