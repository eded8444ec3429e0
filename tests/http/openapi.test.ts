import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultModules } from '../../src/main/app/domains.js';
import { WEBHOOK_EVENTS } from '../../src/shared/events.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let doc: any;
beforeAll(async () => {
  // Every module (webhooks, chat, bot, backups), without a browser: the whole route table.
  t = await startTestApp({ modules: defaultModules({ noBrowser: true }) });
  const r = await t.call('GET', '/api/v1/openapi.json', undefined, { key: null });
  expect(r.status).toBe(200);
  doc = r.json;
});
afterAll(async () => t?.stop());

/** Follows a local $ref (one level or more). */
function deref(node: any): any {
  while (node?.$ref)
    node = node.$ref
      .slice(2)
      .split('/')
      .reduce((o: any, k: string) => o[k.replace(/~1/g, '/')], doc);
  return node;
}
const successSchema = (op: any) => deref(Object.entries(op.responses).find(([s]) => s.startsWith('2'))![1]).content['application/json'].schema;
const bodySchema = (op: any) => deref(op.requestBody.content['application/json'].schema);

/** Every schema object in the document (walks properties, items, compositions, components). */
function* schemas(node: any, key = ''): Generator<any> {
  if (Array.isArray(node)) for (const n of node) yield* schemas(n, key);
  else if (node && typeof node === 'object') {
    if (
      key === 'schema' ||
      key === 'properties-value' ||
      key === 'items' ||
      key === 'schemas-value' ||
      key === 'anyOf' ||
      key === 'oneOf' ||
      key === 'allOf'
    )
      yield node;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'examples' || k === 'example') continue;
      yield* schemas(
        v,
        k === 'properties' ? 'properties-map' : k === 'schemas' ? 'schemas-map' : key.endsWith('-map') ? key.replace('-map', '-value') : k,
      );
    }
  }
}

