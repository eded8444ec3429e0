import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { defaultModules } from '../../../src/main/app/domains.js';
import type { AppOptions } from '../../../src/main/app/create-app.js';

/**
 * The tests run the shipped artifact: `node bin/buzzchat-mcp.js` loading out/main/mcp.js, which `npm test`
 * builds before vitest. That way the bundle itself (externals, entry wiring) is what gets tested.
 */
export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const LAUNCHER = path.join(ROOT, 'bin/buzzchat-mcp.js');
const BUILT = path.join(ROOT, 'out/main/mcp.js');

export function assertBuilt(): void {
  if (!fs.existsSync(BUILT)) throw new Error('out/main/mcp.js is missing: run `npm run build` (npm test builds first)');
}

/**
 * The app as shipped minus the browser (so the modules' routes, e.g. webhooks, are there), with rate limits
 * out of the way: these tests count calls, not minutes.
 */
export function startCore(options: Partial<AppOptions> = {}): Promise<TestApp> {
  return startTestApp({ rateLimits: { perMinute: 100_000, perDay: 1_000_000 }, modules: defaultModules({ noBrowser: true }), ...options });
}

export interface McpSession {
  client: Client;
  stderr: () => string;
  close(): Promise<void>;
}

/** Spawns the real server as a child process (with Node 22: process.execPath) and connects the SDK's Client. */
export async function connectMcp(args: string[], env: Record<string, string> = {}): Promise<McpSession> {
  assertBuilt();
  const transport = new StdioClientTransport({ command: process.execPath, args: [LAUNCHER, ...args], env, cwd: ROOT, stderr: 'pipe' });
  let err = '';
  transport.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const client = new Client({ name: 'buzzchat-mcp-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => err, close: () => client.close() };
}

export function call(s: McpSession, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  return s.client.callTool({ name, arguments: args }) as Promise<CallToolResult>;
}

export function textOf(r: CallToolResult): string {
  return r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

/** Runs the launcher to completion (no MCP session), for startup errors. */
export function runLauncher(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  assertBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCHER, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

/**
 * A stand-in BuzzChat API on loopback for routes whose modules may not be mounted in a test core and for
 * answers a real core never gives (not JSON, hanging). `routes` maps "GET /api/v1/x" to a handler.
 */
export async function fakeApi(routes: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void>) {
  const seen: { method: string; url: string; auth: string | undefined }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization });
    const handler = routes[`${req.method} ${(req.url ?? '').split('?')[0]}`];
    if (handler) return handler(req, res);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ success: false, error: { code: 'NOT_FOUND', message: `No route for ${req.method} ${req.url}` } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function sendJson(res: http.ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
