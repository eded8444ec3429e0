import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SelfTracker } from '../../src/main/domains/chat/self-tracker.js';
import { isPlatformCommand, SendQueue, splitForChat, type ChatPoster, type SendTimes } from '../../src/main/domains/chat/sender.js';
import { silentLogger } from '../../src/main/kernel/logger.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let accountId: string;
beforeAll(async () => {
  t = await startTestApp();
  accountId = t.app.services.accounts.active().id;
  t.app.services.settings.update(accountId, { sendMinSpacingMs: 0 });
});
afterAll(async () => t?.stop());

/** A page the test controls: records submits; `afterSubmit` decides what happens once Enter was pressed. */
class FakePage implements ChatPoster {
  posts: string[] = [];
  afterSubmit: (text: string) => void = () => {};
  ready(): boolean {
    return true;
  }
  async post(text: string, submitting: () => void): Promise<void> {
    submitting();
    this.posts.push(text);
    this.afterSubmit(text);
  }
}

function queueFor(page: FakePage, self: SelfTracker, times: SendTimes, maxLength = 500) {
  const s = t.app.services;
  return new SendQueue(accountId, s.messages, s.settings, s.clock, silentLogger, page, self, maxLength, times, {
    echoTimeoutMs: 50,
    retryBaseMs: 20,
    maxAttempts: 3,
  });
}

