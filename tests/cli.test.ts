import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/app.js';

// These run the built CLI exactly as a user does (npm test builds before running vitest).
const BIN = path.resolve('bin/buzzchat.js');
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 });

const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

function waitForLine(child: ReturnType<typeof spawn>, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`timeout waiting for ${pattern}; got: ${out}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

describe('buzzchat CLI', () => {
  it('is built', () => {
    expect(fs.existsSync('out/main/cli.js')).toBe(true);
  });

  it('creates, lists and revokes keys; the key is alone on the last line', () => {
    const dir = tempDir();
    const created = run(['keys', 'create', '--name', 'zapier', '--scopes', 'analytics:read,messages:send', '--data-dir', dir]);
    expect(created.status).toBe(0);
    const lines = created.stdout.trim().split('\n');
    const key = lines[lines.length - 1]!;
    expect(key).toMatch(/^bz_live_[A-Za-z0-9_-]+$/);
    const list = run(['keys', 'list'], { BUZZCHAT_DATA_DIR: dir });
    expect(list.stdout).toContain('zapier');
    expect(list.stdout).toContain('analytics:read,messages:send');
    expect(list.stdout).not.toContain(key);
    const id = list.stdout.match(/(key_[a-z0-9]+)/)![1]!;
    expect(run(['keys', 'revoke', id, '--data-dir', dir]).status).toBe(0);
    expect(run(['keys', 'list', '--data-dir', dir]).stdout).toContain('revoked');
    expect(run(['keys', 'revoke', 'key_nope', '--data-dir', dir]).status).toBe(1);
  });

  it('explains bad usage with exit code 2', () => {
    const r = run(['keys', 'create', '--data-dir', tempDir()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--name/);
    const s = run(['keys', 'create', '--name', 'x', '--scopes', 'root', '--data-dir', tempDir()]);
    expect(s.stderr).toMatch(/Unknown scope/);
    expect(run(['frobnicate']).status).toBe(2);
    const empty = spawnSync(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', 'keys', 'create', '--name', 'x', '--scopes', '', '--data-dir', tempDir()], { encoding: 'utf8', timeout: 30_000 });
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/--scopes is empty/);
    expect(empty.stdout).not.toMatch(/bz_live_/);
    expect(run(['serve', '--port', 'abc']).stderr).toMatch(/Invalid port/);
  });

  it('serves the API with a key made by the CLI and shuts down cleanly on SIGTERM', async () => {
    const dir = tempDir();
    const created = run(['keys', 'create', '--name', 'ci', '--data-dir', dir]);
    const key = created.stdout.trim().split('\n').pop()!;
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--no-browser'], {
      env: { ...process.env, BUZZCHAT_DATA_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const m = await waitForLine(child, /BuzzChat API listening on (http:\/\/127\.0\.0\.1:(\d+))/);
    const base = m[1]!;
    expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);
    const analytics = await fetch(`${base}/v1/analytics`, { headers: { authorization: `Bearer ${key}` } });
    expect(analytics.status).toBe(200);
    expect(((await analytics.json()) as { success: boolean }).success).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('says so when a key is revoked twice', () => {
    const dir = tempDir();
    run(['keys', 'create', '--name', 'old', '--data-dir', dir]);
    const id = run(['keys', 'list', '--data-dir', dir]).stdout.match(/(key_[a-z0-9]+)/)![1]!;
    const first = run(['keys', 'revoke', id, '--data-dir', dir]);
    expect(first.stdout).toMatch(/Revoked key_\w+ "old"/);
    const again = run(['keys', 'revoke', id, '--data-dir', dir]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/already revoked/);
  });

  it('runs from source (tsx src/main/cli.ts) and stops cleanly on SIGINT', async () => {
    const dir = tempDir();
    const src = ['--import', 'tsx', 'src/main/cli.ts'];
    const created = spawnSync(process.execPath, [...src, 'keys', 'create', '--name', 'dev', '--data-dir', dir], { encoding: 'utf8', timeout: 30_000 });
    expect(created.status).toBe(0);
    expect(created.stdout.trim().split('\n').pop()).toMatch(/^bz_live_/);
    const child = spawn(process.execPath, [...src, 'serve', '--port', '0', '--no-browser', '--data-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const m = await waitForLine(child, /BuzzChat API listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const page = await fetch(`${m[1]}/`);
    // The built dashboard, never the unbuilt src/renderer/index.html that points at main.tsx.
    if (page.status === 200) expect(await page.text()).not.toContain('main.tsx');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('refuses a corrupt database with a clear message and exit code 1', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'buzzchat.db'), 'garbage'.repeat(1000));
    const r = run(['keys', 'list', '--data-dir', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/corrupt/);
  });
});
