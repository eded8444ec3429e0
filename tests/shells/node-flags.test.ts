import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';

// bin/ is plain JavaScript run by Node itself (no types): loaded by path.
const flags = (await import(pathToFileURL(path.resolve('bin/node-flags.js')).href)) as {
  CORE_V8_FLAGS: string[];
  CORE_ENV: Record<string, string>;
  missingCoreFlags(execArgv: string[], nodeOptions: string): string[];
  missingCoreEnv(env: Record<string, string | undefined>): Record<string, string>;
};

describe('the core flags', () => {
  it('adds only what the user did not set, on the command line or in NODE_OPTIONS (either spelling)', () => {
    expect(flags.missingCoreFlags([], '')).toEqual(flags.CORE_V8_FLAGS);
    expect(flags.missingCoreFlags(['--max-semi-space-size=8'], '')).toEqual(['--optimize-for-size']);
    expect(flags.missingCoreFlags([], '--inspect --max_semi_space_size=4')).toEqual(['--optimize-for-size']);
    expect(flags.missingCoreFlags(flags.CORE_V8_FLAGS, '')).toEqual([]);
    expect(flags.missingCoreEnv({})).toEqual(flags.CORE_ENV);
    expect(flags.missingCoreEnv({ MALLOC_ARENA_MAX: '4' })).toEqual({});
  });

  const dir = tempDir('buzzchat-flags-');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('`serve` restarts itself with them under the same pid, as the footprint bench measures it', async () => {
    const env = { ...process.env };
    delete env.MALLOC_ARENA_MAX;
    delete env.NODE_OPTIONS;
    const child = spawn(process.execPath, [path.resolve('bin/buzzchat.js'), 'serve', '--port', '0', '--no-browser', '--data-dir', dir], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise((r) => child.on('exit', r));
    try {
      await expect.poll(() => out, { timeout: 30_000 }).toMatch(/listening on http/);
      const cmdline = fs.readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
      expect(cmdline.slice(1, 1 + flags.CORE_V8_FLAGS.length)).toEqual(flags.CORE_V8_FLAGS);
      expect(fs.readFileSync(`/proc/${child.pid}/environ`, 'utf8').split('\0')).toContain(`MALLOC_ARENA_MAX=${flags.CORE_ENV.MALLOC_ARENA_MAX}`);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
