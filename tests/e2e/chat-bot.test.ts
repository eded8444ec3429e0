import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botModule } from '../../src/main/domains/bot/domain.js';
import { startChatHarness, type ChatHarness } from './chat-harness.js';

let h: ChatHarness;
const REPLY = 'Shipping is $5 in the US, free over $50';
beforeAll(async () => {
  h = await startChatHarness({
    settings: {
      botActive: true,
      sendMinSpacingMs: 0,
      welcomeEnabled: false,
      faqRules: [{ triggers: ['shipping'], response: REPLY, userCooldownSeconds: 0, cooldownSeconds: 0 }],
    },
    extra: (s, chat) => [botModule(s, chat.gateway, { tickMs: 0 })],
  });
});
afterAll(async () => {
  await h?.stop();
});

async function hostTexts(): Promise<string[]> {
  return (await h.practice('GET', '/host-messages')).messages.map((m: { text: string }) => m.text);
}

describe('driver + bot on the practice stream', () => {
  it('answers a viewer FAQ in the page as the host, and never answers history or its own echo', async () => {
    await h.inject('curious_viewer', 'shipping?');
    const deadline = Date.now() + 10_000;
    while (!(await hostTexts()).includes(REPLY)) {
      if (Date.now() > deadline) throw new Error('no FAQ reply in the page');
      await new Promise((r) => setTimeout(r, 25));
    }
    const echo = await h.waitFor('the echo', () => h.lines.find((l) => l.text === REPLY));
    expect(echo.self).toBe(true);
    // A wrong second reply (to the history "shipping?", or to the echo) would be queued as that line was delivered,
    // before the echo reached this test: once nothing is queued or being sent, every reply is in the page.
    await h.waitFor(
      'the queue drained',
      () => h.t.app.services.messages.count(h.accountId, 'queued') + h.t.app.services.messages.count(h.accountId, 'sending') === 0,
    );
    expect((await hostTexts()).filter((t) => t === REPLY)).toHaveLength(1);
    const sent = (await h.t.call('GET', '/api/v1/messages?status=sent')).json.data.messages;
    expect(sent.filter((m: { message: string }) => m.message === REPLY)).toHaveLength(1);
  });

  it('enters a viewer who types the keyword, and not the one in history nor the host', async () => {
    // The host types the keyword by hand first (excludeHost is on by default), then a viewer does.
    const page = h.chat.driver.session(h.accountId)!.currentPage()!;
    await page.fill('textarea', 'enter');
    await page.press('textarea', 'Enter');
    await h.waitFor('the host line', () => h.lines.find((l) => l.self && l.text === 'enter'));
    await h.inject('lucky_viewer', 'enter');
    const end = Date.now() + 10_000;
    let users: string[] = [];
    while (!users.includes('lucky_viewer')) {
      if (Date.now() > end) throw new Error('no giveaway entry');
      const res = await h.t.call('GET', '/api/v1/giveaway/entries');
      users = (res.json.data.entries ?? []).map((e: { username: string }) => e.username);
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(users).not.toContain('giveaway_fan');
    expect(users).not.toContain('PracticeHost');
  });
});
