import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
afterEach(async () => t?.stop());

describe('OpenAPI document', () => {
  it('documents every endpoint of the reference with schemas and the error catalogue', async () => {
    t = await startTestApp();
    const r = await t.call('GET', '/api/v1/openapi.json', undefined, { key: null });
    expect(r.status).toBe(200);
    const doc = r.json;
    expect(doc.openapi).toBe('3.1.0');
    const expected: [string, string][] = [
      ['/api/v1/analytics', 'get'],
      ['/api/v1/analytics/faq-triggers', 'get'],
      ['/api/v1/messages/send', 'post'],
      ['/api/v1/giveaway/entries', 'get'],
      ['/api/v1/giveaway/entries', 'delete'],
      ['/api/v1/giveaway/pick-winner', 'post'],
      ['/api/v1/settings', 'get'],
      ['/api/v1/settings', 'patch'],
      ['/api/v1/accounts', 'get'],
      ['/api/v1/accounts/switch', 'post'],
      ['/api/v1/messages/{id}', 'get'],
    ];
    for (const [p, m] of expected) expect(doc.paths[p]?.[m], `${m} ${p}`).toBeDefined();
    const send = doc.paths['/api/v1/messages/send'].post;
    expect(send.requestBody.content['application/json'].schema.properties.message.maxLength).toBe(500);
    expect(send['x-required-scope']).toBe('messages:send');
    expect(doc.paths['/api/v1/messages/{id}'].get['x-required-scope']).toBe('messages:read or messages:send');
    const patch = doc.paths['/api/v1/settings'].patch;
    expect(Object.keys(patch.requestBody.content['application/json'].schema.properties)).toContain('welcomeMessage');
    const period = doc.paths['/api/v1/analytics'].get.parameters.find((p: { name: string }) => p.name === 'period');
    expect(period.schema.enum).toEqual(['day', 'week', 'month', 'all']);
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toEqual(
      expect.arrayContaining(['INVALID_API_KEY', 'RATE_LIMIT_EXCEEDED', 'INSUFFICIENT_TIER', 'VALIDATION_ERROR', 'BOT_INACTIVE', 'NOT_FOUND']),
    );
  });

  it('documents the rate-limit headers, 429 with Retry-After and the deprecated ?api_key=', async () => {
    t = await startTestApp();
    const doc = (await t.call('GET', '/v1/openapi.json', undefined, { key: null })).json;
    const analytics = doc.paths['/api/v1/analytics'].get;
    expect(Object.keys(analytics.responses['200'].headers)).toEqual(['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']);
    expect(analytics.responses['429'].$ref).toBe('#/components/responses/RateLimited');
    expect(doc.components.responses.RateLimited.headers['Retry-After']).toBeDefined();
    expect(doc.components.headers['X-RateLimit-Reset'].description).toMatch(/epoch seconds/);
    expect(analytics.security).toContainEqual({ apiKeyQuery: [] });
    expect(doc.components.securitySchemes.apiKeyQuery).toMatchObject({ type: 'apiKey', in: 'query', name: 'api_key' });
    const health = doc.paths['/api/v1/health'].get;
    expect(health.security).toEqual([]);
    expect(health.responses['200'].headers).toBeUndefined();
  });

  it('serves a docs page', async () => {
    t = await startTestApp();
    const res = await fetch(`${t.app.baseUrl}/api/v1/docs`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('/api/v1/giveaway/pick-winner');
  });
});
