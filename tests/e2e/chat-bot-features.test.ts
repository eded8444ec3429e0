import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botModule } from '../../src/main/domains/bot/domain.js';
import { startChatHarness, type ChatHarness } from './chat-harness.js';

// Welcome, commands, moderation and timers end to end: viewer rows in the practice page, bot posts typed back into it.
let h: ChatHarness;
beforeAll(async () => {
  h = await startChatHarness({
    settings: {
      botActive: true,
      sendMinSpacingMs: 0,
      welcomeEnabled: true,
      welcomeDelay: 0,
      welcomeMaxPerMinute: 120,
      welcomeMessage: 'Welcome {username}!',
      welcomeMessages: ['Hi {username}, host is {host}'],
      hostUsername: 'PracticeHost',
      commands: [{ name: 'rules', response: 'Be kind, {username}!', cooldownSeconds: 0 }],
      moderation: { enabled: true, blockedWords: ['spam link'], action: 'hide' },
      timerMessages: [{ messages: ['Timer A', 'Timer B'], intervalMinutes: 0.1, jitterPercent: 0, minChatLines: 1 }],
    },
    extra: (s, chat) => [botModule(s, chat.gateway, { tickMs: 200 })],
  });
});
afterAll(async () => {
  await h?.stop();
});

const hostLog = async (): Promise<{ text: string; command: string | null }[]> => (await h.practice('GET', '/host-messages')).messages;
const hostTexts = async () => (await hostLog()).map((m) => m.text);

async function until<T>(what: string, f: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('bot features on the practice stream', () => {
  it('welcomes each viewer once, rotating messages and filling variables', async () => {
    await h.inject('newbie', 'joined', 'join');
    await until('the first welcome', async () => (await hostTexts()).includes('Welcome newbie!'));
    await h.inject('newbie', 'hello again');
    await h.inject('Zoë 🌟', 'hi all');
    await until('the second welcome', async () => (await hostTexts()).includes('Hi Zoë 🌟, host is PracticeHost'));
    // A wrong second welcome for newbie would be queued as "hello again" was delivered, before Zoë's welcome:
    // once that one's echo is in and nothing is queued or being sent, every welcome is in the page.
    await until('the echo of the second welcome', async () => h.lines.some((l) => l.self && l.text === 'Hi Zoë 🌟, host is PracticeHost'));
    await until(
      'the queue drained',
      async () => h.t.app.services.messages.count(h.accountId, 'queued') + h.t.app.services.messages.count(h.accountId, 'sending') === 0,
    );
    expect((await hostTexts()).filter((t) => t.includes('newbie'))).toEqual(['Welcome newbie!']);
  });

  it('answers a command', async () => {
    await h.inject('curious', '!rules');
    await until('the command reply', async () => (await hostTexts()).includes('Be kind, curious!'));
  });

  it('hides a viewer with the platform moderator command, sent once and confirmed without an echo', async () => {
    await h.inject('spammer', 'hello');
    await h.inject('spammer', 'click my spam link');
    const hide = await until('the /hide command', async () => (await hostLog()).find((m) => m.command === 'hide'));
    expect(hide.text).toBe('/hide spammer');
    const sent = await until('the command marked sent', async () => {
      const all = (await h.t.call('GET', '/api/v1/messages?limit=100')).json.data.messages as { message: string; status: string; attempts: number }[];
      return all.find((m) => m.message === '/hide spammer' && m.status === 'sent');
    });
    expect(sent.attempts).toBe(1);
    const page = h.chat.driver.session(h.accountId)!.currentPage()!;
    await until(
      'the rows of spammer gone from the page',
      async () =>
        // Names as on Whatnot: the first strong of the row's content container (its last direct div); the list has rows.
        (await page.locator('[data-testid="chat-message"] > div:last-of-type > :first-child strong').allTextContents()).every(
          (u) => u !== 'spammer',
        ) && (await page.locator('[data-testid="chat-message"]').count()) > 0,
    );
    expect((await hostLog()).filter((m) => m.command === 'hide')).toHaveLength(1);
  });

  it('posts timers on their interval after enough chat, rotating, and stores every post with its cause', async () => {
    await h.inject('chatty', 'nice pull');
    await until('the first timer post', async () => (await hostTexts()).includes('Timer A'), 20_000);
    await h.inject('chatty', 'another one');
    await until('the second timer post', async () => (await hostTexts()).includes('Timer B'), 20_000);
    const lines = (await h.t.call('GET', '/api/v1/chat/messages?limit=200')).json.data.messages as {
      direction: string;
      cause: string | null;
      text: string;
    }[];
    const causeOf = (text: string) => lines.find((l) => l.direction === 'sent' && l.text === text)?.cause;
    expect(causeOf('Welcome newbie!')).toBe('welcome');
    expect(causeOf('Be kind, curious!')).toBe('command');
    expect(causeOf('/hide spammer')).toBe('moderation');
    expect(causeOf('Timer A')).toBe('timer');
    expect(lines.find((l) => l.direction === 'received' && l.text === '!rules')?.cause).toBe('command');
  }, 45_000);
});
