import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/kernel/clock.js';
import { claudeDesktopConfigPath } from '../../src/main/domains/system/mcp-config.js';
import { mcpClientConfig } from '../../src/shared/contract/assistants.js';
import { startTestApp, tempDir, type TestApp } from '../helpers/app.js';

const LAUNCH = { command: '/Applications/BuzzChat.app/Contents/MacOS/BuzzChat', args: ['--mcp'], writeClaudeConfig: true };

let t: TestApp;
let headless: TestApp;
let bare: TestApp;
const dirs: string[] = [];
beforeAll(async () => {
  t = await startTestApp({ mcp: LAUNCH, clock: new ManualClock(Date.UTC(2025, 0, 24, 10, 0, 0)) });
  headless = await startTestApp({ mcp: { command: '/usr/bin/node', args: ['/repo/bin/buzzchat-mcp.js'], writeClaudeConfig: false } });
  bare = await startTestApp();
});
afterAll(async () => {
  await Promise.all([t?.stop(), headless?.stop(), bare?.stop()]);
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function claudeDir(): string {
  const d = tempDir('buzzchat-claude-');
  dirs.push(d);
  return d;
}

const write = (app: TestApp, body: unknown) => app.call('POST', '/api/v1/system/mcp-config/claude-desktop', body);

describe('GET /system/mcp-config', () => {
  it("says how to start the shell's MCP server, with this API's URL and Claude Desktop's file", async () => {
    const r = await t.call('GET', '/api/v1/system/mcp-config');
    expect(r.status).toBe(200);
    expect(r.json.data).toEqual({
      command: LAUNCH.command,
      args: ['--mcp'],
      env: { BUZZCHAT_URL: t.app.baseUrl },
      claudeDesktop: { configPath: claudeDesktopConfigPath(), writable: true },
    });
    expect((await headless.call('GET', '/api/v1/system/mcp-config')).json.data).toMatchObject({
      command: '/usr/bin/node',
      args: ['/repo/bin/buzzchat-mcp.js'],
      claudeDesktop: { writable: false },
    });
  });

  it('needs keys:admin, and is NOT_FOUND where the shell offers no MCP server', async () => {
    const { key } = t.app.services.keys.create('reader', ['settings:read']);
    const denied = await t.call('GET', '/api/v1/system/mcp-config', undefined, { key });
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe('INSUFFICIENT_SCOPE');
    const none = await bare.call('GET', '/api/v1/system/mcp-config');
    expect(none.status).toBe(404);
    expect(none.json.error.code).toBe('NOT_FOUND');
  });

  it('knows where Claude Desktop keeps its configuration on macOS, Windows and Linux', () => {
    expect(claudeDesktopConfigPath('darwin', {}, '/Users/ann')).toBe('/Users/ann/Library/Application Support/Claude/claude_desktop_config.json');
    expect(claudeDesktopConfigPath('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Claude\\claude_desktop_config.json',
    );
    expect(claudeDesktopConfigPath('linux', {}, '/home/ann')).toBe('/home/ann/.config/Claude/claude_desktop_config.json');
    expect(claudeDesktopConfigPath('linux', { XDG_CONFIG_HOME: '/home/ann/cfg' }, '/home/ann')).toBe(
      '/home/ann/cfg/Claude/claude_desktop_config.json',
    );
  });
});

describe('POST /system/mcp-config/claude-desktop', () => {
  it('creates the file when there is none, with the entry the card shows', async () => {
    const file = path.join(claudeDir(), 'claude_desktop_config.json');
    const r = await write(t, { apiKey: 'bc_assistant', path: file });
    expect(r.status).toBe(200);
    expect(r.json.data).toEqual({ path: file, backupPath: null, replaced: false });
    const config = (await t.call('GET', '/api/v1/system/mcp-config')).json.data;
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(mcpClientConfig(config, 'bc_assistant'));
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps the rest of an existing file and a timestamped copy of it; a second write replaces the entry', async () => {
    const dir = claudeDir();
    const file = path.join(dir, 'claude_desktop_config.json');
    const original = '\uFEFF{\n  "globalShortcut": "Alt+Space",\n  "mcpServers": { "files": { "command": "npx", "args": ["fs-server"] } }\n}\n';
    fs.writeFileSync(file, original);
    const first = await write(t, { apiKey: 'bc_one', path: file });
    expect(first.json.data).toEqual({ path: file, backupPath: `${file}.2025-01-24T10-00-00-000Z.bak`, replaced: false });
    expect(fs.readFileSync(first.json.data.backupPath, 'utf8')).toBe(original);
    const merged = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(merged.globalShortcut).toBe('Alt+Space');
    expect(merged.mcpServers.files).toEqual({ command: 'npx', args: ['fs-server'] });
    expect(merged.mcpServers.buzzchat).toMatchObject({
      command: LAUNCH.command,
      args: ['--mcp'],
      env: { BUZZCHAT_API_KEY: 'bc_one', BUZZCHAT_URL: t.app.baseUrl },
    });

    const second = await write(t, { apiKey: 'bc_two', path: file });
    // Same clock time: the earlier backup is kept, the new one gets its own name.
    expect(second.json.data).toEqual({ path: file, backupPath: `${file}.2025-01-24T10-00-00-000Z-1.bak`, replaced: true });
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).mcpServers.buzzchat.env.BUZZCHAT_API_KEY).toBe('bc_two');
    expect(fs.readdirSync(dir).sort()).toEqual([
      'claude_desktop_config.json',
      'claude_desktop_config.json.2025-01-24T10-00-00-000Z-1.bak',
      'claude_desktop_config.json.2025-01-24T10-00-00-000Z.bak',
    ]);
  });

  it('refuses a file that is not valid JSON, or whose mcpServers is not an object, and leaves it as it was', async () => {
    for (const content of ['{ "mcpServers": { "a": 1 }, }', '[1, 2]', '{ "mcpServers": ["x"] }']) {
      const dir = claudeDir();
      const file = path.join(dir, 'claude_desktop_config.json');
      fs.writeFileSync(file, content);
      const r = await write(t, { apiKey: 'bc_x', path: file });
      expect(r.status, content).toBe(409);
      expect(r.json.error.code).toBe('CONFLICT');
      expect(r.json.error.message).toMatch(/left untouched/);
      expect(fs.readFileSync(file, 'utf8')).toBe(content);
      expect(fs.readdirSync(dir)).toEqual(['claude_desktop_config.json']);
    }
    const bad = path.join(claudeDir(), 'claude_desktop_config.json');
    fs.writeFileSync(bad, '{ nope');
    expect((await write(t, { apiKey: 'bc_x', path: bad })).json.error.message).toMatch(/^.*claude_desktop_config\.json is not valid JSON \(/);
  });

  it('refuses a missing Claude folder, a relative or non-JSON path, a bad key, and a shell that may not write', async () => {
    const missing = path.join(claudeDir(), 'Claude', 'claude_desktop_config.json');
    const r = await write(t, { apiKey: 'bc_x', path: missing });
    expect(r.status).toBe(409);
    expect(r.json.error.message).toContain('is Claude Desktop installed?');
    expect(fs.existsSync(path.dirname(missing))).toBe(false);

    expect((await write(t, { apiKey: 'bc_x', path: 'claude_desktop_config.json' })).json.error.code).toBe('VALIDATION_ERROR');
    expect((await write(t, { apiKey: 'bc_x', path: path.join(claudeDir(), 'notes.txt') })).status).toBe(400);
    expect((await write(t, { apiKey: 'bc x', path: path.join(claudeDir(), 'c.json') })).status).toBe(400);
    expect((await write(t, { path: path.join(claudeDir(), 'c.json') })).status).toBe(400);

    const file = path.join(claudeDir(), 'claude_desktop_config.json');
    const refused = await write(headless, { apiKey: 'bc_x', path: file });
    expect(refused.status).toBe(404);
    expect(refused.json.error.message).toContain('Only the desktop app');
    expect(fs.existsSync(file)).toBe(false);
  });
});
