import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatHarness, type ChatHarness } from './chat-harness.js';

let h: ChatHarness;
beforeAll(async () => {
  h = await startChatHarness({ settings: { sendMinSpacingMs: 0, botActive: true } });
});
afterAll(async () => {
  await h?.stop();
});

async function send(message: string, delay = 0): Promise<string> {
  const res = await h.t.call('POST', '/api/v1/messages/send', { message, delay });
  expect(res.status).toBe(200);
  return res.json.data.messageId;
}

async function statusOf(id: string) {
  return (await h.t.call('GET', `/api/v1/messages/${id}`)).json.data;
}

async function waitStatus(id: string, status: string, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const m = await statusOf(id);
    if (m.status === status) return m;
    if (Date.now() > end) throw new Error(`message ${id} is ${m.status} (${m.error}), not ${status}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function hostMessages(): Promise<{ text: string; ts: number }[]> {
  return (await h.practice('GET', '/host-messages')).messages;
}

describe('sending', () => {
  it('types into the page, sees its own echo and marks the message sent; the echo is never a trigger', async () => {
    const id = await send('Thanks for watching, everyone!');
    const m = await waitStatus(id, 'sent');
    expect(m.attempts).toBe(1);
    expect((await hostMessages()).map((x) => x.text)).toContain('Thanks for watching, everyone!');
    const echo = h.lines.find((l) => l.text === 'Thanks for watching, everyone!');
    expect(echo).toMatchObject({ self: true, username: 'PracticeHost', history: false });
    const st = (await h.t.call('GET', '/api/v1/chat/status')).json.data;
    expect(st.queue.lastSentAt).not.toBeNull();
  });

  it('keeps sendMinSpacingMs between two posts', async () => {
    await h.t.call('PATCH', '/api/v1/settings', { sendMinSpacingMs: 400 });
    // Stamp each post where it happens: the Enter that submits it in the page.
    const page = h.chat.driver.session(h.accountId)!.currentPage()!;
    await page.evaluate(() => {
      const w = window as unknown as { __posts: number[] };
      w.__posts = [];
      document.querySelector('textarea')!.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') w.__posts.push(performance.now());
      });
    });
    const ids = [await send('spaced one'), await send('spaced two'), await send('spaced three')];
    for (const id of ids) await waitStatus(id, 'sent');
    const posts = await page.evaluate(() => (window as unknown as { __posts: number[] }).__posts);
    expect(posts).toHaveLength(3);
    // Spacing is kept from the moment Node submits; the page sees each keydown a little later, by varying amounts.
    expect(posts[1]! - posts[0]!).toBeGreaterThanOrEqual(350);
    expect(posts[2]! - posts[1]!).toBeGreaterThanOrEqual(350);
    const texts = (await hostMessages()).map((x) => x.text);
    expect(texts.filter((t) => t.startsWith('spaced'))).toEqual(['spaced one', 'spaced two', 'spaced three']);
    await h.t.call('PATCH', '/api/v1/settings', { sendMinSpacingMs: 0 });
  });

  it('waits for a delayed message', async () => {
    const start = Date.now();
    // Long enough that the status asked for at once is read well before it is due.
    const id = await send('later, please', 2000);
    expect((await statusOf(id)).status).toBe('queued');
    await waitStatus(id, 'sent');
    const posted = (await hostMessages()).find((x) => x.text === 'later, please')!;
    expect(posted.ts - start).toBeGreaterThanOrEqual(2000);
  });

  it('retries with backoff and fails for good when the chat input is missing', async () => {
    const page = h.chat.driver.session(h.accountId)!.currentPage()!;
    await page.evaluate(() => document.querySelector('#chat-form')!.remove());
    const id = await send('nobody will see this');
    const m = await waitStatus(id, 'failed');
    expect(m.attempts).toBe(3);
    expect(m.error).toMatch(/No chat input found/);
    expect((await hostMessages()).map((x) => x.text)).not.toContain('nobody will see this');
    // Put the page back for whatever runs next.
    await page.reload();
  });
});
