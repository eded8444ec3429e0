import { describe, expect, it } from 'vitest';
import { forbiddenLink } from '../../src/main/domains/bot/spam.js';
import { parseCommand } from '../../src/main/domains/bot/commands.js';
import { engine, line, texts } from './fixtures.js';

const quiet = { welcomeEnabled: false };

describe('commands', () => {
  const cmds = { ...quiet, commands: [{ name: '!Rules', response: 'Be kind, {username}. {args}', cooldownSeconds: 10 }] };

  it('parses !name only at the start of a line', () => {
    expect(parseCommand('  !Rules now')).toEqual({ name: 'rules', args: 'now' });
    expect(parseCommand('!rules')).toEqual({ name: 'rules', args: '' });
    expect(parseCommand('see !rules')).toBeNull();
    expect(parseCommand('!rules!')).toBeNull();
    expect(parseCommand('! rules')).toBeNull();
  });

  it('answers a command with variables, case-insensitively, then cools down', () => {
    const { e, clock } = engine(cmds);
    const r = e.handleLine(line('ana', '!RULES please'));
    expect(texts(r.actions)).toEqual(['Be kind, ana. please']);
    expect(r.match).toEqual({ type: 'command', command: 'rules', trigger: '!rules' });
    expect(r.cause).toBe('command');
    clock.advance(9_000);
    const cooling = e.handleLine(line('bob', '!rules'));
    expect(cooling.actions).toEqual([]);
    expect(cooling.match?.type).toBe('command');
    clock.advance(1_000);
    expect(texts(e.handleLine(line('bob', '!rules')).actions)).toEqual(['Be kind, bob.']);
    expect(e.handleLine(line('bob', 'read the !rules')).match).toBeNull();
  });

  it('has built-ins: !commands lists every command, !giveaway tells how to enter', () => {
    const { e } = engine(cmds);
    expect(texts(e.handleLine(line('a', '!commands')).actions)).toEqual(['Commands: !commands !giveaway !rules']);
    expect(texts(e.handleLine(line('a', '!giveaway')).actions)).toEqual(['Type "enter" in chat to enter the giveaway!']);
    const closed = engine({ ...quiet, giveaway: { closesAt: '2000-01-01T00:00:00.000Z' } }).e;
    expect(texts(closed.handleLine(line('a', '!giveaway')).actions)).toEqual(['No giveaway is open right now.']);
  });

  it('lets a host-defined command override a built-in, and skips unknown or disabled ones', () => {
    const { e } = engine({
      ...quiet,
      commands: [
        { name: 'commands', response: 'custom' },
        { name: 'off', response: 'x', enabled: false },
      ],
    });
    expect(texts(e.handleLine(line('a', '!commands')).actions)).toEqual(['custom']);
    expect(e.handleLine(line('a', '!off')).match).toBeNull();
    expect(e.handleLine(line('a', '!nope')).match).toBeNull();
  });

  it('a command line does not also trigger an FAQ', () => {
    const { e } = engine({ ...cmds, faqRules: [{ triggers: ['rules'], response: 'faq' }] });
    expect(texts(e.handleLine(line('a', '!rules')).actions)).toEqual(['Be kind, a.']);
  });
});

