import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botModule } from '../../src/main/domains/bot/domain.js';
import { startChatHarness, type ChatHarness } from './chat-harness.js';

/** The Live chat screen's server side on the practice stream: the host's own sends, moderation, one sender identity. */
let h: ChatHarness;
const FAQ_REPLY = 'Shipping is $5, free over $50';
beforeAll(async () => {
  h = await startChatHarness({
    settings: {
      botActive: false,
      sendMinSpacingMs: 0,
      welcomeEnabled: false,
      faqRules: [{ triggers: ['shipping'], response: FAQ_REPLY, userCooldownSeconds: 0, cooldownSeconds: 0 }],
    },
    extra: (s, chat) => [botModule(s, chat.gateway, { tickMs: 0 })],
  });
});
afterAll(async () => {
  await h?.stop();
});

const history = async (q: string) => (await h.t.call('GET', `/api/v1/chat/messages?q=${encodeURIComponent(q)}`)).json.data.messages;
const hostMessages = async () => (await h.practice('GET', '/host-messages')).messages as { text: string; command: string | null }[];
const statusOf = async (id: string) => (await h.t.call('GET', `/api/v1/messages/${id}`)).json.data.status;

describe('Live chat on the practice stream', () => {
  it('sends the host’s own line with the bot off: queued, then sent once its echo is seen, stored once', async () => {
    const text = 'Next up: the Charizard slab, bids open now';
    const res = await h.t.call('POST', '/api/v1/chat/send', { message: text });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ status: 'queued', cause: 'manual' });
    await expect.poll(() => statusOf(res.json.data.messageId)).toBe('sent');
    expect((await hostMessages()).map((m) => m.text)).toContain(text);
    const echo = await h.waitFor('the echo', () => h.lines.find((l) => l.text === text));
    // Recognised as the queued text: not a second line the host typed on the site.
    expect(echo).toMatchObject({ self: true, manual: false });
    // The queue recorded it when it saw the echo; the bot heard the echo before that, and did not record it again.
    const rows = await history(text);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ direction: 'sent', cause: 'manual', sender: 'host', messageId: res.json.data.messageId, username: echo.username });
    const api = await h.t.call('POST', '/api/v1/messages/send', { message: 'from an integration' });
    expect(api.json.error?.code).toBe('BOT_INACTIVE');
  });

  it("shows the bot's reply under the same name in history as live, marked bot with its cause", async () => {
    await h.t.call('POST', '/api/v1/bot/start');
    await h.inject('curious_viewer', 'shipping to Canada?');
    const echo = await h.waitFor('the FAQ reply echo', () => h.lines.find((l) => l.text === FAQ_REPLY), 15_000);
    await expect.poll(async () => (await history(FAQ_REPLY)).length).toBe(1);
    const [row] = await history(FAQ_REPLY);
    expect(row).toMatchObject({ username: echo.username, sender: 'bot', cause: 'faq', direction: 'sent' });
    const [viewer] = await history('shipping to Canada');
    expect(viewer).toMatchObject({ username: 'curious_viewer', sender: 'viewer' });
    await h.t.call('POST', '/api/v1/bot/stop');
  });

  it('hides a viewer with the platform command, carried out by the page instead of shown', async () => {
    const res = await h.t.call('POST', '/api/v1/chat/moderate', { action: 'hide', username: '@rude_viewer' });
    expect(res.json.data.command).toBe('/hide rude_viewer');
    await expect.poll(() => statusOf(res.json.data.messageId)).toBe('sent');
    expect((await hostMessages()).find((m) => m.text === '/hide rude_viewer')?.command).toBe('hide');
    const timeout = await h.t.call('POST', '/api/v1/chat/moderate', { action: 'timeout', username: 'rude_viewer' });
    expect(timeout.json.error.code).toBe('VALIDATION_ERROR');
  });
});
