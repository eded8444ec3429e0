import path from 'node:path';
import { spawn } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/app.js';
import { ASSISTANT_SCOPES, mcpClientConfig } from '../../../src/shared/contract/assistants.js';
import { assertBuilt, ROOT, startCore, textOf } from './harness.js';

/**
 * The desktop app's entry (out/main/index.js, what the packaged executable runs) with `--mcp`, run by Node: the
 * MCP server as an installed app serves it, minus Electron's `app` (tested with a mock in electron-main.test.ts).
 */
const ENTRY = path.join(ROOT, 'out/main/index.js');

let t: TestApp;
beforeAll(async () => {
  // What the headless shells would say, pointed at the desktop entry: `<node> out/main/index.js --mcp`.
  t = await startCore({ mcp: { command: process.execPath, args: [ENTRY, '--mcp'], writeClaudeConfig: false } });
});
afterAll(async () => t?.stop());

describe('desktop entry with --mcp', () => {
  it('speaks MCP on stdio when started as GET /system/mcp-config says, with a key made for an assistant', async () => {
    assertBuilt();
    const config = (await t.call('GET', '/api/v1/system/mcp-config')).json.data;
    const { key } = (await t.call('POST', '/api/v1/keys', { name: 'Claude Desktop', scopes: [...ASSISTANT_SCOPES] })).json.data;
    // Exactly what the AI assistants card shows and writes into Claude Desktop's file.
    const entry = mcpClientConfig(config, key).mcpServers.buzzchat;
    expect(entry).toEqual({ command: process.execPath, args: [ENTRY, '--mcp'], env: { BUZZCHAT_URL: t.app.baseUrl, BUZZCHAT_API_KEY: key } });
    const transport = new StdioClientTransport({ ...entry, cwd: ROOT, stderr: 'pipe' });
    let stderr = '';
    transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const client = new Client({ name: 'desktop-entry-test', version: '1.0.0' });
    try {
      await client.connect(transport);
      expect(client.getServerVersion()?.name).toBe('buzzchat');
      expect((await client.listTools()).tools.map((x) => x.name)).toContain('buzzchat_toggle_bot');
      const r = (await client.callTool({ name: 'buzzchat_toggle_bot', arguments: { active: true } })) as CallToolResult;
      expect(textOf(r)).toMatch(/^The bot is now ON.\n/);
      expect((await t.call('GET', '/api/v1/settings')).json.data.botActive).toBe(true);
      expect(stderr).toContain(`BuzzChat API at ${t.app.baseUrl}`);
    } finally {
      await client.close();
    }
  });

  it('writes nothing but JSON-RPC to stdout, and exits when the host closes stdin', async () => {
    assertBuilt();
    const child = spawn(process.execPath, [ENTRY, '--mcp', '--url', t.app.baseUrl], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', BUZZCHAT_API_KEY: t.key },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.write('{"jsonrpc":"2.0","id":1,"method":"ping"}\n');
    await expect.poll(() => stdout).toContain('\n');
    child.stdin.end();
    expect(await exited).toBe(0);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([{ jsonrpc: '2.0', id: 1, result: {} }]);
  });

  it('a start without a key explains itself on stderr and exits 2', async () => {
    assertBuilt();
    const child = spawn(process.execPath, [ENTRY, '--mcp'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/No API key: pass --api-key KEY or set BUZZCHAT_API_KEY/);
  });
});