describe('moderation', () => {
  const mod = (m: Record<string, unknown>) => ({
    ...quiet,
    moderation: { enabled: true, ...m },
    faqRules: [{ triggers: ['shipping'], response: 'faq', cooldownSeconds: 0, userCooldownSeconds: 0 }],
  });

  it('flags blocked words and phrases as whole words only', () => {
    const { e } = engine(mod({ blockedWords: ['scam', 'buy followers'], action: 'hide' }));
    const r = e.handleLine(line('spam1', 'This is a SCAM, shipping?'));
    expect(r.actions).toEqual([{ type: 'moderate', action: 'hide', username: 'spam1', reason: 'blocked-word', detail: 'scam' }]);
    expect(r.cause).toBe('moderation');
    expect(e.handleLine(line('x', 'go buy   followers')).actions[0]).toMatchObject({ reason: 'blocked-word', detail: 'buy followers' });
    expect(e.handleLine(line('y', 'scampi for dinner; shipping?')).actions.map((a) => a.type)).toEqual(['send']);
  });

  it('flags more than maxRepeats identical messages within the window', () => {
    const { e, clock } = engine(mod({ maxRepeats: 2, repeatWindowSeconds: 60 }));
    expect(e.handleLine(line('rep', 'BUY NOW')).actions).toEqual([]);
    expect(e.handleLine(line('rep', 'buy  now')).actions).toEqual([]);
    expect(e.handleLine(line('other', 'buy now')).actions).toEqual([]);
    expect(e.handleLine(line('rep', 'buy now')).actions[0]).toMatchObject({ type: 'moderate', reason: 'repeat', action: 'log' });
    clock.advance(61_000);
    expect(e.handleLine(line('rep2', 'hi')).actions).toEqual([]);
    const { e: e2, clock: c2 } = engine(mod({ maxRepeats: 1, repeatWindowSeconds: 10 }));
    e2.handleLine(line('slow', 'same'));
    c2.advance(11_000);
    expect(e2.handleLine(line('slow', 'same')).actions).toEqual([]);
  });

  it('flags links to other sites, in any of the forms scammers use, but not allowed domains or plain dots', () => {
    const { e } = engine(mod({ blockLinks: true, allowedDomains: ['whatnot.com'], action: 'hide' }));
    const flagged = (user: string, text: string) => e.handleLine(line(user, text)).actions.find((a) => a.type === 'moderate');
    expect(flagged('s1', 'cheaper at https://bestdeals.example/x?id=1')).toMatchObject({
      action: 'hide',
      reason: 'link',
      detail: 'https://bestdeals.example/x?id=1',
    });
    expect(flagged('s2', 'go to www.cards-cheap.net now')).toMatchObject({ reason: 'link', detail: 'www.cards-cheap.net' });
    expect(flagged('s3', 'dm me or visit slabdeals.shop/promo')).toMatchObject({ reason: 'link', detail: 'slabdeals.shop/promo' });
    expect(flagged('s4', 'ｓｃａｍｓｉｔｅ．ｃｏｍ')).toMatchObject({ reason: 'link' });
    expect(flagged('s5', 'my shop https://www.whatnot.com/user/me and whatnot.com/live')).toBeUndefined();
    expect(flagged('s6', 'see you at shop.whatnot.com')).toBeUndefined();
    expect(flagged('s7', 'wait... is it 2.5 or 3.0? shipping?')).toBeUndefined();
    // Missing spaces are typos, not links: word-like endings count only with a path after them.
    for (const typo of ['Thanks.me too', 'is it.in stock?', 'sold out.us too?', 'I paid $5.co shipping', 'to.uk?', 'we are.live now', '10.99.com']) {
      expect(flagged('typo', typo), typo).toBeUndefined();
    }
    expect(flagged('s9', 'cheaper at deals.co/cards')).toMatchObject({ reason: 'link', detail: 'deals.co/cards' });
  });

  it('checks a long dotted line for links in linear time (no catastrophic backtracking)', () => {
    // 81 characters of "aaaa." took minutes with a label pattern that could split a label many ways: the
    // test's own timeout fails it if that comes back. Nothing here is timed.
    expect(forbiddenLink(`${'aaaa.'.repeat(16)}!`, [])).toBeNull();
    expect(forbiddenLink(`${'aaaa.'.repeat(400)}!`, [])).toBeNull();
    expect(forbiddenLink(`${'aaaa.'.repeat(400)}shop`, [])).not.toBeNull();
    const { e: off } = engine(mod({ blockLinks: false }));
    expect(off.handleLine(line('s8', 'visit slabdeals.shop')).actions.filter((a) => a.type === 'moderate')).toEqual([]);
  });

  it('flags shouting above maxCapsPercent, not short lines or normal capitals', () => {
    const { e } = engine(mod({ maxCapsPercent: 70 }));
    const reason = (user: string, text: string) => e.handleLine(line(user, text)).actions.find((a) => a.type === 'moderate')?.reason;
    expect(reason('a', 'WHY IS NOBODY ANSWERING MY QUESTION')).toBe('caps');
    expect(reason('b', 'OMG LOL')).toBeUndefined();
    expect(reason('c', 'Is the PSA 10 Charizard still available?')).toBeUndefined();
    expect(reason('d', 'ПОЧЕМУ НИКТО НЕ ОТВЕЧАЕТ')).toBe('caps');
  });

  it('refuses an allowed domain that is not a domain', () => {
    expect(() => engine(mod({ blockLinks: true, allowedDomains: ['not a domain'] }))).toThrow();
  });

  it('acts once per user per burst, logging the rest', () => {
    const { e, clock } = engine(mod({ blockedWords: ['scam'], action: 'hide' }));
    expect(e.handleLine(line('s', 'scam')).actions[0]).toMatchObject({ action: 'hide' });
    expect(e.handleLine(line('s', 'scam')).actions[0]).toMatchObject({ action: 'log' });
    clock.advance(30_000);
    expect(e.handleLine(line('s', 'scam')).actions[0]).toMatchObject({ action: 'hide' });
  });

  it('does nothing when disabled', () => {
    const { e } = engine(mod({ enabled: false, blockedWords: ['scam'] }));
    expect(e.handleLine(line('s', 'scam')).actions).toEqual([]);
  });

  it('a moderated line triggers no entry, reply or welcome', () => {
    const { e } = engine({ ...mod({ blockedWords: ['scam'] }), welcomeEnabled: true });
    expect(e.handleLine(line('s', 'scam enter shipping')).actions.map((a) => a.type)).toEqual(['moderate']);
  });
});

