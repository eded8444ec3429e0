import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/app.js';
import { call, connectMcp, fakeApi, runLauncher, sendJson, startCore, textOf } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startCore();
});
afterAll(async () => t?.stop());

/** A loopback port nothing listens on: bind one, note it, close it. */
async function deadPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('startup', () => {
  it('exits with code 2 and says how to give a key when there is none; stdout stays empty', async () => {
    const r = await runLauncher([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/No API key: pass --api-key KEY or set BUZZCHAT_API_KEY/);
    const blank = await runLauncher(['--api-key', '  ']);
    expect(blank.code).toBe(2);
  });

  it('exits with code 2 on an unknown flag or a bad URL', async () => {
    const flag = await runLauncher(['--api-key', 'k', '--port', '1']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--port'");
    const url = await runLauncher(['--api-key', 'k', '--url', 'ftp://x']);
    expect(url.code).toBe(2);
    expect(url.stderr).toContain('Invalid BuzzChat URL');
    expect(url.stdout).toBe('');
  });

  it('takes the key and URL from BUZZCHAT_API_KEY and BUZZCHAT_URL, and logs only to stderr', async () => {
    const s = await connectMcp([], { BUZZCHAT_API_KEY: t.key, BUZZCHAT_URL: `${t.app.baseUrl}/api/v1/` });
    try {
      const r = await call(s, 'buzzchat_list_accounts');
      expect(r.isError).toBeFalsy();
      expect(s.stderr()).toContain(`BuzzChat API at ${t.app.baseUrl}`);
    } finally {
      await s.close();
    }
  });

  it("the reference's example configuration (--api-key and BUZZCHAT_API_KEY, no URL) talks to http://127.0.0.1:3847", async () => {
    // The shim answers 3847 from the test core and refuses anything else, so the call succeeds only if it went
    // to the default URL, whatever listens on that port here.
    const shim = pathToFileURL(path.join(import.meta.dirname, 'default-port-shim.mjs')).href;
    const s = await connectMcp(['--api-key', t.key], {
      BUZZCHAT_API_KEY: t.key,
      NODE_OPTIONS: `--import=${shim}`,
      BUZZCHAT_TEST_DEFAULT_PORT_TARGET: t.app.baseUrl,
    });
    try {
      const r = await call(s, 'buzzchat_list_accounts');
      expect(r.isError, textOf(r)).toBeFalsy();
      expect(s.stderr()).toContain('[default-port shim] /api/v1/accounts answered by the test core');
      expect(s.stderr()).toContain('BuzzChat API at http://127.0.0.1:3847');
    } finally {
      await s.close();
    }
  });

  it('--api-key wins over BUZZCHAT_API_KEY', async () => {
    const s = await connectMcp(['--api-key', t.key, '--url', t.app.baseUrl], { BUZZCHAT_API_KEY: 'bc_wrong' });
    try {
      expect((await call(s, 'buzzchat_get_settings')).isError).toBeFalsy();
    } finally {
      await s.close();
    }
  });
});

describe('API errors come back as tool errors', () => {
  it('an invalid key gives INVALID_API_KEY on every tool, and the server keeps serving', async () => {
    const s = await connectMcp(['--api-key', 'bc_not_a_real_key', '--url', t.app.baseUrl]);
    try {
      for (const name of ['buzzchat_get_settings', 'buzzchat_list_accounts', 'buzzchat_get_analytics']) {
        const r = await call(s, name);
        expect(r.isError, name).toBe(true);
        expect(textOf(r)).toMatch(/^INVALID_API_KEY: /);
      }
      // Resources report the same error as a protocol error carrying the code.
      await expect(s.client.readResource({ uri: 'buzzchat://settings' })).rejects.toThrow(/INVALID_API_KEY/);
      expect((await s.client.listTools()).tools.length).toBeGreaterThan(10);
    } finally {
      await s.close();
    }
  });

  it('a key without the scope gets INSUFFICIENT_SCOPE and nothing is sent', async () => {
    const scoped = await t.call('POST', '/api/v1/keys', { name: 'mcp-read', scopes: ['analytics:read', 'settings:read'] });
    const s = await connectMcp(['--api-key', scoped.json.data.key, '--url', t.app.baseUrl]);
    try {
      expect((await call(s, 'buzzchat_get_analytics')).isError).toBeFalsy();
      const r = await call(s, 'buzzchat_toggle_bot', { active: true });
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/^INSUFFICIENT_SCOPE: /);
      expect((await t.call('GET', '/api/v1/settings')).json.data.botActive).toBe(false);
    } finally {
      await s.close();
    }
  });

  it('says clearly that BuzzChat is not running when nothing listens at the URL', async () => {
    const url = `http://127.0.0.1:${await deadPort()}`;
    const s = await connectMcp(['--api-key', 'bc_any', '--url', url]);
    try {
      const r = await call(s, 'buzzchat_send_message', { message: 'hello' });
      expect(r.isError).toBe(true);
      expect(textOf(r)).toContain(`NOT_RUNNING: BuzzChat is not running at ${url}`);
      const readErr = await s.client
        .readResource({ uri: 'buzzchat://chat/recent' })
        .catch((e: unknown) => e as { code?: number; message: string; data?: unknown });
      // One JSON-RPC prefix (the client's), then the API code; the code also comes as data.
      expect(readErr.code).toBe(-32603);
      expect(readErr.message).toBe(
        `MCP error -32603: NOT_RUNNING: BuzzChat is not running at ${url} (ECONNREFUSED). Start the BuzzChat app (or \`buzzchat serve\`), or set BUZZCHAT_URL to where it listens.`,
      );
      expect(readErr.data).toEqual({ code: 'NOT_RUNNING', status: 0 });
      // Still alive for the next call.
      expect(textOf(await call(s, 'buzzchat_get_settings'))).toMatch(/^NOT_RUNNING: /);
    } finally {
      await s.close();
    }
  });

  it('rejects invalid tool input with a readable tool error, without calling the API', async () => {
    const s = await connectMcp(['--api-key', t.key, '--url', t.app.baseUrl]);
    try {
      const before = (await t.call('GET', '/api/v1/messages')).json.data.messages.length;
      const cases: [string, Record<string, unknown>][] = [
        ['buzzchat_send_message', { message: '' }],
        ['buzzchat_send_message', { message: 'x'.repeat(501) }],
        ['buzzchat_send_message', { message: 'hi', delay: -5 }],
        ['buzzchat_send_message', {}],
        ['buzzchat_pick_winner', { count: 0 }],
        ['buzzchat_get_analytics', { period: 'year' }],
        ['buzzchat_toggle_bot', { active: 'yes' }],
        ['buzzchat_get_message_status', { messageId: '../settings' }],
      ];
      for (const [name, args] of cases) {
        const r = await call(s, name, args);
        expect(r.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
        expect(textOf(r)).toContain('Input validation error');
      }
      expect((await t.call('GET', '/api/v1/messages')).json.data.messages.length).toBe(before);
      const unknown = await s.client.callTool({ name: 'buzzchat_nope', arguments: {} });
      expect(unknown.isError).toBe(true);
    } finally {
      await s.close();
    }
  });
});

describe('chat, webhooks and odd answers (against a stand-in API)', () => {
  it('passes chat status, recent chat and webhooks through with summaries, with the key and query', async () => {
    const fake = await fakeApi({
      'GET /api/v1/chat/status': (_q, res) =>
        sendJson(res, {
          success: true,
          data: { sessions: [{ accountId: 'acc_main', platform: 'whatnot', connected: true, live: true, lastError: null, queue: { queued: 2 } }] },
        }),
      'GET /api/v1/chat/messages': (_q, res) =>
        sendJson(res, {
          success: true,
          data: {
            messages: [
              { username: 'viewer1', text: 'how much is shipping?', receivedAt: '2025-01-24T10:00:00Z' },
              { username: 'viewer2', text: 'love it', receivedAt: '2025-01-24T10:00:01Z' },
            ],
          },
        }),
      'GET /api/v1/webhooks': (_q, res) =>
        sendJson(res, {
          success: true,
          data: {
            webhooks: [
              {
                id: 'wh_1',
                url: 'http://127.0.0.1:9/h',
                events: ['giveaway.winner'],
                active: true,
                disabledReason: null,
                heldEvents: 0,
                createdAt: '2025-01-24T10:00:00.000Z',
                updatedAt: '2025-01-24T10:00:00.000Z',
              },
            ],
          },
        }),
    });
    const s = await connectMcp(['--api-key', 'bc_fake', '--url', fake.url]);
    try {
      const status = await call(s, 'buzzchat_get_chat_status');
      expect(textOf(status)).toContain('acc_main: connected, LIVE');
      expect(status.structuredContent).toMatchObject({ sessions: [{ accountId: 'acc_main', connected: true }] });

      const chat = await call(s, 'buzzchat_get_recent_chat', { limit: 2, account: 'acc_main' });
      expect(textOf(chat)).toContain('2 chat lines:\nviewer1: how much is shipping?\nviewer2: love it');
      expect((chat.structuredContent as { messages: unknown[] }).messages).toHaveLength(2);

      const hooks = await call(s, 'buzzchat_list_webhooks');
      expect(textOf(hooks)).toContain('wh_1 http://127.0.0.1:9/h [giveaway.winner]');

      const res = await s.client.readResource({ uri: 'buzzchat://chat/recent' });
      expect(JSON.parse((res.contents[0] as { text: string }).text).messages[0].username).toBe('viewer1');

      expect(fake.seen.map((x) => `${x.method} ${x.url}`)).toEqual([
        'GET /api/v1/chat/status',
        'GET /api/v1/chat/messages?limit=2&account=acc_main',
        'GET /api/v1/webhooks',
        'GET /api/v1/chat/messages?limit=100',
      ]);
      expect(new Set(fake.seen.map((x) => x.auth))).toEqual(new Set(['Bearer bc_fake']));
    } finally {
      await s.close();
      await fake.close();
    }
  });

  it('reports an answer that is not the BuzzChat API (wrong URL) and an API error envelope as they are', async () => {
    const fake = await fakeApi({
      'GET /api/v1/settings': (_q, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>some other app</html>');
      },
      'GET /api/v1/chat/status': (_q, res) =>
        sendJson(res, { success: false, error: { code: 'CHAT_UNAVAILABLE', message: 'No chat session is connected' } }, 503),
    });
    const s = await connectMcp(['--api-key', 'bc_fake', '--url', fake.url]);
    try {
      const wrong = await call(s, 'buzzchat_get_settings');
      expect(wrong.isError).toBe(true);
      expect(textOf(wrong)).toMatch(/^BAD_RESPONSE: .*not a BuzzChat API response/);
      const down = await call(s, 'buzzchat_get_chat_status');
      expect(textOf(down)).toBe('CHAT_UNAVAILABLE: No chat session is connected');
    } finally {
      await s.close();
      await fake.close();
    }
  });
});
