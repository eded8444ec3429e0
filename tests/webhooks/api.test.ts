import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/kernel/clock.js';
import { WAIT_MS } from '../helpers/wait.js';
import { startWebhookApp, type WebhookTestApp } from './harness.js';
import { Receiver, verifyStandardWebhook, verifyWebhookSignature, waitFor } from './receiver.js';

let t: WebhookTestApp | undefined;
let rx: Receiver | undefined;
afterEach(async () => {
  await t?.stop();
  await rx?.close();
  t = rx = undefined;
});

describe('webhooks API', () => {
  it('creates, lists without secrets, updates and deletes', async () => {
    t = await startWebhookApp();
    const c = await t.call('POST', '/api/v1/webhooks', {
      url: 'https://example.com/hooks/buzzchat',
      events: ['giveaway.entry', 'giveaway.winner', 'giveaway.entry'],
    });
    expect(c.status).toBe(201);
    const created = c.json.data;
    expect(created.id).toMatch(/^wh_[a-z0-9]+$/);
    expect(created.url).toBe('https://example.com/hooks/buzzchat');
    expect(created.events).toEqual(['giveaway.entry', 'giveaway.winner']);
    expect(created.active).toBe(true);
    expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(created.secret.slice(6), 'base64')).toHaveLength(32);

    const list = await t.call('GET', '/api/v1/webhooks');
    expect(list.status).toBe(200);
    expect(list.json.data.webhooks).toHaveLength(1);
    expect(list.json.data.webhooks[0]).not.toHaveProperty('secret');
    expect(JSON.stringify(list.json)).not.toContain('whsec_');
    const one = await t.call('GET', `/api/v1/webhooks/${created.id}`);
    expect(JSON.stringify(one.json)).not.toContain('whsec_');

    const p = await t.call('PATCH', `/api/v1/webhooks/${created.id}`, { events: ['bot.started', 'bot.stopped'], active: false });
    expect(p.status).toBe(200);
    expect(p.json.data).toMatchObject({ events: ['bot.started', 'bot.stopped'], active: false, disabledReason: null });
    expect(p.json.data).not.toHaveProperty('secret');
    const p2 = await t.call('PATCH', `/api/v1/webhooks/${created.id}`, { url: 'http://127.0.0.1:9/x', active: true });
    expect(p2.json.data).toMatchObject({ url: 'http://127.0.0.1:9/x', active: true });

    const d = await t.call('DELETE', `/api/v1/webhooks/${created.id}`);
    expect(d.status).toBe(200);
    expect(d.json.data).toEqual({ id: created.id, deleted: true });
    for (const [m, path, body] of [
      ['GET', `/api/v1/webhooks/${created.id}`],
      ['PATCH', `/api/v1/webhooks/${created.id}`, { active: true }],
      ['DELETE', `/api/v1/webhooks/${created.id}`],
      ['POST', `/api/v1/webhooks/${created.id}/test`],
      ['POST', `/api/v1/webhooks/${created.id}/rotate-secret`],
      ['GET', `/api/v1/webhooks/${created.id}/deliveries`],
      ['POST', `/api/v1/webhooks/${created.id}/deliveries/1/retry`],
    ] as const) {
      const r = await t.call(m, path, body);
      expect(r.status, `${m} ${path}`).toBe(404);
      expect(r.json.error.code).toBe('NOT_FOUND');
    }
  });

  it('rejects invalid bodies with VALIDATION_ERROR', async () => {
    t = await startWebhookApp();
    const bad: unknown[] = [
      {},
      { url: 'https://example.com' },
      { url: 'https://example.com', events: [] },
      { url: 'https://example.com', events: ['chat.message'] }, // internal, never delivered
      { url: 'https://example.com', events: ['giveaway.entry'], extra: 1 },
      { url: 'not a url', events: ['giveaway.entry'] },
      { url: 'ftp://example.com/x', events: ['giveaway.entry'] },
      { url: 'file:///etc/passwd', events: ['giveaway.entry'] },
      { url: 'https://user:pass@example.com/x', events: ['giveaway.entry'] },
      { url: 'https://user@example.com/x', events: ['giveaway.entry'] },
      { url: 'https://example.com/' + 'a'.repeat(2100), events: ['giveaway.entry'] },
    ];
    for (const body of bad) {
      const r = await t.call('POST', '/api/v1/webhooks', body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.json.error.code).toBe('VALIDATION_ERROR');
    }
    const creds = await t.call('POST', '/api/v1/webhooks', { url: 'https://u:p@example.com/', events: ['bot.started'] });
    expect(creds.json.error.message).toMatch(/credentials/);
    const { id } = await t.register('https://example.com/x', ['bot.started']);
    for (const body of [{}, { active: 'yes' }, { events: ['nope'] }, { url: 'gopher://x' }, { secret: 'whsec_x' }]) {
      const r = await t.call('PATCH', `/api/v1/webhooks/${id}`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.code).toBe('VALIDATION_ERROR');
    }
    const q = await t.call('GET', `/api/v1/webhooks/${id}/deliveries?limit=0`);
    expect(q.json.error.code).toBe('VALIDATION_ERROR');
    expect((await t.call('PATCH', '/api/v1/webhooks/config', { allowPrivateNetworks: 'true' })).json.error.code).toBe('VALIDATION_ERROR');
  });

  it('refuses private-network hosts unless allowPrivateNetworks is on; loopback is always allowed', async () => {
    t = await startWebhookApp();
    const refused = [
      'http://10.0.0.1/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::ffff:10.0.0.1]/hook',
      'http://[::ffff:169.254.169.254]/',
      'http://172.16.5.4/',
      'http://192.168.1.10:8080/',
      'http://100.64.0.1/',
      'http://0.0.0.0:8080/',
      'http://[::]/',
      'http://[fc00::1]/',
      'http://[fd12:3456::1]/',
      'http://[fe80::1]/',
      'http://0x0a.0.0.1/', // 10.0.0.1 in hex; the URL parser normalises it
      'http://167772161/', // 10.0.0.1 as one number
    ];
    for (const url of refused) {
      const r = await t.call('POST', '/api/v1/webhooks', { url, events: ['bot.started'] });
      expect(r.status, url).toBe(400);
      expect(r.json.error.code).toBe('VALIDATION_ERROR');
      expect(r.json.error.message).toMatch(/private-network/);
    }
    for (const url of ['http://127.0.0.1:8080/hook', 'http://[::1]:8080/hook', 'http://localhost:8080/hook', 'https://hooks.example.com/x']) {
      expect((await t.call('POST', '/api/v1/webhooks', { url, events: ['bot.started'] })).status, url).toBe(201);
    }
    const { id } = await t.register('https://example.com/x', ['bot.started']);
    expect((await t.call('PATCH', `/api/v1/webhooks/${id}`, { url: 'http://10.1.2.3/' })).json.error.code).toBe('VALIDATION_ERROR');

    expect((await t.call('GET', '/api/v1/webhooks/config')).json.data).toEqual({ allowPrivateNetworks: false });
    const on = await t.call('PATCH', '/api/v1/webhooks/config', { allowPrivateNetworks: true });
    expect(on.json.data).toEqual({ allowPrivateNetworks: true });
    for (const url of refused) expect((await t.call('POST', '/api/v1/webhooks', { url, events: ['bot.started'] })).status, url).toBe(201);
    expect((await t.call('PATCH', `/api/v1/webhooks/${id}`, { url: 'http://10.1.2.3/' })).status).toBe(200);
    // Stored in app_settings, so it outlives the process.
    const row = t.app.services.db.prepare("SELECT value FROM app_settings WHERE key = 'webhooks.allowPrivateNetworks'").get() as { value: string };
    expect(JSON.parse(row.value)).toBe(true);
  });

  it('enforces webhooks:read and webhooks:write scopes', async () => {
    t = await startWebhookApp();
    const reader = t.app.services.keys.create('reader', ['webhooks:read']).key;
    const other = t.app.services.keys.create('other', ['giveaway:read']).key;
    expect((await t.call('GET', '/api/v1/webhooks', undefined, { key: reader })).status).toBe(200);
    expect((await t.call('GET', '/api/v1/webhooks/config', undefined, { key: reader })).status).toBe(200);
    const w = await t.call('POST', '/api/v1/webhooks', { url: 'https://example.com/x', events: ['bot.started'] }, { key: reader });
    expect(w.status).toBe(403);
    expect(w.json.error.code).toBe('INSUFFICIENT_SCOPE');
    expect((await t.call('PATCH', '/api/v1/webhooks/config', { allowPrivateNetworks: true }, { key: reader })).status).toBe(403);
    // Lifting SSRF protection is an admin act, beyond managing webhooks.
    const writer = t.app.services.keys.create('writer', ['webhooks:write']).key;
    expect((await t.call('PATCH', '/api/v1/webhooks/config', { allowPrivateNetworks: true }, { key: writer })).json.error.code).toBe(
      'INSUFFICIENT_SCOPE',
    );
    expect((await t.call('GET', '/api/v1/webhooks/config')).json.data.allowPrivateNetworks).toBe(false);
    expect((await t.call('GET', '/api/v1/webhooks', undefined, { key: other })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/webhooks', undefined, { key: null })).status).toBe(401);
  });

  it('test endpoint sends a signed webhook.test event and reports code and time', async () => {
    t = await startWebhookApp();
    rx = await Receiver.start();
    rx.reply = () => ({ status: 200, delayMs: 40 });
    const { id, secret } = await t.register(rx.url(), ['giveaway.entry']);
    const r = await t.call('POST', `/api/v1/webhooks/${id}/test`);
    expect(r.status).toBe(200);
    expect(r.json.data).toMatchObject({ delivered: true, responseCode: 200, error: null });
    expect(r.json.data.responseTime).toBeGreaterThanOrEqual(40);
    expect(r.json.data.responseTime).toBeLessThan(2000);
    expect(rx.received).toHaveLength(1);
    const got = rx.received[0]!;
    expect(got.json).toMatchObject({ id: r.json.data.eventId, type: 'webhook.test', data: { webhookId: id } });
    expect(verifyWebhookSignature(got.body, got.headers['x-buzzchat-signature'] as string, secret)).toBe(true);
    expect(verifyStandardWebhook(secret, got.headers, got.body)).toBe(true);

    rx.reply = () => ({ status: 503 });
    const fail = await t.call('POST', `/api/v1/webhooks/${id}/test`);
    expect(fail.json.data).toMatchObject({ delivered: false, responseCode: 503, error: 'HTTP 503' });
    // Test sends are not part of the delivery log.
    expect(await t.deliveries(id)).toEqual([]);

    await rx.close();
    const down = await t.call('POST', `/api/v1/webhooks/${id}/test`);
    expect(down.json.data).toMatchObject({ delivered: false, responseCode: null });
    expect(down.json.data.error).toMatch(/ECONNREFUSED/);
    rx = undefined;
  });

  it('rotate-secret: new secret signs both schemes; the old one keeps X-BuzzChat-Signature-Previous and a webhook-signature during the grace period', async () => {
    // The grace period runs on the app's clock: the test moves it past the end instead of sleeping.
    const clock = new ManualClock(Date.now());
    t = await startWebhookApp({ secretGraceMs: 60_000 }, { clock });
    rx = await Receiver.start();
    const { id, secret: oldSecret } = await t.register(rx.url(), ['bot.started', 'bot.stopped']);
    const rot = await t.call('POST', `/api/v1/webhooks/${id}/rotate-secret`);
    expect(rot.status).toBe(200);
    const newSecret: string = rot.json.data.secret;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
    expect(Date.parse(rot.json.data.previousSecretExpiresAt)).toBe(clock.now() + 60_000);
    expect(JSON.stringify((await t.call('GET', '/api/v1/webhooks')).json)).not.toContain('whsec_');

    await t.call('PATCH', '/api/v1/settings', { botActive: true });
    const during = await waitFor(() => rx!.ofType('bot.started')[0], WAIT_MS, 'bot.started');
    const sigs = (during.headers['webhook-signature'] as string).split(' ');
    expect(sigs).toHaveLength(2);
    expect(verifyStandardWebhook(newSecret, during.headers, during.body, clock.now())).toBe(true);
    expect(verifyStandardWebhook(oldSecret, during.headers, during.body, clock.now())).toBe(true);
    expect(verifyWebhookSignature(during.body, during.headers['x-buzzchat-signature'] as string, newSecret)).toBe(true);
    expect(verifyWebhookSignature(during.body, during.headers['x-buzzchat-signature'] as string, oldSecret)).toBe(false);
    // A receiver still on the old secret verifies with the reference recipe over X-BuzzChat-Signature-Previous.
    expect(verifyWebhookSignature(during.body, during.headers['x-buzzchat-signature-previous'] as string, oldSecret)).toBe(true);
    expect(verifyWebhookSignature(during.body, during.headers['x-buzzchat-signature-previous'] as string, newSecret)).toBe(false);

    clock.advance(59_999);
    await t.call('PATCH', '/api/v1/settings', { botActive: false });
    const last = await waitFor(() => rx!.ofType('bot.stopped')[0], WAIT_MS, 'bot.stopped');
    expect((last.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
    expect(verifyWebhookSignature(last.body, last.headers['x-buzzchat-signature-previous'] as string, oldSecret)).toBe(true);

    clock.advance(1);
    await t.call('PATCH', '/api/v1/settings', { botActive: true });
    const after = await waitFor(() => rx!.ofType('bot.started')[1], WAIT_MS, 'bot.started');
    expect((after.headers['webhook-signature'] as string).split(' ')).toHaveLength(1);
    expect(after.headers['x-buzzchat-signature-previous']).toBeUndefined();
    expect(verifyWebhookSignature(after.body, after.headers['x-buzzchat-signature'] as string, newSecret)).toBe(true);
    expect(verifyStandardWebhook(newSecret, after.headers, after.body, clock.now())).toBe(true);
    expect(verifyStandardWebhook(oldSecret, after.headers, after.body, clock.now())).toBe(false);
  });

  it('is in the OpenAPI document with its schemas and scopes', async () => {
    t = await startWebhookApp();
    const doc = (await t.call('GET', '/api/v1/openapi.json', undefined, { key: null })).json;
    for (const [p, m] of [
      ['/api/v1/webhooks', 'post'],
      ['/api/v1/webhooks', 'get'],
      ['/api/v1/webhooks/{id}', 'patch'],
      ['/api/v1/webhooks/{id}', 'delete'],
      ['/api/v1/webhooks/{id}/test', 'post'],
      ['/api/v1/webhooks/{id}/rotate-secret', 'post'],
      ['/api/v1/webhooks/{id}/deliveries', 'get'],
      ['/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry', 'post'],
      ['/api/v1/webhooks/config', 'patch'],
    ]) {
      expect(doc.paths[p!]?.[m!], `${m} ${p}`).toBeDefined();
    }
    const post = doc.paths['/api/v1/webhooks'].post;
    expect(post['x-required-scope']).toBe('webhooks:write');
    // The body is a component: #/components/schemas/WebhookCreate, its events those of EventType.
    expect(post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/WebhookCreate');
    expect(doc.components.schemas.WebhookCreate.properties.events.items.$ref).toBe('#/components/schemas/EventType');
    expect(doc.components.schemas.EventType.enum).toContain('giveaway.entry');
  });
});
