import { validate as validateOpenApi } from '@scalar/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModules } from '../../src/main/app/domains.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { contractOf, realFetch, type Contract } from '../helpers/contract.js';

let t: TestApp;
let contract: Contract;
beforeAll(async () => {
  t = await startTestApp({ modules: defaultModules({ noBrowser: true }) });
  contract = (await contractOf(t.app.baseUrl))!;
});
afterAll(async () => t?.stop());

const url = (p: string) => `${t.app.baseUrl}${p}`;
const rate = () =>
  new Headers({ 'content-type': 'application/json', 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '59', 'x-ratelimit-reset': '1706093400' });
const check =
  (method: string, p: string, status: number, body: unknown, headers = rate()) =>
  () =>
    contract.check(method, url(p), status, headers, body);

describe('the contract check (tests/helpers/contract.ts)', () => {
  it('is on for the whole suite: fetch is wrapped by the setup file', () => {
    expect(globalThis.fetch).not.toBe(realFetch);
  });

  it('accepts the answers the document declares', () => {
    const entry = { success: true, data: { accepted: true, entryId: 1, username: 'ana', enteredAt: '2025-01-24T10:30:00.000Z' } };
    expect(check('POST', '/api/v1/giveaway/entries', 201, entry)).not.toThrow();
    expect(check('POST', '/v1/giveaway/entries', 201, { success: true, data: { accepted: false, reason: 'limit_reached' } })).not.toThrow();
    // A literal segment is matched before a parameter: /webhooks/config is not /webhooks/{id}.
    expect(check('GET', '/api/v1/webhooks/config', 200, { success: true, data: { allowPrivateNetworks: false } })).not.toThrow();
    // No route for the method or the path: any error envelope.
    expect(
      check('PUT', '/api/v1/settings', 405, { success: false, error: { code: 'METHOD_NOT_ALLOWED', message: 'x', allow: ['GET', 'PATCH'] } }),
    ).not.toThrow();
    expect(check('GET', '/api/v1/nope', 404, { success: false, error: { code: 'NOT_FOUND', message: 'x' } })).not.toThrow();
    // Outside the API: not checked.
    expect(check('GET', '/practice', 200, '<html>')).not.toThrow();
  });

  it('refuses an answer that is not the declared one, saying where and why', () => {
    // What POST /giveaway/entries used to be documented as: {accepted, reason?} only.
    expect(
      check('POST', '/api/v1/giveaway/entries', 201, {
        success: true,
        data: { accepted: true, entryId: 1, username: 'ana', enteredAt: 'x', extra: 1 },
      }),
    ).toThrow(/POST \/api\/v1\/giveaway\/entries -> 201 does not match[\s\S]*additional/);
    expect(check('GET', '/api/v1/accounts', 200, { success: true })).toThrow(/must have required property 'data'/);
    expect(check('GET', '/api/v1/accounts', 409, { success: false, error: { code: 'CONFLICT', message: 'x' } })).toThrow(/CONFLICT is not declared/);
    expect(check('GET', '/api/v1/accounts', 200, { success: false, error: { code: 'NOT_FOUND', message: 'x' } })).toThrow(/does not match/);
    expect(check('GET', '/api/v1/messages/msg_1', 404, { success: false, error: { code: 'BOT_INACTIVE', message: 'x' } })).toThrow(/does not match/);
    // The guards answer before the request is counted: no rate-limit headers are declared there.
    expect(check('GET', '/api/v1/health', 403, { success: false, error: { code: 'FORBIDDEN_HOST', message: 'x' } })).toThrow(/does not declare them/);
    expect(check('GET', '/api/v1/docs', 200, '<html>', rate())).toThrow(/content-type "application\/json" is not one of the declared text\/html/);
  });

  it('every example in the document matches its schema', () => {
    let n = 0;
    for (const [, ops] of Object.entries<any>({ ...contract.doc.paths, ...contract.doc.webhooks })) {
      for (const op of Object.values<any>(ops)) {
        const media = [op.requestBody?.content, ...Object.values<any>(op.responses).map((r) => r.content)].flatMap((c) =>
          Object.values<any>(c ?? {}),
        );
        for (const m of media) {
          for (const [name, ex] of Object.entries<any>(m.examples ?? {})) {
            expect(contract.validate(m.schema, ex.value), `${op.operationId} example ${name}`).toBe(true);
            n++;
          }
          for (const ex of m.schema?.examples ?? []) {
            expect(contract.validate(m.schema, ex), `${op.operationId} schema example`).toBe(true);
            n++;
          }
        }
      }
    }
    for (const [name, schema] of Object.entries<any>(contract.doc.components.schemas)) {
      for (const ex of schema.examples ?? []) {
        expect(contract.validate({ $ref: `#/components/schemas/${name}` }, ex), name).toBe(true);
        n++;
      }
    }
    expect(n).toBeGreaterThan(40);
  });

  it('the document is a valid OpenAPI 3.1 description', async () => {
    const { valid, errors } = await validateOpenApi(contract.doc);
    expect(errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });
});
