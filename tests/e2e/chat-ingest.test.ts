import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY, startChatHarness, type ChatHarness } from './chat-harness.js';

let h: ChatHarness;
beforeAll(async () => {
  h = await startChatHarness({ settings: { sendMinSpacingMs: 0 } });
});
afterAll(async () => {
  await h?.stop();
});

describe('chat ingest on the practice stream', () => {
  it('delivers lines already on screen as history, parsed into username and text', () => {
    const hist = h.lines.filter((l) => l.history);
    expect(hist.map((l) => [l.username, l.text])).toEqual(HISTORY);
    expect(hist.every((l) => l.rowKey.startsWith('id:') && !l.self && l.platform === 'practice')).toBe(true);
  });

  it('pushes a new row to Node with username, text, page timestamp and identity', async () => {
    const m = await h.inject('viewer_one', 'what is the shipping cost?');
    const line = await h.waitFor('the line', () => h.lines.find((l) => l.rowKey === `id:${m.id}`));
    expect(line).toMatchObject({ kind: 'message', username: 'viewer_one', text: 'what is the shipping cost?', history: false, self: false });
    expect(line.pageTs).toBeTypeOf('number');
    expect(line.receivedAt).toBeGreaterThanOrEqual(line.pageTs!);
  });
});