describe('giveaway entries', () => {
  const entries = (e: ReturnType<typeof engine>['e'], text: string, user = 'ana', extra = {}) =>
    e.handleLine(line(user, text, extra)).actions.filter((a) => a.type === 'giveaway-entry');

  it('takes the keyword as a whole word, case-insensitively', () => {
    const { e } = engine(quiet);
    expect(entries(e, 'ENTER!')).toEqual([{ type: 'giveaway-entry', username: 'ana', text: 'ENTER!' }]);
    expect(entries(e, 'i want to enter please')).toHaveLength(1);
    for (const decoy of ['center', 'entered', 'reenter', 'enter_', 'entering', 'ｅｎｔｅｒｓ']) expect(entries(e, decoy)).toEqual([]);
    expect(entries(e, 'ｅｎｔｅｒ')).toHaveLength(1);
  });

  it('supports a keyword with symbols or several words', () => {
    expect(entries(engine({ ...quiet, giveaway: { keyword: '!win' } }).e, 'me !WIN')).toHaveLength(1);
    expect(entries(engine({ ...quiet, giveaway: { keyword: '!win' } }).e, 'me win')).toEqual([]);
    expect(entries(engine({ ...quiet, giveaway: { keyword: "I'm in" } }).e, "ok i'm in!")).toHaveLength(1);
  });

  it('only while the entry window is open', () => {
    const { e, clock } = engine({ ...quiet, giveaway: { opensAt: '2025-01-24T10:05:00.000Z', closesAt: '2025-01-24T10:10:00.000Z' } });
    expect(entries(e, 'enter')).toEqual([]);
    clock.set(Date.parse('2025-01-24T10:05:00.000Z'));
    expect(entries(e, 'enter')).toHaveLength(1);
    clock.set(Date.parse('2025-01-24T10:10:00.000Z'));
    expect(entries(e, 'enter')).toHaveLength(1);
    clock.advance(1);
    expect(entries(e, 'enter')).toEqual([]);
  });

  it('excludes the host (unless configured), the bot, history, and a disabled giveaway', () => {
    const { e } = engine({ ...quiet, hostUsername: 'Shop' });
    expect(entries(e, 'enter', 'shop')).toEqual([]);
    expect(entries(e, 'enter', 'bot', { self: true })).toEqual([]);
    expect(entries(e, 'enter', 'old', { history: true })).toEqual([]);
    expect(entries(engine({ ...quiet, hostUsername: 'Shop', giveaway: { excludeHost: false } }).e, 'enter', 'Shop')).toHaveLength(1);
    expect(entries(engine({ ...quiet, giveaway: { enabled: false } }).e, 'enter')).toEqual([]);
  });

  it('reports the entry as the line cause, after an FAQ reply when both match', () => {
    const { e } = engine({ ...quiet, faqRules: [{ triggers: ['giveaway'], response: 'yes' }] });
    const r = e.handleLine(line('a', 'giveaway? enter'));
    expect(r.actions.map((a) => a.type)).toEqual(['send', 'giveaway-entry']);
    expect(r.cause).toBe('faq');
    expect(e.handleLine(line('b', 'enter')).cause).toBe('giveaway');
  });
});
