import type { PlatformProfile } from '../profile.js';

/**
 * Kick. The 2023 markup (`[data-chat-entry]`, `.chat-entry-*`) is gone; the current rows are a virtual list of
 * `[data-index]` slots. Evidence: social_stream `sources/kick.js` (2026), thened/KickSanitizer (captures 2026),
 * FrankerFaceZ `src/sites/kick`, Kaedriz/twitch-enhancer (2025); tests/fixtures/dom/EVIDENCE.md.
 * The 2023 selectors and the extension's old ones (shared/platforms.md) come last, marked as history.
 */
export const kickProfile: PlatformProfile = {
  platform: 'kick',
  selectors: {
    chatInput: [
      // A Lexical editor; whether the test id sits on the editable element or a wrapper is not attested.
      'div[data-testid="chat-input"][contenteditable="true"]',
      'div[data-testid="chat-input"] [contenteditable="true"]',
      'div[data-testid="chat-input"]',
      '[data-input="true"]',
      '#message-input',
      // history (extension)
      'textarea[placeholder*="Send"]',
      'div[contenteditable="true"]',
    ],
    chatContainer: [
      '#chatroom-messages',
      '[data-testid="chatroom-messages"]',
      '#channel-chatroom',
      // history (extension)
      '#chatroom',
    ],
    // No send button is known (social_stream presses Enter): history (extension).
    sendButton: ['#send-message-button', 'button[aria-label*="send" i]'],
    messageItem: [
      // The virtual list's slot (its data-index is recycled, not an id).
      '[data-index]',
      // history (2023 markup; extension)
      '[data-chat-entry]',
      '.chat-entry',
      '[class*="chat-message"]',
    ],
    username: [
      'button[data-prevent-expand]',
      'button[title]',
      'button.inline.font-bold',
      // history (2023 markup; extension)
      '.chat-entry-username',
      '[class*="chat-username"]',
    ],
    messageText: [
      // The body is the span after the ": " separator (FrankerFaceZ); a row may have no separator.
      'span[aria-hidden="true"] + span[class*="font-normal"]',
      'span[class*="font-normal"]',
      'div[class*="font-normal"]',
      // history (2023 markup; extension)
      '.chat-entry-content',
      '[class*="chat-message-content"]',
      '[class*="message-content"]',
    ],
    // Nothing in the DOM is known (social_stream asks Kick's channel API): history (extension).
    liveIndicator: ['[class*="live-badge"]', '[class*="LiveBadge"]'],
    loggedInUser: [],
    joinItem: [],
    viewerCount: [],
  },
  // "The DOM carries no message id anywhere" (KickSanitizer); ChatMessageEvent.id on the wire has it.
  messageIdAttribute: null,
  timestampAttribute: null,
  frameUrlPattern: null,
  joinTextPattern: null,
  usernameFromHref: null,
  maxMessageLength: 500,
  // Kick counts a timeout in minutes.
  moderatorCommands: { hide: '/timeout {user} 1', timeout: '/timeout {user} 10', slow: '/slow on {seconds}' },
};
