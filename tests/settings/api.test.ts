import { afterEach, describe, expect, it } from 'vitest';
import type { BusEvent } from '../../src/main/kernel/events/bus.js';
import { startTestApp, tempDir, type TestApp } from '../helpers/app.js';

let t: TestApp;
afterEach(async () => t?.stop());

describe('settings', () => {
  it('returns the reference fields with defaults', async () => {
    t = await startTestApp();
    const r = await t.call('GET', '/api/v1/settings');
    expect(r.json.data).toMatchObject({
      botActive: false,
      welcomeEnabled: true,
      welcomeMessage: 'Welcome to the stream, {username}!',
      welcomeDelay: 3000,
      timerMessages: [],
      faqRules: [],
    });
  });

  it('merges a PATCH, assigns ids and keeps the rest', async () => {
    t = await startTestApp();
    const r = await t.call('PATCH', '/api/v1/settings', {
      welcomeEnabled: true,
      welcomeMessage: "Hey {username}, glad you're here!",
      faqRules: [{ triggers: ['shipping'], response: 'Shipping is $5' }],
      timerMessages: [{ message: 'Follow the shop!', intervalMinutes: 15 }],
    });
    expect(r.status).toBe(200);
    expect(r.json.data.welcomeMessage).toBe("Hey {username}, glad you're here!");
    expect(r.json.data.welcomeDelay).toBe(3000);
    expect(r.json.data.faqRules[0]).toMatchObject({ id: expect.stringMatching(/^faq_/), matchMode: 'word', cooldownSeconds: 30 });
    expect(r.json.data.timerMessages[0].id).toMatch(/^tmr_/);
    const again = await t.call('GET', '/api/v1/settings');
    expect(again.json.data.faqRules[0].id).toBe(r.json.data.faqRules[0].id);
  });

  it('merges nested objects one level deep', async () => {
    t = await startTestApp();
    await t.call('PATCH', '/api/v1/settings', { moderation: { blockedWords: ['scam'] } });
    const r = await t.call('PATCH', '/api/v1/settings', { moderation: { enabled: true } });
    expect(r.json.data.moderation).toMatchObject({ enabled: true, blockedWords: ['scam'], blockLinks: false, maxCapsPercent: 0 });
    const links = await t.call('PATCH', '/api/v1/settings', { moderation: { blockLinks: true, allowedDomains: [' WhatNot.com '] } });
    expect(links.json.data.moderation).toMatchObject({ enabled: true, blockLinks: true, allowedDomains: ['whatnot.com'] });
  });

  it.each([
    [{ unknownField: 1 }, /unknownField/],
    [{ botActive: 'yes' }, /botActive/],
    [{ welcomeDelay: -5 }, /welcomeDelay/],
    [{ welcomeMessage: '' }, /welcomeMessage/],
    [{ faqRules: [{ triggers: [], response: 'x' }] }, /triggers/],
    [{ faqRules: [{ triggers: ['a'] }] }, /response/],
    [{ faqRules: [{ triggers: ['(unclosed'], response: 'x', matchMode: 'regex' }] }, /regular expression/],
    [{ timerMessages: [{ intervalMinutes: 5 }] }, /message/],
    [{ moderation: { action: 'ban' } }, /action/],
    [{ moderation: { allowedDomains: ['https://whatnot.com/'] } }, /allowedDomains/],
    [{ moderation: { maxCapsPercent: 101 } }, /maxCapsPercent/],
  ])('rejects %j and changes nothing', async (body, pattern) => {
    t = await startTestApp();
    const before = (await t.call('GET', '/api/v1/settings')).json.data;
    const r = await t.call('PATCH', '/api/v1/settings', body);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('VALIDATION_ERROR');
    expect(r.json.error.message).toMatch(pattern);
    expect((await t.call('GET', '/api/v1/settings')).json.data).toEqual(before);
  });

  it('refuses a `__proto__` key like any other unknown field', async () => {
    t = await startTestApp();
    const before = (await t.call('GET', '/api/v1/settings')).json.data;
    const r = await t.call('PATCH', '/api/v1/settings', undefined, { raw: '{"__proto__": {"botActive": true}}' });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('__proto__') });
    expect((await t.call('GET', '/api/v1/settings')).json.data).toEqual(before);
  });

  it('refuses a non-object body', async () => {
    t = await startTestApp();
    const r = await t.call('PATCH', '/api/v1/settings', [1, 2]);
    expect(r.status).toBe(400);
  });

  it('emits bot.started and bot.stopped when botActive flips', async () => {
    t = await startTestApp();
    const seen: BusEvent[] = [];
    t.app.services.bus.subscribe((e) => seen.push(e));
    await t.call('PATCH', '/api/v1/settings', { botActive: true });
    await t.call('PATCH', '/api/v1/settings', { botActive: true });
    await t.call('POST', '/api/v1/bot/stop');
    expect(seen.filter((e) => e.type.startsWith('bot.')).map((e) => e.type)).toEqual(['bot.started', 'bot.stopped']);
    expect(seen[0]!.id).toMatch(/^evt_/);
  });

  it('persists across a restart', async () => {
    const dataDir = tempDir();
    t = await startTestApp({ dataDir });
    await t.call('PATCH', '/api/v1/settings', { welcomeDelay: 1234, botActive: true });
    await t.stop();
    t = await startTestApp({ dataDir });
    const r = await t.call('GET', '/api/v1/settings');
    expect(r.json.data).toMatchObject({ welcomeDelay: 1234, botActive: true });
  });
});
