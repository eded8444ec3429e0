import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { contractFetch } from '../helpers/contract.js';

/**
 * The API reference's code examples (cURL, Python requests, Node fetch), byte for byte but for the host
 * (https://api.buzzchat.app/v1 -> this app's /v1), answer in the shapes the reference shows, and the answers match
 * the served document.
 */
let t: TestApp;
let BASE_URL: string;
const checked = contractFetch();
beforeAll(async () => {
  t = await startTestApp();
  BASE_URL = `${t.app.baseUrl}/v1`;
  // What a seller has done before running the examples: the bot is on, viewers entered the giveaway.
  expect((await t.call('PATCH', '/api/v1/settings', { botActive: true })).status).toBe(200);
  for (const username of ['viewer123', 'shopper456']) expect((await t.call('POST', '/api/v1/giveaway/entries', { username })).status).toBe(201);
});
afterAll(async () => t?.stop());

describe("the reference's code examples", () => {
  it('cURL: GET /v1/analytics?period=week', async () => {
    // curl -X GET "https://api.buzzchat.app/v1/analytics?period=week" -H "Authorization: Bearer YOUR_API_KEY"
    const res = await checked(`${BASE_URL}/analytics?period=week`, {
      method: 'GET',
      headers: { Authorization: `Bearer ${t.key}`, Accept: '*/*', 'User-Agent': 'curl/8.5.0' },
    });
    expect(res.status).toBe(200);
    const stats = await res.json();
    expect(stats.success).toBe(true);
    expect(stats.data).toMatchObject({
      period: 'week',
      totalMessages: expect.any(Number),
      welcomeMessages: expect.any(Number),
      faqReplies: expect.any(Number),
      timerMessages: expect.any(Number),
    });
    expect(Object.keys(stats.data.breakdown)).toEqual(expect.arrayContaining(['welcome', 'faq', 'timer']));
    expect(res.headers.get('x-ratelimit-limit')).toBe('60');
  });

  it('Python: get_analytics() and pick_winner()', async () => {
    const headers = { Authorization: `Bearer ${t.key}`, 'Content-Type': 'application/json', 'User-Agent': 'python-requests/2.32.3', Accept: '*/*' };
    // requests.get(f'{BASE_URL}/analytics', headers=headers, params={'period': period}): a GET with a JSON content type and no body.
    const stats = await (await checked(`${BASE_URL}/analytics?period=week`, { headers })).json();
    expect(typeof stats.data.totalMessages).toBe('number');
    // requests.post(f'{BASE_URL}/giveaway/pick-winner', headers=headers, json={'count': count})
    const res = await checked(`${BASE_URL}/giveaway/pick-winner`, { method: 'POST', headers, body: JSON.stringify({ count: 1 }) });
    expect(res.status).toBe(200);
    const result = await res.json();
    expect(result.success).toBe(true);
    expect(['viewer123', 'shopper456']).toContain(result.data.winners[0]);
    expect(result.data.winners).toHaveLength(1);
    expect(new Date(result.data.timestamp).toISOString()).toBe(result.data.timestamp);
  });

  it('Node: sendMessage() and cURL: send a message', async () => {
    // fetch('https://api.buzzchat.app/v1/messages/send', {method: 'POST', headers: {...}, body: JSON.stringify({ message })})
    const node = await checked(`${BASE_URL}/messages/send`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ message: 'Flash sale! 20% off everything for the next 30 minutes!' }),
    });
    expect(node.status).toBe(200);
    const result = await node.json();
    expect(result).toMatchObject({ success: true, data: { messageId: expect.stringMatching(/^msg_/), sentAt: expect.any(String) } });
    // curl -X POST ".../v1/messages/send" -H "Authorization: Bearer ..." -H "Content-Type: application/json" -d '{"message": "Thanks for watching!"}'
    const curl = await checked(`${BASE_URL}/messages/send`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.key}`, 'Content-Type': 'application/json', 'User-Agent': 'curl/8.5.0', Accept: '*/*' },
      body: '{"message": "Thanks for watching!"}',
    });
    expect((await curl.json()).data.messageId).toMatch(/^msg_/);
  });

  it('cURL: pick a winner with -d \'{"count": 1}\'', async () => {
    const res = await checked(`${BASE_URL}/giveaway/pick-winner`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.key}`, 'Content-Type': 'application/json', 'User-Agent': 'curl/8.5.0', Accept: '*/*' },
      body: '{"count": 1}',
    });
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data.winners).toHaveLength(1);
    expect(typeof data.timestamp).toBe('string');
  });

  it('the errors the reference shows come in its envelope', async () => {
    const res = await checked(`${BASE_URL}/analytics?period=week`, { headers: { Authorization: 'Bearer bz_live_wrong' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ success: false, error: { code: 'INVALID_API_KEY', message: expect.any(String) } });
  });
});
