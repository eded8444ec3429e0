import { describe, expect, it } from 'vitest';
import { FaqMatcher } from '../../src/main/domains/bot/faq.js';
import { lineWords } from '../../src/main/domains/bot/text.js';
import { engine, line, settings, texts } from './fixtures.js';

const rule = (triggers: string[], response: string, extra: Record<string, unknown> = {}) => ({
  triggers,
  response,
  cooldownSeconds: 0,
  userCooldownSeconds: 0,
  ...extra,
});

function matcher(rules: ReturnType<typeof rule>[]) {
  const m = new FaqMatcher(settings({ faqRules: rules }).faqRules);
  return (text: string) => m.match(text, lineWords(text));
}

describe('FAQ matching', () => {
  it('matches whole words case-insensitively and ignores decoys inside longer words', () => {
    const match = matcher([rule(['ship'], 'We ship daily')]);
    expect(match('Do you SHIP to Canada?')?.trigger).toBe('ship');
    expect(match('ship?')?.trigger).toBe('ship');
    for (const decoy of ['shipping soon?', 'relationship goals', 'worship', 'ships', 'sh ip', 'ship_it']) expect(match(decoy)).toBeNull();
  });

  it('matches phrases as consecutive words, with any spacing or punctuation between them', () => {
    const match = matcher([rule(['how much', 'what is the price?'], 'See the listing')]);
    expect(match('HOW   much is it')?.trigger).toBe('how much');
    expect(match('ok, how much?')?.trigger).toBe('how much');
    expect(match('so what is the price')?.trigger).toBe('what is the price?');
    expect(match('how is it much')).toBeNull();
    expect(match('somehow much')).toBeNull();
  });

  it('honours caseSensitive rules', () => {
    const match = matcher([rule(['USA'], 'US shipping', { caseSensitive: true })]);
    expect(match('ship to USA?')?.trigger).toBe('USA');
    expect(match('ship to usa?')).toBeNull();
  });

  it('is Unicode-aware: accents, Cyrillic, full-width forms and curly apostrophes', () => {
    const match = matcher([rule(['envío'], 'es'), rule(['доставка'], 'ru'), rule(['shipping'], 'en'), rule(["what's up"], 'hi')]);
    expect(match('¿Envío gratis?')?.ruleId).toBe('faq_0');
    expect(match('envio gratis')).toBeNull();
    expect(match('Какая ДОСТАВКА?')?.ruleId).toBe('faq_1');
    expect(match('доставками')).toBeNull();
    expect(match('ＳＨＩＰＰＩＮＧ cost')?.ruleId).toBe('faq_2');
    expect(match('What’s up everyone')?.ruleId).toBe('faq_3');
  });

  it('treats triggers with symbols as whole literal tokens', () => {
    const match = matcher([rule(['c++'], 'books'), rule(['$5'], 'five')]);
    expect(match('any c++ books')?.trigger).toBe('c++');
    expect(match('any c books')).toBeNull();
    expect(match('is it $5?')?.trigger).toBe('$5');
    expect(match('is it $50?')).toBeNull();
  });

  it('picks the highest priority, then the earliest rule', () => {
    const match = matcher([
      rule(['shipping'], 'generic'),
      rule(['shipping cost'], 'cost', { priority: 5 }),
      rule(['cost'], 'cost-late', { priority: 5 }),
    ]);
    expect(match('what is the shipping cost')?.ruleId).toBe('faq_1');
    expect(match('cost of shipping')?.ruleId).toBe('faq_2');
    expect(match('shipping please')?.ruleId).toBe('faq_0');
  });

  it('supports regex rules, ranked by the same priority as word rules', () => {
    const match = matcher([
      rule(['shipping'], 'word', { priority: 1 }),
      rule(['\\bsize\\s*\\d{1,2}\\b'], 'size', { matchMode: 'regex' }),
      rule(['^!?bid'], 'bid', { matchMode: 'regex', priority: 2 }),
    ]);
    expect(match('got size 10?')?.ruleId).toBe('faq_1');
    expect(match('Size10 please')?.ruleId).toBe('faq_1');
    expect(match('size 10 shipping?')?.ruleId).toBe('faq_0');
    expect(match('bid shipping?')?.ruleId).toBe('faq_2');
    expect(match('size xl')).toBeNull();
  });

  it('accepts regexes that are valid only outside Unicode mode', () => {
    const match = matcher([
      rule(['pre\\-order'], 'po', { matchMode: 'regex' }),
      rule(['\\p{Lu}{4,}'], 'caps', { matchMode: 'regex', caseSensitive: true }),
    ]);
    expect(match('can I pre-order?')?.ruleId).toBe('faq_0');
    expect(match('ÉTÉ SALE')?.ruleId).toBe('faq_1');
    expect(match('été sale')).toBeNull();
  });

  it('skips disabled rules', () => {
    const match = matcher([rule(['ship'], 'x', { enabled: false })]);
    expect(match('ship?')).toBeNull();
  });
});

