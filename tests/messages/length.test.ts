import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BOT_TEXT_MAX } from '../../src/main/domains/messages/service.js';
import { MESSAGE_MAX, sendMessageBody } from '../../src/shared/contract/messages.js';
import { textLength, truncateText } from '../../src/shared/text.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
afterEach(async () => t?.stop());

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'; // one character on screen, 5 code points
const FLAG = '\u{1F1EB}\u{1F1F7}'; // 2 code points
const ACCENT = 'e\u0301'; // 2 code points

describe('one definition of a message length (code points, cut between characters)', () => {
  it('counts code points: an emoji is one, not two UTF-16 units', () => {
    expect(textLength('😀'.repeat(499))).toBe(499);
    expect(textLength('abc')).toBe(3);
    expect(textLength(FAMILY)).toBe(5);
    expect(textLength('\uD83D')).toBe(1); // a lone surrogate is still one
  });

  it('agrees with the API schema (zod counts code points too) at the limit', () => {
    for (const unit of ['a', '😀', ACCENT, FLAG]) {
      for (const n of [MESSAGE_MAX - 1, MESSAGE_MAX, MESSAGE_MAX + 1]) {
        const text = truncateText(unit.repeat(n), n);
        expect(sendMessageBody.safeParse({ message: text }).success, `${n} of ${JSON.stringify(unit)}`).toBe(textLength(text) <= MESSAGE_MAX);
        expect(z.string().max(MESSAGE_MAX).safeParse(text).success).toBe(textLength(text) <= MESSAGE_MAX);
      }
    }
  });

  it('never cuts inside a character', () => {
    expect(truncateText('😀😀😀', 2)).toBe('😀😀');
    expect(truncateText(`ab${FAMILY}`, 4)).toBe('ab');
    expect(truncateText(`ab${FAMILY}`, 7)).toBe(`ab${FAMILY}`);
    expect(truncateText(`${ACCENT}${ACCENT}`, 3)).toBe(ACCENT);
    expect(truncateText(`x${FLAG}`, 2)).toBe('x');
    for (let max = 1; max < 40; max++) {
      const text = `Hi ${FAMILY} ${FLAG}${ACCENT} 😀!`.repeat(3);
      const cut = truncateText(text, max);
      expect(textLength(cut)).toBeLessThanOrEqual(max);
      expect(text.startsWith(cut)).toBe(true);
      expect(cut).not.toMatch(/[\uD800-\uDBFF]$/);
      expect(cut.endsWith('\u200D')).toBe(false);
    }
    // A single character longer than the cap is cut between code points, never inside a surrogate pair.
    const zalgo = `a${'\u0301'.repeat(20)}`;
    expect(truncateText(zalgo, 5)).toBe(zalgo.slice(0, 5));
    expect(truncateText(`${'😀'}${'\u0301'.repeat(5)}`, 1)).toBe('😀');
  });
});

describe('POST /messages/send stores what it accepted, whole', () => {
  it('queues 499 and 500 emoji intact and refuses 501 with VALIDATION_ERROR', async () => {
    t = await startTestApp();
    await t.call('PATCH', '/api/v1/settings', { botActive: true });
    for (const n of [499, 500]) {
      const text = '😀'.repeat(n);
      const r = await t.call('POST', '/api/v1/messages/send', { message: text });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      const stored = (await t.call('GET', `/api/v1/messages/${r.json.data.messageId}`)).json.data.message;
      expect(stored).toBe(text);
      expect(stored).not.toContain('\uFFFD');
    }
    const over = await t.call('POST', '/api/v1/messages/send', { message: '😀'.repeat(501) });
    expect(over.status).toBe(400);
    expect(over.json.error.code).toBe('VALIDATION_ERROR');
    expect((await t.call('GET', '/api/v1/messages')).json.data.messages).toHaveLength(2);
  });

  it('refuses an over-long API text at the queue too (no caller can get it stored cut)', async () => {
    t = await startTestApp();
    const accountId = t.app.services.accounts.active().id;
    expect(() => t.app.services.messages.enqueue({ accountId, text: 'a'.repeat(MESSAGE_MAX + 1), cause: 'api' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR' }),
    );
    expect(t.app.services.messages.list(accountId, undefined, 10)).toHaveLength(0);
  });

  it('keeps a bot text past the limit whole for the sender to split, bounded between characters', async () => {
    t = await startTestApp();
    const accountId = t.app.services.accounts.active().id;
    const winners = Array.from({ length: 60 }, (_, i) => `viewer_${i} 🎉`).join(', ');
    expect(textLength(winners)).toBeGreaterThan(MESSAGE_MAX);
    expect(t.app.services.messages.enqueue({ accountId, text: winners, cause: 'giveaway' }).message).toBe(winners);
    const huge = `${'a'.repeat(BOT_TEXT_MAX - 1)}😀😀`;
    const kept = t.app.services.messages.enqueue({ accountId, text: huge, cause: 'faq' }).message;
    expect(kept).toBe(`${'a'.repeat(BOT_TEXT_MAX - 1)}😀`);
  });
});
