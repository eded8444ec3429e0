import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { builtinProfile } from '../../src/main/domains/chat/profiles.js';
import { splitForChat } from '../../src/main/domains/chat/sender.js';
import { browserPid, startChatHarness, type ChatHarness } from './chat-harness.js';

/**
 * A message longer than the site allows goes out in parts, each confirmed and stored: a browser lost between
 * two parts costs nothing already in chat. A chat of its own, so its first post is this message: with a minute
 * between posts, part 1 goes out at once and the queue is still waiting to post part 2 when the browser dies.
 */
let h: ChatHarness;
beforeAll(async () => {
  h = await startChatHarness({
    settings: { sendMinSpacingMs: 60_000 },
    // A retry far later than the test waits: a part posted twice could only come from the queue deciding so.
    chat: { restartBaseMs: 100, retryBaseMs: 10_000 },
  });
});
afterAll(async () => {
  await h?.stop();
});

const hostTexts = async (): Promise<string[]> => (await h.practice('GET', '/host-messages')).messages.map((m: { text: string }) => m.text);

describe('a split message across a browser restart', () => {
  it('the restarted page gets only the parts not yet in chat, each once and in order', { timeout: 90_000 }, async () => {
    const s = h.t.app.services;
    // A long FAQ answer (the bot's texts may exceed the 500 a viewer-facing API allows): three parts on this site.
    const text = Array.from({ length: 16 }, (_, i) => `Split answer sentence ${i + 1} tells viewers a little more about shipping.`).join(' ');
    const parts = splitForChat(text, builtinProfile('practice').maxMessageLength);
    expect(parts).toHaveLength(3);
    const partsSent = (id: string) => (s.db.prepare('SELECT parts_sent FROM messages WHERE id = ?').get(id) as { parts_sent: number }).parts_sent;
    const before = h.chat.driver.session(h.accountId)!;
    const { messageId: id } = s.messages.enqueue({ accountId: h.accountId, text, cause: 'faq' });
    // Stored once its echo is seen: the queue then waits out the minute before part 2.
    await h.waitFor('part 1 confirmed in chat', () => partsSent(id) === 1, 20_000);
    expect(await hostTexts()).toEqual([parts[0]]);
    // The wait under way keeps its minute; the restarted queue reads the new spacing.
    s.settings.update(h.accountId, { sendMinSpacingMs: 0 });
    const released: { status: string; attempts: number; partsSent: number }[] = [];
    const release = s.messages.release.bind(s.messages);
    vi.spyOn(s.messages, 'release').mockImplementation((mid, error) => {
      release(mid, error);
      const m = s.messages.get(mid);
      if (mid === id) released.push({ status: m.status, attempts: m.attempts, partsSent: partsSent(mid) });
    });
    process.kill(browserPid(path.join(h.t.dataDir, 'profiles', h.accountId))!, 'SIGKILL');
    // Given back to the queue with part 1 recorded, its attempt not counted (the page went, not the message).
    await h.waitFor('the message given back', () => released.length > 0);
    expect(released).toEqual([{ status: 'queued', attempts: 0, partsSent: 1 }]);
    await h.waitFor(
      'a restarted chat page',
      () => {
        const now = h.chat.driver.session(h.accountId);
        return now !== null && now !== before && now.ready();
      },
      30_000,
    );
    await h.waitFor('the message sent', () => s.messages.get(id).status === 'sent', 30_000);
    expect(await hostTexts()).toEqual(parts);
    const echoes = parts.map((p) => h.lines.filter((l) => l.text === p));
    expect(echoes.every((e) => e.length === 1 && e[0]!.self)).toBe(true);
    vi.restoreAllMocks();
  });
});
