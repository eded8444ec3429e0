import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/app.js';
import { ASSISTANT_SCOPES } from '../../../src/shared/contract/assistants.js';
import { call, connectMcp, startCore, textOf } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startCore();
});
afterAll(async () => t?.stop());

/** Arguments each tool needs to get past its input schema to the API (whatever the API then answers). */
async function argsFor(name: string): Promise<Record<string, unknown>> {
  const accountId = (await t.call('GET', '/api/v1/accounts')).json.data.accounts[0].id;
  const args: Record<string, Record<string, unknown>> = {
    buzzchat_send_message: { message: 'hello' },
    buzzchat_get_message_status: { messageId: 'msg_unknown' },
    buzzchat_reroll_winner: { username: 'nobody' },
    buzzchat_toggle_bot: { active: false },
    buzzchat_switch_account: { accountId },
    buzzchat_update_settings: { welcomeDelay: 2000 },
  };
  return args[name] ?? {};
}

async function scopeErrors(scopes: readonly string[]): Promise<string[]> {
  const { key } = (await t.call('POST', '/api/v1/keys', { name: 'assistant', scopes })).json.data;
  const s = await connectMcp(['--api-key', key, '--url', t.app.baseUrl]);
  try {
    const denied: string[] = [];
    for (const tool of (await s.client.listTools()).tools) {
      const text = textOf(await call(s, tool.name, await argsFor(tool.name)));
      if (text.startsWith('INSUFFICIENT_SCOPE')) denied.push(tool.name);
    }
    for (const r of (await s.client.listResources()).resources) {
      await s.client.readResource({ uri: r.uri }).catch((e: Error) => e.message.includes('INSUFFICIENT_SCOPE') && denied.push(r.uri));
    }
    return denied;
  } finally {
    await s.close();
  }
}

describe('the key the AI assistants card creates', () => {
  it('has every scope the MCP tools and resources use', async () => {
    expect(await scopeErrors(ASSISTANT_SCOPES)).toEqual([]);
  });

  it('and none is spare: without webhooks:read the webhooks tool is refused', async () => {
    expect(await scopeErrors(ASSISTANT_SCOPES.filter((s) => s !== 'webhooks:read'))).toEqual(['buzzchat_list_webhooks']);
  });
});
