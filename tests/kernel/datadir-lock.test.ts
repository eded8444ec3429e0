import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseOpenError } from '../../src/main/kernel/db/database.js';
import { startTestApp, tempDir, type TestApp } from '../helpers/app.js';

const apps: TestApp[] = [];
const children: ReturnType<typeof spawn>[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

describe('one running app per data folder', () => {
  it('refuses a second app on the same folder until the first has stopped', async () => {
    const dir = tempDir();
    const first = await startTestApp({ dataDir: dir });
    const second = startTestApp({ dataDir: dir });
    await expect(second).rejects.toThrow(DatabaseOpenError);
    await expect(second).rejects.toThrow(/in use/);
    await first.stop();
    expect(fs.existsSync(path.join(dir, 'buzzchat.lock'))).toBe(false);
    apps.push(await startTestApp({ dataDir: dir }));
  });

  it('refuses a folder held by another live process and leaves its lock alone', async () => {
    const dir = tempDir();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    children.push(other);
    fs.writeFileSync(path.join(dir, 'buzzchat.lock'), String(other.pid));
    await expect(startTestApp({ dataDir: dir })).rejects.toThrow(new RegExp(`in use by another running BuzzChat \\(pid ${other.pid}`));
    expect(fs.readFileSync(path.join(dir, 'buzzchat.lock'), 'utf8')).toBe(String(other.pid));
    expect(fs.existsSync(path.join(dir, 'buzzchat.db'))).toBe(false);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dir = tempDir();
    const gone = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => gone.on('exit', resolve));
    fs.writeFileSync(path.join(dir, 'buzzchat.lock'), String(gone.pid));
    const t = await startTestApp({ dataDir: dir });
    apps.push(t);
    expect((await t.call('GET', '/api/v1/health')).status).toBe(200);
    expect(fs.readFileSync(path.join(dir, 'buzzchat.lock'), 'utf8')).toBe(String(process.pid));
  });
});
