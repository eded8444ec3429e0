import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../src/shared/client.js';
import { axisLabel, plainError, withScheme } from '../../src/renderer/src/format.js';

describe('dashboard wording', () => {
  it('labels a week or a 24-hour chart with dates, so its two ends differ', () => {
    const end = Date.parse('2026-11-30T00:00:00');
    const week = [end - 7 * 86_400_000, end].map((t) => axisLabel(new Date(t).toISOString(), 360, 7));
    expect(week[0]).not.toBe(week[1]);
    const day = [end - 86_400_000, end].map((t) => axisLabel(new Date(t).toISOString(), 60, 1));
    expect(day[0]).not.toBe(day[1]);
    // Within today the hour is enough.
    expect(axisLabel(new Date(end + 3_600_000).toISOString(), 60, 0.5)).not.toMatch(/Nov|30/);
  });

  it('says API errors in plain words, with the fix where there is one', () => {
    const url = new ApiRequestError('VALIDATION_ERROR', 400, 'Invalid body: url: must be an http(s) URL');
    expect(plainError(url)).toBe('Web address: should be a web address such as https://example.com/…');
    const lan = new ApiRequestError(
      'VALIDATION_ERROR',
      400,
      'Invalid webhook url: 192.168.1.20 is a private-network address; enable allowPrivateNetworks (PATCH /api/v1/webhooks/config) to use it',
    );
    expect(plainError(lan)).toMatch(/^192\.168\.1\.20 is on your local network.*Allow addresses on my local network/);
    expect(plainError(lan)).not.toMatch(/PATCH|allowPrivateNetworks/);
    expect(plainError(new ApiRequestError('VALIDATION_ERROR', 400, 'Invalid body: faqRules.0.response: Write the answer the bot should send'))).toBe(
      'faqRules.0.response: Write the answer the bot should send',
    );
    expect(plainError(new ApiRequestError('CONNECTION_FAILED', 0, 'fetch failed'))).toMatch(/not answering/);
  });

  it('adds https:// to an address typed without one, and nothing else', () => {
    expect(withScheme('example.com/hook')).toBe('https://example.com/hook');
    expect(withScheme(' http://10.0.0.2:8080/x ')).toBe('http://10.0.0.2:8080/x');
    expect(withScheme('')).toBe('');
  });
});