async function until(what: string, f: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('send queue', () => {
  it('never posts a message twice when its echo arrives after the timeout (or with the page restored after a crash)', async () => {
    const self = new SelfTracker(
      () => [],
      () => Date.now(),
    );
    const times: SendTimes = { lastPostAt: 0, lastSentAt: null, unconfirmed: new Map() };
    const page = new FakePage();
    // The browser dies right after Enter: no echo now, the post throws.
    page.afterSubmit = () => {
      throw new Error('Target page, context or browser has been closed');
    };
    const q1 = queueFor(page, self, times);
    q1.start();
    const m = t.app.services.messages.enqueue({ accountId, text: 'Shipping is $5 flat', cause: 'faq' });
    await until('the first attempt', () => page.posts.length === 1);
    await q1.stop();
    // The restarted page shows the row that did reach chat: the ingest recognises it as ours.
    expect(self.match('TheHost', 'Shipping is $5 flat', 'message')).toBe(true);
    page.afterSubmit = () => {};
    const q2 = queueFor(page, self, times);
    q2.start();
    await until('the message marked sent', () => t.app.services.messages.get(m.messageId).status === 'sent');
    await q2.stop();
    expect(page.posts).toEqual(['Shipping is $5 flat']);
  });

  it('confirms a platform moderator command by its submit, since the site never echoes it', async () => {
    const self = new SelfTracker(
      () => [],
      () => Date.now(),
    );
    const times: SendTimes = { lastPostAt: 0, lastSentAt: null, unconfirmed: new Map() };
    const page = new FakePage();
    const q = queueFor(page, self, times);
    q.start();
    const m = t.app.services.messages.enqueue({ accountId, text: '/hide spammer', cause: 'moderation' });
    await until('the command sent', () => t.app.services.messages.get(m.messageId).status === 'sent');
    // Once stopped nothing more can be posted: what the page got is all it ever gets.
    await q.stop();
    expect(page.posts).toEqual(['/hide spammer']);
    // Confirmed by its first submit: had it waited for an echo (50 ms here), it would have been retried.
    expect(t.app.services.messages.get(m.messageId)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(isPlatformCommand('/timeout bob 1')).toBe(true);
    expect(isPlatformCommand('/ not a command')).toBe(false);
    expect(isPlatformCommand('50/50 chance')).toBe(false);
  });

  it('posts a message longer than the platform allows in parts, in order, and a retry resumes after the parts in chat', async () => {
    const self = new SelfTracker(
      () => [],
      () => Date.now(),
    );
    const times: SendTimes = { lastPostAt: 0, lastSentAt: null, unconfirmed: new Map() };
    const page = new FakePage();
    let fail = 1; // the second part's first attempt dies before Enter
    page.post = async (text, submitting) => {
      if (page.posts.length === 1 && fail-- > 0) throw new Error('No chat input found');
      submitting();
      page.posts.push(text);
      queueMicrotask(() => self.match('Me', text, 'message'));
    };
    const text =
      'Shipping is $5 flat in the US. Free over $50! International orders ship from Monday with tracking, and combined shipping applies to everything you win tonight.';
    const q = queueFor(page, self, times, 60);
    q.start();
    const m = t.app.services.messages.enqueue({ accountId, text, cause: 'faq' });
    await until('the message marked sent', () => t.app.services.messages.get(m.messageId).status === 'sent');
    await q.stop();
    expect(page.posts.every((p) => p.length <= 60)).toBe(true);
    expect(page.posts.join(' ')).toBe(text);
    // Every part once, the first part not re-posted by the retry.
    expect(new Set(page.posts).size).toBe(page.posts.length);
    expect(page.posts[0]).toBe('Shipping is $5 flat in the US. Free over $50!');
  });
});

describe('late echoes', () => {
  it("confirms with the first attempt's echo when it arrives during the second attempt, instead of posting a third time", async () => {
    const self = new SelfTracker(
      () => [],
      () => Date.now(),
    );
    const page = new FakePage();
    // Attempt 1: no echo in time. Attempt 2: attempt 1's echo shows up (one row in chat), attempt 2's never does.
    page.afterSubmit = () => {
      if (page.posts.length === 2) setTimeout(() => self.match('Me', 'Late echo test', 'message'), 5);
    };
    const q = queueFor(page, self, { lastPostAt: 0, lastSentAt: null, unconfirmed: new Map() });
    q.start();
    const m = t.app.services.messages.enqueue({ accountId, text: 'Late echo test', cause: 'faq' });
    await until('the message marked sent', () => t.app.services.messages.get(m.messageId).status === 'sent');
    await q.stop();
    expect(page.posts).toEqual(['Late echo test', 'Late echo test']);
  });
});

describe('stopping mid-message', () => {
  it('a restart after stopping between parts posts only the parts not yet in chat', async () => {
    const s = t.app.services;
    // The largest spacing allowed, far beyond the test's timeout: stop() returning at all shows it is not waited out.
    s.settings.update(accountId, { sendMinSpacingMs: 60_000 });
    try {
      const self = new SelfTracker(
        () => [],
        () => Date.now(),
      );
      const page = new FakePage();
      page.afterSubmit = (text) => queueMicrotask(() => self.match('Me', text, 'message'));
      const text = 'Part one is here. Part two follows here. Part three ends it all.';
      const q1 = queueFor(page, self, { lastPostAt: 0, lastSentAt: null, unconfirmed: new Map() }, 20);
      q1.start();
      const m = s.messages.enqueue({ accountId, text, cause: 'faq' });
      await until('the first part', () => page.posts.length === 1);
      // Quitting while the queue waits out the spacing before part two.
      await q1.stop();
      expect(s.messages.get(m.messageId)).toMatchObject({ status: 'queued', attempts: 0 });
      s.settings.update(accountId, { sendMinSpacingMs: 0 });
      // A new session (fresh memory, as after an app restart) goes on after the part in chat.
      const q2 = queueFor(page, self, { lastPostAt: 0, lastSentAt: null, unconfirmed: new Map() }, 20);
      q2.start();
      await until('the message marked sent', () => s.messages.get(m.messageId).status === 'sent', 5000);
      await q2.stop();
      expect(page.posts.join(' ')).toBe(text);
      expect(new Set(page.posts).size).toBe(page.posts.length);
    } finally {
      s.settings.update(accountId, { sendMinSpacingMs: 0 });
    }
  });
});

describe('splitting for a length cap', () => {
  it('cuts at a sentence end in the second half, else at a space, else inside an overlong word; never loses text', () => {
    expect(splitForChat('short', 200)).toEqual(['short']);
    expect(splitForChat('One two three. Four five six seven', 20)).toEqual(['One two three.', 'Four five six seven']);
    expect(splitForChat('Hi. aaaa bbbb cccc dddd eeee', 20)).toEqual(['Hi. aaaa bbbb cccc', 'dddd eeee']);
    expect(splitForChat('x'.repeat(45), 20)).toEqual(['x'.repeat(20), 'x'.repeat(20), 'x'.repeat(5)]);
    const long = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    const parts = splitForChat(long, 200);
    expect(parts.every((p) => p.length <= 200)).toBe(true);
    expect(parts.join(' ')).toBe(long);
  });

  it('never splits an emoji, and never starts a part with "/" (the site would run it as a command)', () => {
    // The cap counts characters as validation and storage do: 200 emoji fit a 200 cap in one part.
    expect(splitForChat('😀'.repeat(200), 200)).toEqual(['😀'.repeat(200)]);
    expect(splitForChat('😀'.repeat(201), 200)).toEqual(['😀'.repeat(200), '😀']);
    const emoji = splitForChat('a'.repeat(10) + '😀'.repeat(10), 15);
    expect(emoji.every((p) => !/[\uD800-\uDBFF]$/.test(p) && !/^[\uDC00-\uDFFF]/.test(p))).toBe(true);
    expect(emoji.join('')).toBe('a'.repeat(10) + '😀'.repeat(10));
    const slash = splitForChat('tell your friend /hide bob and more words here', 20);
    expect(slash.some((p) => p.startsWith('/'))).toBe(false);
    expect(slash.join(' ').replace('…', '')).toBe('tell your friend /hide bob and more words here');
    expect(
      splitForChat('/'.repeat(30), 10)
        .slice(1)
        .every((p) => p.startsWith('…/')),
    ).toBe(true);
  });
});
