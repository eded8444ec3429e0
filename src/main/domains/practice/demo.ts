import type { AppModule } from '../define.js';
import type { AccountService } from '../accounts/service.js';
import type { SettingsPatchInput } from '../settings/schema.js';
import type { SettingsService } from '../settings/service.js';

export const PRACTICE_ACCOUNT_NAME = 'Practice Stream';

/** What a new user sees the bot do on the practice stream; only applied when the practice account is created. */
export const DEMO_SETTINGS: SettingsPatchInput = {
  botActive: true,
  welcomeEnabled: true,
  welcomeMessage: 'Welcome to the stream, {username}! 👋',
  welcomeMessages: ['Hey {username}, glad you made it! Type "enter" for the giveaway 🎁'],
  welcomeDelay: 1500,
  faqRules: [
    { triggers: ['shipping', 'ship', 'postage'], response: 'Shipping is $5 flat in the US and free over $50 📦' },
    { triggers: ['paypal', 'payment', 'pay', 'apple pay'], response: 'We take cards, Apple Pay and PayPal at checkout 💳' },
    { triggers: ['size', 'sizes', 'measurements'], response: 'Sizes and measurements are on the product card: tap the item 📏' },
  ],
  // Short on purpose: a new user watching the demo for a minute sees a timer post, not only welcomes and answers.
  timerMessages: [
    { messages: ['Tap ⭐ follow so you never miss a drop!', 'Giveaway at the end: type "enter" to join 🎁'], intervalMinutes: 0.75, minChatLines: 5 },
  ],
  commands: [{ name: 'rules', response: 'Be kind, no spam, and have fun! Giveaway: type "enter" once.' }],
  hostUsername: 'PracticeHost',
  // The practice show tips, raids and sells now and then: the demo thanks them, as a seller would want.
  thanks: { tips: { enabled: true }, raids: { enabled: true }, sales: { enabled: true } },
};

/**
 * Practice mode runs on its own account, so the seller's real accounts and settings are never touched; the
 * account is created (with demo settings) on first use and made active before the chat module opens it.
 */
export function practiceDemoModule(s: { accounts: AccountService; settings: SettingsService }): AppModule {
  return {
    name: 'practice-demo',
    start() {
      let account = s.accounts.list().find((a) => a.platform === 'practice' && a.name === PRACTICE_ACCOUNT_NAME);
      if (!account) {
        account = s.accounts.create({ name: PRACTICE_ACCOUNT_NAME, platform: 'practice', url: null });
        s.settings.update(account.id, DEMO_SETTINGS);
      }
      s.accounts.switchTo(account.id);
    },
  };
}
