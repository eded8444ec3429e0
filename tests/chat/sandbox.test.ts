import { describe, expect, it } from 'vitest';
import { BROWSER_ARGS, useChromiumSandbox } from '../../src/main/domains/chat/browser.js';

describe('Chromium sandbox', () => {
  it('is never switched off by the default flags', () => {
    expect(BROWSER_ARGS).not.toContain('--no-sandbox');
  });

  it('stays on for a normal user and goes off only as root on Linux or on request', () => {
    const root = process.platform === 'linux' && process.getuid?.() === 0;
    expect(useChromiumSandbox({})).toBe(!root);
    expect(useChromiumSandbox({ BUZZCHAT_NO_SANDBOX: '1' })).toBe(false);
  });
});
