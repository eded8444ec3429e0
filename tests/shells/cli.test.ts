import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { main } from '../../src/main/shells/cli/index.js';
import { headlessMode, hasDisplay } from '../../src/main/shells/cli/serve.js';
import { tempDir } from '../helpers/app.js';
import { oldVersionDb } from '../backups/fixtures.js';

// The commands run in-process through main(argv) with captured output; tests/shells/cli-spawn.test.ts starts the
// real executable for the few things only a process shows (signals, the built bundle, the practice browser).
interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], env: Record<string, string | undefined> = {}, stop?: Promise<string>): Promise<Run> {
  const r = { stdout: '', stderr: '' };
  const code = await main(args, {
    env: { ...process.env, BUZZCHAT_DATA_DIR: undefined, ...env },
    stdout: (t) => void (r.stdout += t),
    stderr: (t) => void (r.stderr += t),
    stop,
  });
  return { code, ...r };
}

const lastLine = (r: Run) => r.stdout.trim().split('\n').pop()!;

describe('buzzchat CLI', () => {
  it('creates, lists and revokes keys; the key is alone on the last line', async () => {
    const dir = tempDir();
    const created = await run(['keys', 'create', '--name', 'zapier', '--scopes', 'analytics:read,messages:send', '--data-dir', dir]);
    expect(created.code).toBe(0);
    const key = lastLine(created);
    expect(key).toMatch(/^bz_live_[A-Za-z0-9_-]+$/);
    const list = await run(['keys', 'list'], { BUZZCHAT_DATA_DIR: dir });
    expect(list.stdout).toContain('zapier');
    expect(list.stdout).toContain('analytics:read,messages:send');
    expect(list.stdout).not.toContain(key);
    const id = list.stdout.match(/(key_[a-z0-9]+)/)![1]!;
    const revoked = await run(['keys', 'revoke', id, '--data-dir', dir]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(/Revoked key_\w+ "zapier"/);
    expect((await run(['keys', 'list', '--data-dir', dir])).stdout).toContain('revoked');
    const again = await run(['keys', 'revoke', id, '--data-dir', dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already revoked/);
    expect((await run(['keys', 'revoke', 'key_nope', '--data-dir', dir])).code).toBe(1);
  });

  it('explains bad usage with exit code 2 and never creates a key for it', async () => {
    const dir = tempDir();
    const noName = await run(['keys', 'create', '--data-dir', dir]);
    expect(noName.code).toBe(2);
    expect(noName.stderr).toMatch(/--name/);
    const bad = await run(['keys', 'create', '--name', 'x', '--scopes', 'root', '--data-dir', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown scope\(s\): root/);
    expect(bad.stderr).toMatch(/see buzzchat keys create --help/);
    const empty = await run(['keys', 'create', '--name', 'x', '--scopes', '', '--data-dir', dir]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/--scopes is empty/);
    expect(empty.stdout).not.toMatch(/bz_live_/);
    expect((await run(['keys', 'list', '--data-dir', dir])).stdout).toMatch(/No API keys/);
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run([])).code).toBe(2);
    const port = await run(['serve', '--port', 'abc', '--no-browser']);
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/Invalid port "abc"/);
    const unknown = await run(['serve', '--frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--frobnicate'/);
    expect((await run(['serve', '--headless', '--headed'])).stderr).toMatch(/exclude each other/);
    expect((await run(['keys', 'revoke'])).stderr).toMatch(/missing required argument 'id'/);
  });

  it('has help for every command, naming every option and environment variable', async () => {
    const top = await run(['--help']);
    expect(top.code).toBe(0);
    for (const word of [
      'serve',
      'keys',
      'backup',
      'BUZZCHAT_PORT',
      'BUZZCHAT_DATA_DIR',
      'BUZZCHAT_BROWSER',
      'BUZZCHAT_NO_SANDBOX',
      'BUZZCHAT_URL',
      'BUZZCHAT_API_KEY',
      'BUZZCHAT_HEADLESS',
    ]) {
      expect(top.stdout).toContain(word);
    }
    const serve = await run(['serve', '--help']);
    expect(serve.code).toBe(0);
    for (const flag of [
      '--port <port>',
      '--data-dir <dir>',
      '--practice',
      '--headless',
      '--headed',
      '--no-browser',
      'BUZZCHAT_PORT',
      'BUZZCHAT_BROWSER',
    ]) {
      expect(serve.stdout).toContain(flag);
    }
    const create = await run(['keys', 'create', '--help']);
    for (const s of ['--name <name>', '--scopes <list>', '--data-dir <dir>', 'analytics:read', 'keys:admin']) expect(create.stdout).toContain(s);
    expect((await run(['help', 'backup'])).stdout).toContain('--data-dir <dir>');
    expect((await run(['keys', 'revoke', '--help'])).stdout).toContain('<id>');
    const version = await run(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `${JSON.parse(fs.readFileSync('package.json', 'utf8')).version}\n` });
  });

  it('refuses a corrupt database with a clear message and exit code 1', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'buzzchat.db'), 'garbage'.repeat(1000));
    const r = await run(['keys', 'list', '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/corrupt/);
  });

  it('prints a refused database once, naming the newest backup', async () => {
    const dir = tempDir();
    await run(['keys', 'create', '--name', 'x', '--data-dir', dir]);
    const backupPath = lastLine(await run(['backup', '--data-dir', dir]));
    fs.writeFileSync(path.join(dir, 'buzzchat.db'), 'garbage'.repeat(1000));
    for (const f of ['-wal', '-shm']) fs.rmSync(path.join(dir, `buzzchat.db${f}`), { force: true });
    const r = await run(['keys', 'list', '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr.match(/corrupt or not a BuzzChat database/g)).toHaveLength(1);
    expect(r.stderr).toContain(`The newest backup is ${backupPath}`);
  });

  it('backs up an older database as it is, without upgrading it; refuses a folder with no database', async () => {
    const dir = tempDir();
    oldVersionDb(path.join(dir, 'buzzchat.db'), 1);
    const r = await run(['backup', '--data-dir', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/To restore it: stop BuzzChat, copy/);
    const version = (f: string) => {
      const db = new Database(f, { readonly: true });
      try {
        return db.pragma('user_version', { simple: true });
      } finally {
        db.close();
      }
    };
    expect(version(path.join(dir, 'buzzchat.db'))).toBe(1);
    expect(path.basename(lastLine(r))).toMatch(/^buzzchat-manual-.*Z\.db$/);
    expect(version(lastLine(r))).toBe(1);

    const none = tempDir();
    const missing = await run(['backup', '--data-dir', none]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nothing to back up/);
    expect(fs.existsSync(path.join(none, 'buzzchat.db'))).toBe(false);
  });

  it('serves the API with a key made by the CLI, backs up beside it without its lock, says what to do next', async () => {
    const dir = tempDir();
    const key = lastLine(await run(['keys', 'create', '--name', 'ci', '--data-dir', dir]));
    let stop!: (reason: string) => void;
    const stopped = new Promise<string>((r) => (stop = r));
    const out = { stdout: '', stderr: '' };
    const serving = main(['serve', '--port', '0', '--no-browser'], {
      env: { ...process.env, BUZZCHAT_DATA_DIR: dir },
      stdout: (t) => void (out.stdout += t),
      stderr: (t) => void (out.stderr += t),
      stop: stopped,
    });
    await expect.poll(() => out.stdout, { timeout: 20_000 }).toMatch(/Stop with Ctrl\+C/);
    const base = out.stdout.match(/BuzzChat API listening on (http:\/\/127\.0\.0\.1:\d+)/)![1]!;
    expect(out.stdout).toMatch(/Next: create an API key with `npx buzzchat keys create --name my-app`/);
    expect(out.stdout).not.toMatch(/No display/);
    const analytics = await fetch(`${base}/v1/analytics`, { headers: { authorization: `Bearer ${key}` } });
    expect(analytics.status).toBe(200);
    const copy = await run(['backup', '--data-dir', dir]);
    expect(copy.code, copy.stderr).toBe(0);
    const listed = await fetch(`${base}/api/v1/backups`, { headers: { authorization: `Bearer ${key}` } });
    expect(((await listed.json()) as { data: { backups: { file: string }[] } }).data.backups.map((b) => b.file)).toEqual([
      path.basename(lastLine(copy)),
    ]);
    expect(fs.readFileSync(path.join(dir, 'buzzchat.lock'), 'utf8').trim()).toBe(String(process.pid));
    stop('SIGTERM');
    expect(await serving).toBe(0);
    expect(out.stdout).toMatch(/Received SIGTERM, shutting down/);
  });
});

describe('serve without a display', () => {
  it('goes headless on Linux with neither DISPLAY nor WAYLAND_DISPLAY, saying so; --headed forces a window', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'darwin')).toBe(true);
    const auto = headlessMode({ practice: true }, {}, 'linux');
    expect(auto.headless).toBe(true);
    expect(auto.note).toMatch(/No display .*headless; --headed forces a window/);
    expect(headlessMode({ practice: true, headed: true }, {}, 'linux')).toEqual({ headless: false });
    expect(headlessMode({ practice: true }, { DISPLAY: ':0' }, 'linux')).toEqual({ headless: false });
    expect(headlessMode({ headless: true }, { DISPLAY: ':0' }, 'linux')).toEqual({ headless: true });
    // No browser, nothing to say about windows.
    expect(headlessMode({ browser: false }, {}, 'linux').note).toBeUndefined();
  });
});
