import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../../src/shared/contract/index.js';
import { startTestApp, tempDir, type TestApp } from '../helpers/app.js';
import { rawRequest } from '../helpers/http.js';

let t: TestApp;
afterEach(async () => t?.stop());

describe('methods a path does not have', () => {
  it('answers 405 with Allow (header and envelope) instead of 404, TRACE included', async () => {
    t = await startTestApp();
    for (const [method, p, allow] of [
      ['POST', '/api/v1/health', ['GET', 'HEAD', 'OPTIONS']],
      ['TRACE', '/api/v1/health', ['GET', 'HEAD', 'OPTIONS']],
      ['PUT', '/v1/settings', ['GET', 'HEAD', 'PATCH', 'OPTIONS']],
      ['PUT', '/api/v1/giveaway/entries', ['GET', 'HEAD', 'DELETE', 'POST', 'OPTIONS']],
      ['DELETE', '/api/v1/giveaway/pick-winner', ['POST', 'OPTIONS']],
    ] as const) {
      const r = await rawRequest(t.app.port, { method, path: p, headers: { authorization: `Bearer ${t.key}` } });
      expect(r.status, `${method} ${p}`).toBe(405);
      const body = JSON.parse(r.body);
      expect(body).toEqual({ success: false, error: { code: 'METHOD_NOT_ALLOWED', message: expect.stringContaining(method), allow } });
      expect(r.headers.allow).toBe(allow.join(', '));
      expect(r.headers['x-ratelimit-limit']).toBe('60');
    }
    // A path id route: the allowed methods of /messages/:id, not a 404 for the id.
    const r = await t.call('DELETE', '/api/v1/messages/msg_abc');
    expect(r.status).toBe(405);
    expect(r.json.error.allow).toEqual(['GET', 'HEAD', 'OPTIONS']);
    // Unknown paths stay 404; a bad key is still a 401 first.
    expect((await t.call('POST', '/api/v1/nope')).status).toBe(404);
    expect((await t.call('POST', '/api/v1/health', undefined, { key: 'bz_live_wrong' })).status).toBe(401);
  });

  it('answers OPTIONS with 204 and the Allow header', async () => {
    t = await startTestApp();
    const r = await rawRequest(t.app.port, { method: 'OPTIONS', path: '/api/v1/settings' });
    expect(r.status).toBe(204);
    expect(r.headers.allow).toBe('GET, HEAD, PATCH, OPTIONS');
  });
});

describe('the dashboard fallback serves pages only', () => {
  it('answers index.html for page paths and the 404 envelope for files and API paths', async () => {
    const dir = tempDir('buzzchat-renderer-');
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>BuzzChat</title>');
    t = await startTestApp({ rendererDir: dir });
    for (const p of ['/', '/settings', '/giveaway/history']) {
      const r = await t.call('GET', p, undefined, { key: null });
      expect(r.status, p).toBe(200);
      expect(String(r.json)).toContain('<title>BuzzChat</title>');
    }
    for (const p of ['/openapi.json', '/favicon.ico', '/assets/missing.js', '/api', '/v1', '/overlays/winner', '/practice/api/state']) {
      const r = await t.call('GET', p, undefined, { key: null });
      expect(r.status, p).toBe(404);
      expect(r.json, p).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
    }
  });
});

describe('query parameters', () => {
  it('refuses unknown parameters on routes without a query schema', async () => {
    t = await startTestApp();
    for (const p of ['/api/v1/health?x=1', '/api/v1/accounts?foo=bar', '/api/v1/keys?limit=5&x=2']) {
      const r = await t.call('GET', p);
      expect(r.status, p).toBe(400);
      expect(r.json.error.code, p).toBe('VALIDATION_ERROR');
      expect(r.json.error.message, p).toMatch(/unknown parameter/);
    }
    // ?api_key= is the deprecated key, not a parameter.
    expect((await t.call('GET', `/api/v1/accounts?api_key=${t.key}`, undefined, { key: null })).status).toBe(200);
  });

  it('refuses unknown parameters on every operation of the contract (strict query schemas)', () => {
    for (const [group, ops] of Object.entries(api)) {
      for (const [name, op] of Object.entries(ops as Record<string, { query?: { safeParse(v: unknown): { success: boolean } } }>)) {
        if (!op.query) continue;
        expect(op.query.safeParse({ zz_unknown: '1' }).success, `${group}.${name}`).toBe(false);
      }
    }
  });

  it('refuses an empty value instead of reading it as 0', async () => {
    t = await startTestApp();
    for (const p of [
      '/api/v1/giveaway/entries?offset=',
      '/api/v1/messages?limit=',
      '/api/v1/analytics?period=',
      '/api/v1/giveaway/entries?offset=1&offset=',
    ]) {
      const r = await t.call('GET', p);
      expect(r.status, p).toBe(400);
      expect(r.json.error.code, p).toBe('VALIDATION_ERROR');
    }
    expect((await t.call('GET', '/api/v1/giveaway/entries?offset=')).json.error.message).toBe('Invalid query: offset: must not be empty');
    expect((await t.call('GET', '/api/v1/giveaway/entries?offset=0')).status).toBe(200);
  });
});

/** Sends raw bytes and reads the whole answer (the server closes the connection). */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
    socket.write(request);
  });
}

function parseAnswer(raw: string): { status: number; headers: string; body: unknown } {
  const [head, body] = raw.split('\r\n\r\n', 2) as [string, string];
  return { status: Number(head.split(' ')[1]), headers: head, body: JSON.parse(body) };
}

describe('requests the HTTP parser refuses are answered in the envelope', () => {
  it('answers a 20 KB URL with 414 URI_TOO_LONG', async () => {
    t = await startTestApp();
    const r = await fetch(`${t.app.baseUrl}/api/v1/health?${'a'.repeat(20_000)}`);
    expect(r.status).toBe(414);
    expect(await r.json()).toEqual({ success: false, error: { code: 'URI_TOO_LONG', message: 'The URL is too long' } });
  });

  it('answers a 100 KB URL without resetting the connection', async () => {
    t = await startTestApp();
    const r = await fetch(`${t.app.baseUrl}/api/v1/health?${'a'.repeat(100_000)}`);
    expect(r.status).toBe(414);
    expect((await r.json()).error.code).toBe('URI_TOO_LONG');
  });

  it('answers oversize headers with 431 REQUEST_HEADER_TOO_LARGE', async () => {
    t = await startTestApp();
    const r = await fetch(`${t.app.baseUrl}/api/v1/health`, { headers: { 'x-filler': 'b'.repeat(20_000) } });
    expect(r.status).toBe(431);
    expect(await r.json()).toEqual({ success: false, error: { code: 'REQUEST_HEADER_TOO_LARGE', message: 'The request headers are too large' } });
  });

  it('answers a request that is not HTTP with 400 MALFORMED_REQUEST', async () => {
    t = await startTestApp();
    const answer = parseAnswer(await rawExchange(t.app.port, 'HELLO THERE\r\n\r\n'));
    expect(answer.status).toBe(400);
    expect(answer.headers).toMatch(/content-type: application\/json/i);
    expect(answer.body).toEqual({ success: false, error: { code: 'MALFORMED_REQUEST', message: 'The HTTP request could not be parsed' } });
  });
});