describe('FAQ replies in the engine', () => {
  const faq = (extra: Record<string, unknown> = {}) => ({
    faqRules: [{ triggers: ['shipping'], response: 'Ships Monday, {username}!', cooldownSeconds: 30, userCooldownSeconds: 120, ...extra }],
    welcomeEnabled: false,
  });

  it('answers with {username} filled in and reports the match', () => {
    const { e } = engine(faq());
    const r = e.handleLine(line('ana', 'shipping?'));
    expect(texts(r.actions)).toEqual(['Ships Monday, ana!']);
    expect(r.match).toEqual({ type: 'faq', ruleId: 'faq_0', trigger: 'shipping' });
    expect(r.cause).toBe('faq');
  });

  it('applies the global cooldown of the rule', () => {
    const { e, clock } = engine(faq({ userCooldownSeconds: 0 }));
    expect(texts(e.handleLine(line('ana', 'shipping?')).actions)).toHaveLength(1);
    clock.advance(29_000);
    const cooling = e.handleLine(line('bob', 'shipping?'));
    expect(texts(cooling.actions)).toEqual([]);
    expect(cooling.match?.trigger).toBe('shipping');
    expect(cooling.cause).toBeNull();
    clock.advance(1_000);
    expect(texts(e.handleLine(line('bob', 'shipping?')).actions)).toHaveLength(1);
  });

  it('applies the per-user cooldown independently of the global one', () => {
    const { e, clock } = engine(faq({ cooldownSeconds: 0, userCooldownSeconds: 120 }));
    expect(texts(e.handleLine(line('ana', 'shipping?')).actions)).toHaveLength(1);
    clock.advance(60_000);
    expect(texts(e.handleLine(line('ANA', 'shipping??')).actions)).toEqual([]);
    expect(texts(e.handleLine(line('bob', 'shipping?')).actions)).toHaveLength(1);
    clock.advance(60_000);
    expect(texts(e.handleLine(line('ana', 'shipping?')).actions)).toHaveLength(1);
  });

  it('rotates responses in order', () => {
    const { e } = engine(faq({ response: undefined, responses: ['one', 'two'], cooldownSeconds: 0, userCooldownSeconds: 0 }));
    const got = ['a', 'b', 'c'].map((u) => texts(e.handleLine(line(u, 'shipping')).actions)[0]);
    expect(got).toEqual(['one', 'two', 'one']);
  });

  it('keeps cooldowns across a settings change (recompiled matcher)', () => {
    const { e, clock } = engine(faq());
    e.handleLine(line('ana', 'shipping?'));
    e.configure(settings({ ...faq(), faqRules: [{ ...faq().faqRules[0], triggers: ['shipping', 'delivery'] }] }));
    clock.advance(5_000);
    expect(texts(e.handleLine(line('bob', 'delivery?')).actions)).toEqual([]);
    expect(e.inspect(line('bob', 'delivery?'))?.type).toBe('faq');
  });

  it('never reacts to self or history lines, nor to the host', () => {
    const { e } = engine({ ...faq(), hostUsername: 'TheShop' });
    expect(e.handleLine(line('ana', 'shipping?', { self: true })).actions).toEqual([]);
    expect(e.handleLine(line('ana', 'shipping?', { history: true })).actions).toEqual([]);
    expect(e.handleLine(line('theshop', 'shipping?')).actions).toEqual([]);
    expect(texts(e.handleLine(line('ana', 'shipping?')).actions)).toHaveLength(1);
  });

  it('inspect reports a match without starting cooldowns', () => {
    const { e } = engine(faq());
    expect(e.inspect(line('ana', 'shipping?'))).toEqual({ type: 'faq', ruleId: 'faq_0', trigger: 'shipping' });
    expect(texts(e.handleLine(line('ana', 'shipping?')).actions)).toHaveLength(1);
  });

  it('skips replies beyond the per-minute budget, without consuming cooldowns', () => {
    const { e, clock } = engine({ ...faq({ cooldownSeconds: 0, userCooldownSeconds: 0 }), botMaxMessagesPerMinute: 2 });
    const sent = ['a', 'b', 'c', 'd'].map((u) => texts(e.handleLine(line(u, 'shipping')).actions).length);
    expect(sent).toEqual([1, 1, 0, 0]);
    clock.advance(60_001);
    expect(texts(e.handleLine(line('d', 'shipping')).actions)).toHaveLength(1);
  });
});

describe('FAQ answer order is the order the seller sees', () => {
  it('among matching rules of equal priority the one higher in the list answers; priority overrides the list', () => {
    const broad = rule(['shipping', 'ship', 'postage'], 'Shipping is $5');
    const specific = rule(['how much is shipping'], 'Canada is $12');
    expect(matcher([broad, specific])('how much is shipping to canada?')?.ruleId).toBe('faq_0');
    // Moved above (the dashboard's up arrow): now it answers.
    const moved = matcher([specific, broad]);
    expect(moved('how much is shipping to canada?')?.trigger).toBe('how much is shipping');
    expect(moved('do you ship?')?.trigger).toBe('ship');
    expect(matcher([broad, rule(['how much is shipping'], 'Canada', { priority: 1 })])('how much is shipping to canada?')?.trigger).toBe(
      'how much is shipping',
    );
  });
});
