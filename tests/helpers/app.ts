import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App, type AppOptions } from '../../src/main/app/create-app.js';
import { createClient } from '../../src/shared/client.js';
import { api } from '../../src/shared/contract/index.js';
import { silentLogger } from '../../src/main/kernel/logger.js';

export function tempDir(prefix = 'buzzchat-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestApp {
  app: App;
  dataDir: string;
  /** A key with every scope. */
  key: string;
  /** The typed client (the one the dashboard and the MCP server use), with the full-scope key. */
  api: ReturnType<typeof createClient<typeof api>>;
  /** fetch against the app with the key; returns status, headers and parsed JSON (for HTTP-level checks). */
  call(
    method: string,
    urlPath: string,
    body?: unknown,
    init?: { key?: string | null; headers?: Record<string, string>; raw?: string },
  ): Promise<ApiResponse>;
  stop(): Promise<void>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  json: any;
}

export async function startTestApp(options: Partial<AppOptions> = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? tempDir();
  const app = await createApp({ port: 0, logger: silentLogger, ...options, dataDir });
  const { key } = app.services.keys.create('test');
  const call: TestApp['call'] = async (method, urlPath, body, init = {}) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    const k = init.key === undefined ? key : init.key;
    if (k) headers.authorization = `Bearer ${k}`;
    let payload: string | undefined = init.raw;
    if (body !== undefined) {
      payload = JSON.stringify(body);
    }
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(app.baseUrl + urlPath, { method, headers, body: payload });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, headers: res.headers, json };
  };
  const client = createClient(api, { baseUrl: app.baseUrl, token: key });
  return { app, dataDir, key, api: client, call, stop: () => app.stop() };
}
