import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadSelectorOverrides,
  parseSelectorOverrides,
  profileWithOverrides,
  SelectorOverridesError,
} from '../../src/main/domains/chat/overrides.js';
import { builtinProfile, moderatorCommand } from '../../src/main/domains/chat/profiles.js';
import { startTestApp, tempDir } from '../helpers/app.js';
import { chatModule } from '../../src/main/domains/chat/domain.js';

describe('selector overrides', () => {
  it('puts user selectors first per role and keeps the built-in fallbacks', () => {
    const p = profileWithOverrides('whatnot', { whatnot: { chatInput: ['#my-input', 'textarea[placeholder*="chat"]'] } });
    expect(p.selectors.chatInput[0]).toBe('#my-input');
    expect(p.selectors.chatInput.filter((s) => s === 'textarea[placeholder*="chat"]')).toHaveLength(1);
    expect(p.selectors.chatInput.length).toBe(builtinProfile('whatnot').selectors.chatInput.length + 1);
    expect(p.selectors.username).toEqual(builtinProfile('whatnot').selectors.username);
  });

  it('applies Whatnot overrides to the practice profile, its own first', () => {
    const p = profileWithOverrides('practice', { whatnot: { username: ['.w'] }, practice: { username: ['.p'] } });
    expect(p.selectors.username.slice(0, 2)).toEqual(['.p', '.w']);
    expect(p.platform).toBe('practice');
  });

  it('rejects a bad file with a message naming the problem', () => {
    expect(() => parseSelectorOverrides('{not json')).toThrow(/not valid JSON/);
    expect(() => parseSelectorOverrides('{"whatnot":{"chatInputs":["a"]}}')).toThrow(/chatInputs/);
    expect(() => parseSelectorOverrides('{"myspace":{}}')).toThrow(SelectorOverridesError);
    expect(() => parseSelectorOverrides('{"whatnot":{"chatInput":"a"}}')).toThrow(/whatnot\.chatInput/);
  });

  it('reads <dataDir>/selectors.json; none is no overrides', () => {
    const dir = tempDir();
    expect(loadSelectorOverrides(dir)).toEqual({});
    fs.writeFileSync(path.join(dir, 'selectors.json'), JSON.stringify({ youtube: { messageText: ['#msg'] } }));
    expect(loadSelectorOverrides(dir)).toEqual({ youtube: { messageText: ['#msg'] } });
  });

  it('a bad file makes connect fail with a clear API error', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'selectors.json'), '{"whatnot": {"chatInput": [""]}}');
    const t = await startTestApp({ dataDir: dir, modules: (s) => [chatModule(s, { noBrowser: true })] });
    try {
      const res = await t.call('POST', '/api/v1/chat/connect', { url: 'http://127.0.0.1:9/live' });
      expect(res.status).toBe(503);
      expect(res.json.error.code).toBe('CHAT_UNAVAILABLE');
      expect(res.json.error.message).toMatch(/selectors\.json is invalid: whatnot\.chatInput\.0/);
    } finally {
      await t.stop();
    }
  });
});

describe('moderator commands', () => {
  it('fills the platform templates, and says null where a platform has none', () => {
    const w = builtinProfile('whatnot');
    expect(moderatorCommand(w, 'hide', '@spammer')).toBe('/hide spammer');
    expect(moderatorCommand(w, 'slow', '30')).toBe('/slow 30');
    expect(moderatorCommand(w, 'announce', 'Giveaway at 9!')).toBe('/announce Giveaway at 9!');
    expect(moderatorCommand(builtinProfile('ebay'), 'hide', 'x')).toBeNull();
    expect(moderatorCommand(builtinProfile('youtube'), 'announce', 'x'.repeat(300))).toBeNull();
    expect(builtinProfile('youtube').maxMessageLength).toBe(200);
  });
});
