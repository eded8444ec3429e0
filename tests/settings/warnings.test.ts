import { afterEach, describe, expect, it } from 'vitest';
import { shadowedFaqTriggers } from '../../src/shared/settings-checks.js';
import { faqRuleSchema } from '../../src/shared/contract/settings.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
afterEach(async () => t?.stop());

const rule = (triggers: string[], extra: Record<string, unknown> = {}) => faqRuleSchema.parse({ triggers, response: 'x', ...extra });

describe('settings warnings (PATCH /settings answers them beside the settings)', () => {
  it('names both rules when an older rule always answers first, and stops once the new one is moved above', async () => {
    t = await startTestApp();
    const older = { triggers: ['shipping', 'ship', 'postage'], response: 'Shipping is $5 in the US' };
    const newer = { triggers: ['how much is shipping'], response: 'Canada is $12' };
    const r = await t.call('PATCH', '/api/v1/settings', { faqRules: [older, newer] });
    expect(r.status).toBe(200);
    expect(r.json.data.faqRules).toHaveLength(2);
    expect(r.json.data.warnings).toHaveLength(1);
    const w = r.json.data.warnings[0];
    expect(w).toMatchObject({
      code: 'faq-shadowed',
      path: 'faqRules.1',
      otherIndex: 0,
      trigger: 'how much is shipping',
      ruleId: r.json.data.faqRules[1].id,
    });
    expect(w.message).toContain('“how much is shipping”');
    expect(w.message).toContain('“shipping, ship, postage”');
    expect(w.message).toMatch(/Move .* above/);
    // GET keeps the reference shape: the settings only.
    expect((await t.call('GET', '/api/v1/settings')).json.data).not.toHaveProperty('warnings');

    const moved = await t.call('PATCH', '/api/v1/settings', { faqRules: [newer, older] });
    expect(moved.json.data.warnings).toEqual([]);
  });

  it('says a higher priority is why, and ignores disabled, case-sensitive and regex rules', () => {
    const byPriority = shadowedFaqTriggers([rule(['how much is shipping']), rule(['shipping'], { priority: 5 })]);
    expect(byPriority).toHaveLength(1);
    expect(byPriority[0]!.message).toContain('has a higher priority');
    expect(shadowedFaqTriggers([rule(['shipping'], { enabled: false }), rule(['shipping cost'])])).toEqual([]);
    expect(shadowedFaqTriggers([rule(['Shipping'], { caseSensitive: true }), rule(['shipping cost'])])).toEqual([]);
    expect(shadowedFaqTriggers([rule(['ship.*'], { matchMode: 'regex' }), rule(['shipping cost'])])).toEqual([]);
    // Only the trigger that is covered: "ship" in "ship to canada", not "canada".
    const partial = shadowedFaqTriggers([rule(['ship']), rule(['ship to canada', 'canada'])]);
    expect(partial.map((w) => w.trigger)).toEqual(['ship to canada']);
    // The same trigger twice: the later rule never answers it.
    expect(shadowedFaqTriggers([rule(['size']), rule(['size'])]).map((w) => w.path)).toEqual(['faqRules.1']);
  });

  it('finds texts that still name a replaced giveaway keyword', async () => {
    t = await startTestApp();
    await t.call('PATCH', '/api/v1/settings', {
      welcomeMessage: 'Hi {username}! Type ENTER to join the giveaway',
      timerMessages: [{ messages: ['Type {keyword} to win', 'Type enter now!'] }],
      commands: [{ name: 'how', response: 'type enter' }],
    });
    const r = await t.call('PATCH', '/api/v1/settings', { giveaway: { keyword: 'win' } });
    const w = r.json.data.warnings;
    expect(w.map((x: { path: string }) => x.path).sort()).toEqual(['commands.0.response', 'timerMessages.0.messages.1', 'welcomeMessage']);
    expect(w[0]).toMatchObject({ code: 'old-keyword', keyword: 'enter' });
    expect(w[0].message).toContain('{keyword}');
    // No change of keyword, no warning.
    expect((await t.call('PATCH', '/api/v1/settings', { giveaway: { keyword: 'win' } })).json.data.warnings).toEqual([]);
  });

  it('says when a replaced welcome message still takes turns with other ones', async () => {
    t = await startTestApp();
    await t.call('PATCH', '/api/v1/settings', { welcomeMessage: 'Old hello', welcomeMessages: ['Old rotated line'] });
    const r = await t.call('PATCH', '/api/v1/settings', { welcomeMessage: 'New hello {username}' });
    expect(r.json.data.warnings).toEqual([expect.objectContaining({ code: 'welcome-rotation', path: 'welcomeMessages' })]);
    expect(r.json.data.warnings[0].message).toContain('“Old rotated line”');
    const both = await t.call('PATCH', '/api/v1/settings', { welcomeMessage: 'Newer', welcomeMessages: [] });
    expect(both.json.data.warnings).toEqual([]);
  });

  it('puts "write the answer" on the response field, in plain words', async () => {
    t = await startTestApp();
    const r = await t.call('PATCH', '/api/v1/settings', { faqRules: [{ triggers: ['x'] }], timerMessages: [{ intervalMinutes: 5 }] });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain('faqRules.0.response: Write the answer the bot should send');
    expect(r.json.error.message).toContain('timerMessages.0.message: Write the message this timer should post');
    expect(r.json.error.message).not.toMatch(/`/);
  });
});