describe('OpenAPI document', () => {
  it('documents every endpoint of the reference with schemas as components and the error catalogue', () => {
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
      ['/api/v1/webhooks', 'post'],
      ['/api/v1/webhooks/{id}', 'patch'],
      ['/api/v1/webhooks/{id}/test', 'post'],
    ];
    for (const [p, m] of expected) expect(doc.paths[p]?.[m], `${m} ${p}`).toBeDefined();
    const send = doc.paths['/api/v1/messages/send'].post;
    expect(send.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/SendMessageRequest');
    expect(bodySchema(send).properties.message.maxLength).toBe(500);
    expect(successSchema(send).properties.data.$ref).toBe('#/components/schemas/SendMessageResult');
    expect(send['x-required-scope']).toBe('messages:send');
    expect(send.operationId).toBe('messagesSend');
    expect(doc.paths['/api/v1/messages/{id}'].get['x-required-scope']).toBe('messages:read or messages:send');
    expect(Object.keys(bodySchema(doc.paths['/api/v1/settings'].patch).properties)).toContain('welcomeMessage');
    const period = doc.paths['/api/v1/analytics'].get.parameters.find((p: { name: string }) => p.name === 'period');
    expect(period.schema.enum).toEqual(expect.arrayContaining(['day', 'week', 'month', 'all']));
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toEqual(
      expect.arrayContaining(['INVALID_API_KEY', 'RATE_LIMIT_EXCEEDED', 'INSUFFICIENT_TIER', 'VALIDATION_ERROR', 'BOT_INACTIVE', 'NOT_FOUND']),
    );
  });

  it('requires data in every success envelope (and message where the reference has one)', () => {
    let checked = 0;
    for (const [p, ops] of Object.entries<any>(doc.paths)) {
      for (const [m, op] of Object.entries<any>(ops)) {
        const ok = deref(Object.entries<any>(op.responses).find(([s]) => s.startsWith('2'))![1]);
        const json = ok.content['application/json'];
        if (!json || p.endsWith('openapi.json')) continue;
        expect(json.schema.required, `${m} ${p}`).toEqual(expect.arrayContaining(['success', 'data']));
        expect(json.schema.additionalProperties, `${m} ${p}`).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(successSchema(doc.paths['/api/v1/giveaway/entries'].delete).required).toEqual(expect.arrayContaining(['message', 'data']));
  });

  it("lists each operation's own errors by status with their codes, not one default", () => {
    const codesOf = (op: any, status: string) => {
      const r = deref(op.responses[status]);
      if (!r) return [];
      const s = deref(r.content['application/json'].schema);
      return s.properties.error.properties.code.enum ?? [s.properties.error.properties.code.const];
    };
    const send = doc.paths['/api/v1/messages/send'].post;
    expect(codesOf(send, '400')).toEqual(['VALIDATION_ERROR', 'BOT_INACTIVE']);
    expect(codesOf(send, '401')).toEqual(['INVALID_API_KEY']);
    expect(codesOf(send, '403')).toEqual(expect.arrayContaining(['INSUFFICIENT_SCOPE', 'FORBIDDEN_HOST']));
    expect(codesOf(send, '404')).toEqual(['NOT_FOUND']); // ?account=
    expect(codesOf(send, '413')).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(codesOf(send, '415')).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
    expect(codesOf(send, '429')).toEqual(['RATE_LIMIT_EXCEEDED']);
    expect(codesOf(doc.paths['/api/v1/accounts/{id}'].delete, '409')).toEqual(['CONFLICT']);
    expect(codesOf(doc.paths['/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry'].post, '409')).toEqual(['CONFLICT']);
    expect(doc.paths['/api/v1/accounts'].get.responses['404']).toBeUndefined();
    expect(doc.paths['/api/v1/accounts'].get.responses['413']).toBeUndefined();
    expect(doc.paths['/api/v1/health'].get.responses['401']).toBeUndefined();
    // `default` only for what the HTTP layer answers before a route is chosen.
    expect(deref(send.responses.default).description).toMatch(/METHOD_NOT_ALLOWED/);
    // Several codes under one status: an example of each.
    expect(Object.keys(deref(send.responses['400']).content['application/json'].examples)).toEqual(['VALIDATION_ERROR', 'BOT_INACTIVE']);
  });

  it('documents the rate-limit headers on every answer they come with, 429 with Retry-After, and the deprecated ?api_key=', () => {
    const analytics = doc.paths['/api/v1/analytics'].get;
    for (const status of ['200', '400', '401', '403', '404', '429']) {
      expect(Object.keys(deref(analytics.responses[status]).headers), status).toEqual(
        expect.arrayContaining(['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']),
      );
    }
    expect(analytics.responses['429'].$ref).toBe('#/components/responses/RateLimited');
    expect(doc.components.responses.RateLimited.headers['Retry-After']).toBeDefined();
    expect(doc.components.headers['X-RateLimit-Reset'].description).toMatch(/epoch seconds/);
    expect(analytics.security).toContainEqual({ apiKeyQuery: [] });
    expect(doc.components.securitySchemes.apiKeyQuery).toMatchObject({ type: 'apiKey', in: 'query', name: 'api_key' });
    const health = doc.paths['/api/v1/health'].get;
    expect(health.security).toEqual([]);
    // Public routes are counted per client address, so they carry the headers too; the guards' 403 does not.
    expect(Object.keys(health.responses['200'].headers)).toContain('X-RateLimit-Limit');
    expect(health.responses['403'].headers).toBeUndefined();
  });

  it('writes the rules the server enforces into the schemas', () => {
    const s = doc.components.schemas;
    expect(s.TimerMessage.anyOf).toEqual([{ required: ['message'] }, { required: ['messages'], properties: { messages: { minItems: 1 } } }]);
    expect(s.FaqRule.anyOf).toEqual([{ required: ['response'] }, { required: ['responses'], properties: { responses: { minItems: 1 } } }]);
    expect(s.WebhookUpdate.minProperties).toBe(1);
    expect(s.WebhookCreate.properties.url).toMatchObject({ format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' });
    expect(s.AccountCreate.properties.url).toMatchObject({ format: 'uri' });
    expect(s.PickWinnerRequest.properties.count.description).toMatch(/eligible entrants/);
    // POST /giveaway/entries: the entry, or why it was refused.
    const entry = s.GiveawayEntryResult.oneOf ?? s.GiveawayEntryResult.anyOf;
    expect(entry.map((b: any) => b.required)).toEqual([
      ['accepted', 'entryId', 'username', 'enteredAt'],
      ['accepted', 'reason'],
    ]);
  });

  it('keeps to what strict consumers accept: no type arrays, no empty additionalProperties, every $ref resolves', () => {
    let n = 0;
    for (const node of schemas(doc)) {
      n++;
      expect(Array.isArray(node.type), JSON.stringify(node).slice(0, 200)).toBe(false);
      if (node.additionalProperties !== undefined) expect(node.additionalProperties).not.toEqual({});
    }
    expect(n).toBeGreaterThan(200);
    for (const ref of JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)) expect(deref({ $ref: ref[1] }), ref[1]).toBeDefined();
  });

  it('describes every webhook event as delivered, with the signature headers', () => {
    expect(Object.keys(doc.webhooks)).toEqual([...Object.keys(WEBHOOK_EVENTS), 'webhook.test']);
    const entry = doc.webhooks['giveaway.entry'].post;
    const body = deref(entry.requestBody.content['application/json'].schema);
    expect(body.required).toEqual(['id', 'type', 'timestamp', 'data']);
    expect(body.properties.type.const).toBe('giveaway.entry');
    expect(deref(body.properties.data).required).toEqual(expect.arrayContaining(['username', 'entryTime', 'accountId']));
    const headers = entry.parameters.filter((p: any) => p.in === 'header');
    expect(headers.map((h: any) => h.name)).toEqual(
      expect.arrayContaining(['X-BuzzChat-Signature', 'X-BuzzChat-Signature-Previous', 'webhook-id', 'webhook-timestamp', 'webhook-signature']),
    );
    expect(headers.find((h: any) => h.name === 'X-BuzzChat-Signature').required).toBe(true);
    expect(headers.find((h: any) => h.name === 'X-BuzzChat-Signature-Previous').required).toBeFalsy();
    // message.sent has no accountId in its payload; the delivery adds the event's.
    expect(deref(deref(doc.webhooks['message.sent'].post.requestBody.content['application/json'].schema).properties.data).required).toContain(
      'accountId',
    );
  });

  it('serves the same document as YAML at /openapi.yaml (the reference names the YAML)', async () => {
    const r = await fetch(`${t.app.baseUrl}/api/v1/openapi.yaml`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/yaml/);
    const text = await r.text();
    expect(text).not.toMatch(/[&*]a\d+\b/); // no YAML anchors or aliases
    expect(parse(text)).toEqual(doc);
    expect((await fetch(`${t.app.baseUrl}/v1/openapi.yaml`)).status).toBe(200);
  });
});
