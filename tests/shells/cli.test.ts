import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { tempDir } from '../helpers/app.js';
import { oldVersionDb } from '../backups/fixtures.js';

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
    const empty = spawnSync(process.execPath, ['--import', 'tsx', 'src/main/shells/cli/index.ts', 'keys', 'create', '--name', 'x', '--scopes', '', '--data-dir', tempDir()], { encoding: 'utf8', timeout: 30_000 });
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

  it('runs from source (tsx src/main/shells/cli/index.ts) and stops cleanly on SIGINT', async () => {
    const dir = tempDir();
    const src = ['--import', 'tsx', 'src/main/shells/cli/index.ts'];
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

  it('prints a refused database once, naming the newest backup', () => {
    const dir = tempDir();
    run(['keys', 'create', '--name', 'x', '--data-dir', dir]);
    const taken = run(['backup', '--data-dir', dir]);
    const backupPath = taken.stdout.trim().split('\n').pop()!;
    fs.writeFileSync(path.join(dir, 'buzzchat.db'), 'garbage'.repeat(1000));
    for (const f of ['-wal', '-shm']) fs.rmSync(path.join(dir, `buzzchat.db${f}`), { force: true });
    const r = run(['keys', 'list', '--data-dir', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr.match(/corrupt or not a BuzzChat database/g)).toHaveLength(1);
    expect(r.stderr).toContain(`The newest backup is ${backupPath}`);
  });

  it('backs up while a server runs on the same folder, without taking its lock', async () => {
    const dir = tempDir();
    const created = run(['keys', 'create', '--name', 'before-backup', '--data-dir', dir]);
    const key = created.stdout.trim().split('\n').pop()!;
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--no-browser', '--data-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const m = await waitForLine(child, /BuzzChat API listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const r = run(['backup', '--data-dir', dir]);
    expect(r.status, r.stderr).toBe(0);
    const file = r.stdout.trim().split('\n').pop()!;
    expect(path.dirname(file)).toBe(path.join(dir, 'backups'));
    expect(path.basename(file)).toMatch(/^buzzchat-manual-.*Z\.db$/);
    expect(r.stdout).toMatch(/To restore it: stop BuzzChat, copy/);
    const copy = new Database(file, { readonly: true });
    expect(copy.prepare("SELECT count(*) FROM api_keys WHERE name = 'before-backup'").pluck().get()).toBe(1);
    copy.close();
    // The server did not notice: still running, its lock still held, the backup listed by its API.
    const listed = await fetch(`${m[1]}/api/v1/backups`, { headers: { authorization: `Bearer ${key}` } });
    expect(((await listed.json()) as { data: { backups: { file: string }[] } }).data.backups.map((b) => b.file)).toEqual([path.basename(file)]);
    expect(fs.readFileSync(path.join(dir, 'buzzchat.lock'), 'utf8').trim()).toBe(String(child.pid));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('backs up an older database as it is, without upgrading it; refuses a folder with no database', () => {
    const dir = tempDir();
    oldVersionDb(path.join(dir, 'buzzchat.db'), 1);
    const r = run(['backup', '--data-dir', dir]);
    expect(r.status, r.stderr).toBe(0);
    const version = (f: string) => {
      const db = new Database(f, { readonly: true });
      try {
        return db.pragma('user_version', { simple: true });
      } finally {
        db.close();
      }
    };
    expect(version(path.join(dir, 'buzzchat.db'))).toBe(1);
    expect(version(r.stdout.trim().split('\n').pop()!)).toBe(1);

    const none = tempDir();
    const missing = run(['backup', '--data-dir', none]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/nothing to back up/);
    expect(fs.existsSync(path.join(none, 'buzzchat.db'))).toBe(false);
    expect(run(['--help']).stdout).toMatch(/buzzchat backup \[--data-dir DIR\]/);
  });
});
