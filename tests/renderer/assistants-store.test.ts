import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/renderer/src/api/client.js';
import { configText, createAssistantsStore } from '../../src/renderer/src/stores/assistants.js';
import { createKeysStore } from '../../src/renderer/src/stores/keys.js';
import { ASSISTANT_SCOPES } from '../../src/shared/contract/assistants.js';
import { startTestApp, tempDir, type TestApp } from '../helpers/app.js';

/** The AI assistants card's store against a real core, as the desktop app configures it. */
let t: TestApp;
let bare: TestApp;
const claude = tempDir('buzzchat-claude-');
const claudeFile = path.join(claude, 'claude_desktop_config.json');
const client = (app: TestApp) => new ApiClient({ baseUrl: app.app.baseUrl, token: app.app.sessionToken });

beforeAll(async () => {
  t = await startTestApp({ mcp: { command: '/opt/BuzzChat/buzzchat', args: ['--mcp'], writeClaudeConfig: true, claudeConfigPath: claudeFile } });
  bare = await startTestApp();
});
afterAll(async () => {
  await Promise.all([t?.stop(), bare?.stop()]);
  fs.rmSync(claude, { recursive: true, force: true });
});

describe('assistants store', () => {
  it('creates a key with the assistant scopes, shows the configuration with it and writes it into Claude Desktop', async () => {
    const api = client(t);
    const keys = createKeysStore(api);
    const a = createAssistantsStore(api, () => void keys.getState().load());
    await a.getState().load();
    expect(a.getState().config).toMatchObject({
      command: '/opt/BuzzChat/buzzchat',
      args: ['--mcp'],
      claudeDesktop: { configPath: claudeFile, writable: true },
    });

    expect(await a.getState().createKey()).toBe(true);
    const key = a.getState().key!;
    expect(key).toMatch(/^\S{20,}$/);
    // The keys list beside the card is reloaded with it (startTestApp made the 'test' key).
    await expect.poll(() => keys.getState().list.map((k) => [k.name, k.scopes])).toContainEqual(['AI assistant', [...ASSISTANT_SCOPES]]);
    expect(JSON.parse(configText(a.getState().config!, key))).toEqual({
      mcpServers: { buzzchat: { command: '/opt/BuzzChat/buzzchat', args: ['--mcp'], env: { BUZZCHAT_URL: t.app.baseUrl, BUZZCHAT_API_KEY: key } } },
    });

    fs.writeFileSync(claudeFile, '{"mcpServers":{"other":{"command":"x"}}}');
    expect(await a.getState().writeClaudeConfig()).toBe(true);
    expect(a.getState().written).toMatchObject({ path: claudeFile, replaced: false, backupPath: expect.stringMatching(/\.bak$/) });
    const written = JSON.parse(fs.readFileSync(claudeFile, 'utf8'));
    expect(Object.keys(written.mcpServers)).toEqual(['other', 'buzzchat']);
    expect(written.mcpServers.buzzchat.env.BUZZCHAT_API_KEY).toBe(key);
    // The key works: it is the one the assistant will use.
    expect((await t.call('GET', '/api/v1/settings', undefined, { key })).status).toBe(200);

    a.getState().dismiss();
    expect(a.getState()).toMatchObject({ key: null, written: null });
  });

  it("shows the file's problem and writes nothing when Claude Desktop's file is not JSON", async () => {
    const a = createAssistantsStore(client(t));
    await a.getState().load();
    await a.getState().createKey('second');
    fs.writeFileSync(claudeFile, '{ broken');
    expect(await a.getState().writeClaudeConfig()).toBe(false);
    expect(a.getState().error).toMatch(/is not valid JSON .*left untouched/);
    expect(fs.readFileSync(claudeFile, 'utf8')).toBe('{ broken');
  });

  it('says an app without an MCP server has none, without an error', async () => {
    const a = createAssistantsStore(client(bare));
    await a.getState().load();
    expect(a.getState()).toMatchObject({ available: false, config: null, error: null });
  });
});
