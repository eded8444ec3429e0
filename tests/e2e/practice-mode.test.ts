import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModules } from '../../src/main/app/domains.js';
import { PRACTICE_ACCOUNT_NAME } from '../../src/main/domains/practice/demo.js';
import { startTestApp, tempDir, type TestApp } from '../helpers/app.js';

// The new user's first run: `buzzchat serve --practice` with the same modules the CLI uses.
let t: TestApp;
let mainAccount: string;
beforeAll(async () => {
  const dataDir = tempDir();
  // A seller's real account exists already and must not be touched by practice mode.
  const first = await startTestApp({ dataDir });
  mainAccount = first.app.services.accounts.active().id;
  await first.call('PATCH', '/api/v1/settings', { welcomeMessage: 'Real shop welcome {username}' });
  await first.stop();
  t = await startTestApp({ dataDir, modules: defaultModules({ practice: true, headless: true }) });
}, 60_000);
afterAll(async () => t?.stop());

/** Polls as the dashboard does, with the session token: an API key's 60 requests a minute would run out. */
const session = () => ({ key: t.app.sessionToken });

async function until<T>(what: string, f: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('practice mode', () => {
  it('runs on its own practice account with the bot on, leaving real accounts alone', async () => {
    const accounts = (await t.call('GET', '/api/v1/accounts')).json.data.accounts;
    const active = accounts.find((a: { isActive: boolean }) => a.isActive);
    expect(active).toMatchObject({ name: PRACTICE_ACCOUNT_NAME, platform: 'practice' });
    expect((await t.call('GET', '/api/v1/settings')).json.data.botActive).toBe(true);
    const real = (await t.call('GET', `/api/v1/settings?account=${mainAccount}`)).json.data;
    expect(real).toMatchObject({ welcomeMessage: 'Real shop welcome {username}', botActive: false });
  });

  it('connects the chat to the practice stream and answers a viewer in the page', async () => {
    const status = await until('chat connected', async () => {
      const s = (await t.call('GET', '/api/v1/chat/status', undefined, session())).json.data;
      return s?.connected ? s : undefined;
    });
    expect(status).toMatchObject({ platform: 'practice', live: true, loggedInAs: 'PracticeHost' });
    await t.call('POST', '/api/v1/practice/inject', { username: 'first_time_viewer', text: 'how much is shipping?' });
    const reply = await until('the FAQ reply in the practice chat', async () => {
      const body = (await t.call('GET', '/api/v1/practice/host-messages', undefined, session())).json as { data: { messages: { text: string }[] } };
      return body.data.messages.find((m) => m.text.startsWith('Shipping is $5'));
    });
    expect(reply.text).toContain('free over $50');
  });
});
