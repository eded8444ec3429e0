import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OVERLAY_SCOPE, overlayUrl } from '../../src/shared/contract/overlays.js';
import { SCOPES } from '../../src/shared/scopes.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let overlayKey: string;
beforeAll(async () => {
  t = await startTestApp();
  overlayKey = t.app.services.keys.create('OBS overlays', [OVERLAY_SCOPE]).key;
});
afterAll(async () => {
  await t?.stop();
});

const page = (name: string, token?: string) =>
  fetch(`${t.app.baseUrl}/overlays/${name}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`);
const active = () => t.app.services.accounts.active().id;

describe('overlay pages need an overlays:read key in ?token=', () => {
  it('answer 401 with a page that holds no data without a token, with a wrong one, a revoked one or one lacking the scope', async () => {
    const lacking = t.app.services.keys.create('reader', ['chat:read', 'giveaway:read']).key;
    const revoked = t.app.services.keys.create('old overlay', [OVERLAY_SCOPE]);
    t.app.services.keys.revoke(revoked.apiKey.id);
    for (const name of ['chat', 'giveaway']) {
      for (const token of [undefined, '', 'bz_live_nope', lacking, revoked.key]) {
        const res = await page(name, token);
        expect(res.status, `${name} with ${token}`).toBe(401);
        const html = await res.text();
        expect(html).toContain('token missing or invalid');
        expect(html).not.toContain('<script');
        expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      }
    }
  });

  it('refuse the dashboard session and a full-access key: only a key granted overlays:read belongs in OBS', async () => {
    expect((await page('chat', t.app.sessionToken)).status).toBe(401);
    expect((await page('chat', t.key)).status).toBe(401);
    const broader = t.app.services.keys.create('overlay and more', [OVERLAY_SCOPE, 'giveaway:read']).key;
    expect((await page('chat', broader)).status).toBe(200);
  });

  it('serve the page with a valid key: our own script and style under a strict CSP, framable by the dashboard only, no Referer', async () => {
    for (const name of ['chat', 'giveaway']) {
      const res = await page(name, overlayKey);
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toMatch(/style-src 'self'(;|$)/);
      expect(csp).toMatch(/frame-ancestors 'self'/);
      expect(csp).not.toMatch(/unsafe|https?:/);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const html = await res.text();
      expect(html).toContain(`<script src="/overlays/${name}.js" defer></script>`);
      expect(html).not.toMatch(/<script>|style=|<style/);
      expect(html).not.toContain(overlayKey);
    }
    for (const [file, type] of [
      ['core.js', 'text/javascript'],
      ['chat.js', 'text/javascript'],
      ['giveaway.js', 'text/javascript'],
      ['overlay.css', 'text/css'],
    ]) {
      const res = await fetch(`${t.app.baseUrl}/overlays/${file}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
    }
    const missing = await fetch(`${t.app.baseUrl}/overlays/admin`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('NOT_FOUND');
  });

  it('builds the URL the dashboard hands out: the key, and only the parameters that differ from their defaults', () => {
    const url = new URL(
      overlayUrl('http://127.0.0.1:3847/', 'chat', 'bz_live_x', { theme: 'light', fontSize: 24, bots: true, accent: '#ff0000', winnerSeconds: 5 }),
    );
    expect(url.pathname).toBe('/overlays/chat');
    expect(Object.fromEntries(url.searchParams)).toEqual({ token: 'bz_live_x', theme: 'light', bots: '1', accent: 'ff0000' });
  });
});

describe('what an overlays:read key may do', () => {
  it('reads the overlay state: keyword, entries, closing time and the latest draw', async () => {
    await t.call('PATCH', '/api/v1/settings', { giveaway: { keyword: 'gimme', closesAt: '2030-01-01T00:00:00.000Z' } });
    await t.call('POST', '/api/v1/giveaway/entries', { username: 'ann' });
    await t.call('POST', '/api/v1/giveaway/entries', { username: 'bob' });
    const draw = await t.call('POST', '/api/v1/giveaway/pick-winner', { count: 1 });
    const res = await t.call('GET', '/api/v1/overlays/state', undefined, { key: overlayKey });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({
      accountId: active(),
      giveaway: {
        enabled: true,
        keyword: 'gimme',
        entriesCount: 2,
        closesAt: '2030-01-01T00:00:00.000Z',
        latestDraw: { drawId: draw.json.data.drawId, winners: draw.json.data.winners },
      },
    });
  });

  it('is refused everything else: settings, sending, keys, giveaway writes and reads beyond the state', async () => {
    const refused: [string, string, unknown?][] = [
      ['PATCH', '/api/v1/settings', { giveaway: { keyword: 'x' } }],
      ['GET', '/api/v1/settings'],
      ['POST', '/api/v1/messages/send', { message: 'hi' }],
      ['GET', '/api/v1/keys'],
      ['POST', '/api/v1/keys', { name: 'escalate' }],
      ['POST', '/api/v1/giveaway/pick-winner', { count: 1 }],
      ['GET', '/api/v1/giveaway/entries'],
      ['GET', '/api/v1/analytics'],
      ['DELETE', '/api/v1/giveaway/entries'],
      // The full event stream: an overlay has its own, with its page's events only.
      ['GET', '/api/v1/events'],
    ];
    for (const [method, path, body] of refused) {
      const res = await t.call(method, path, body, { key: overlayKey });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json.error.code).toBe('INSUFFICIENT_SCOPE');
    }
  });

  it('is a scope like the others: made through POST /keys, and named in the API description', async () => {
    expect(SCOPES).toContain('overlays:read');
    const made = await t.call('POST', '/api/v1/keys', { name: 'OBS overlays', scopes: ['overlays:read'] });
    expect(made.status).toBe(201);
    expect(made.json.data.apiKey.scopes).toEqual(['overlays:read']);
    const doc = (await t.call('GET', '/api/v1/openapi.json')).json;
    expect(doc.paths['/api/v1/overlays/state'].get['x-required-scope']).toBe('overlays:read');
    expect(doc.paths['/api/v1/overlays/events'].get['x-required-scope']).toBe('overlays:read');
  });
});
