import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/kernel/db/database.js';
import { createLogger, LOG_DIR_NAME, LOG_ROTATION, shellLogger, type AppLogger } from '../../src/main/kernel/app-logger.js';
import { ApiKeyService } from '../../src/main/domains/apikeys/service.js';
import { ApiKeyStore } from '../../src/main/domains/apikeys/store.js';
import { systemClock } from '../../src/main/kernel/clock.js';
import { tempDir } from '../helpers/app.js';
import { waitUntil } from '../helpers/wait.js';
import { readOnlyFolder, realSqliteError, unmountAll } from './storage-fixtures.js';

const open: AppLogger[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const l of open.splice(0)) await l.close();
  for (const c of cleanups.splice(0)) c();
  unmountAll();
});

async function logger(options: Parameters<typeof createLogger>[0] = {}): Promise<AppLogger & { terminal: string[] }> {
  const terminal: string[] = [];
  const l = await createLogger({ terminal: { write: (t) => terminal.push(t) }, ...options });
  open.push(l);
  return Object.assign(l, { terminal });
}

function records(dataDir: string): Record<string, any>[] {
  const dir = path.join(dataDir, LOG_DIR_NAME);
  return fs
    .readdirSync(dir)
    .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]))
    .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean))
    .map((l) => JSON.parse(l));
}

/** "run 1 line 7" -> 107, the order lines were written in. */
const order = (msg: string) => {
  const [, run, line] = /run (\d+) line (\d+)/.exec(msg)!;
  return Number(run) * 100 + Number(line);
};

/** Real secrets, made the way the app makes them: an API key and the dashboard's session token. */
function realSecrets(): { key: string; session: string } {
  const keys = new ApiKeyService(new ApiKeyStore(openDatabase(':memory:')), systemClock);
  return { key: keys.create('log test').key, session: keys.sessionToken };
}

describe('the log', () => {
  it('writes JSON lines to <dataDir>/logs and readable lines to the terminal, errors with their stack', async () => {
    const dataDir = tempDir();
    const log = await logger({ dataDir });
    log.info('Webhooks: pruned', 3, 'old deliveries');
    log.warn('Chat of acc_1 lost (page closed); restarting in 1000 ms');
    log.error('Bot tick failed for acc_1:', new TypeError('boom'));
    await log.close();
    expect(log.file).toBe(path.join(dataDir, 'logs', 'buzzchat.1.log'));
    const [info, warn, error] = records(dataDir);
    expect(info).toMatchObject({ level: 30, msg: 'Webhooks: pruned 3 old deliveries', pid: process.pid });
    expect(new Date(info!.time).toISOString()).toBe(info!.time);
    expect(warn).toMatchObject({ level: 40, msg: 'Chat of acc_1 lost (page closed); restarting in 1000 ms' });
    expect(error).toMatchObject({ level: 50, msg: 'Bot tick failed for acc_1:', err: { type: 'TypeError', message: 'boom' } });
    expect(error!.err.stack).toMatch(/^TypeError: boom\n\s+at /);
    const shown = log.terminal.join('');
    expect(shown).toMatch(/INFO: Webhooks: pruned 3 old deliveries\n/);
    expect(shown).toMatch(/ERROR: Bot tick failed for acc_1: ?\n\s+err: \{\n\s+"type": "TypeError"/);
    // Plain (not a terminal): no color codes.
    // eslint-disable-next-line no-control-regex -- ESC starts every terminal color code.
    expect(shown).not.toMatch(/\u001b\[/);
  });

  it('colors the terminal lines when pretty', async () => {
    const log = await logger({ pretty: true });
    log.warn('careful');
    // eslint-disable-next-line no-control-regex -- ESC starts every terminal color code.
    expect(log.terminal.join('')).toMatch(/\u001b\[\d+mWARN\u001b\[\d+m.*careful/);
  });

  it('keeps keys, tokens and secrets out of the file and the terminal', async () => {
    const dataDir = tempDir();
    const { key, session } = realSecrets();
    const log = await logger({ dataDir });
    log.info(`Dashboard: http://127.0.0.1:3847/#token=${session}`);
    log.warn(`Rejected GET /api/v1/settings?api_key=${key}&account=a`);
    log.error('Webhook test failed:', new Error(`upstream said Authorization: Bearer ${key} was refused; signed with whsec_c2VjcmV0c2VjcmV0`));
    log.info('Created', {
      name: 'ci',
      apiKey: key,
      headers: { authorization: `Bearer ${key}` },
      webhook: { secret: 'whsec_abc', url: 'https://example.com/h' },
      note: `copy ${key} now`,
    });
    log.info('Login', { user: { password: 'hunter2', token: 't0ken' } });
    await log.close();
    const file = fs.readFileSync(log.file!, 'utf8');
    for (const out of [file, log.terminal.join('')]) {
      for (const secret of [key, key.slice(8), session, session.slice(11), 'c2VjcmV0c2VjcmV0', 'whsec_abc', 'hunter2', 't0ken'])
        expect(out).not.toContain(secret);
    }
    const [dash, rejected, failed, created, login] = records(dataDir);
    expect(dash!.msg).toBe('Dashboard: http://127.0.0.1:3847/#token=[redacted]');
    expect(rejected!.msg).toBe('Rejected GET /api/v1/settings?api_key=[redacted]&account=a');
    expect(failed!.err.message).toBe('upstream said Authorization: Bearer [redacted] was refused; signed with whsec_[redacted]');
    expect(failed!.err.stack).toContain('Bearer [redacted]');
    expect(created).toMatchObject({
      name: 'ci',
      apiKey: '[redacted]',
      headers: { authorization: '[redacted]' },
      webhook: { secret: '[redacted]', url: 'https://example.com/h' },
      note: 'copy bz_live_[redacted] now',
    });
    expect(login).toMatchObject({ user: { password: '[redacted]', token: '[redacted]' } });
  });

  it('logs a full disk once a minute in plain words, without a stack per failure', async () => {
    const dataDir = tempDir();
    const log = await logger({ dataDir });
    const full = realSqliteError('full');
    for (let i = 0; i < 25; i++) log.error(`Chat line listener failed:`, full);
    log.error('Send queue failed:', realSqliteError('read-only'));
    await log.close();
    const lines = records(dataDir);
    expect(lines.map((l) => l.msg)).toEqual([
      'Chat line listener failed: the disk is full (SQLITE_FULL: database or disk is full)',
      'Send queue failed: the data folder is read-only (SQLITE_READONLY: attempt to write a readonly database)',
    ]);
    expect(lines.every((l) => l.err === undefined)).toBe(true);
  });

  it('filters by level and reads the level from BUZZCHAT_LOG_LEVEL', async () => {
    const dataDir = tempDir();
    const shown: string[] = [];
    const log = await shellLogger(dataDir, { BUZZCHAT_LOG_LEVEL: 'ERROR' }, { write: (t) => shown.push(t) });
    open.push(log);
    log.info('not this');
    log.warn('nor this');
    log.error('this');
    await log.close();
    expect(records(dataDir).map((l) => l.msg)).toEqual(['this']);
    expect(shown).toEqual([expect.stringMatching(/^\[[\d:.]+\] ERROR: this\n$/)]);
  });

  it('rotates past the size limit and keeps that many files in all, across restarts', async () => {
    expect(LOG_ROTATION).toEqual({ size: '10m', keep: 5 });
    const dataDir = tempDir();
    const dir = path.join(dataDir, LOG_DIR_NAME);
    const line = 'x'.repeat(200);
    for (let run = 0; run < 2; run++) {
      const log = await logger({ dataDir, rotate: { size: '1k', keep: 3 } });
      for (let i = 0; i < 30; i++) {
        log.info(`run ${run} line ${i} ${line}`);
        // A file is switched after the write that passes the limit has drained: give it that turn.
        await new Promise((r) => setImmediate(r));
      }
      await waitUntil(() => expect(fs.readdirSync(dir).length).toBeLessThanOrEqual(3));
      await log.close();
    }
    const files = fs.readdirSync(dir).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
    expect(files).toHaveLength(3);
    for (const f of files) expect(f).toMatch(/^buzzchat\.\d+\.log$/);
    // Numbering goes on from the highest file, so the files in order hold the newest lines in order; the
    // oldest files were removed.
    expect(Number(files[2]!.split('.')[1])).toBeGreaterThan(6);
    for (const f of files) expect(fs.statSync(path.join(dir, f)).size).toBeLessThan(1024 + 400);
    const kept = records(dataDir).map((l) => l.msg.split(' x')[0]);
    expect(kept.at(-1)).toBe('run 1 line 29');
    expect(kept).not.toContain('run 0 line 0');
    expect(kept).toEqual([...kept].sort((a, b) => order(a) - order(b)));
  });

  it('logs to the terminal only, saying why, when the data folder is read-only', async () => {
    const ro = readOnlyFolder();
    cleanups.push(ro.restore);
    const log = await logger({ dataDir: ro.dir });
    log.info('still here');
    expect(log.file).toBeNull();
    const shown = log.terminal.join('');
    expect(shown).toMatch(
      ro.how === 'chmod'
        ? /WARN: Logging to the terminal only: BuzzChat has no permission to write in its data folder/
        : new RegExp(`WARN: Logging to the terminal only: The data folder ${ro.dir} is read-only, so BuzzChat cannot write its log file\\.`),
    );
    expect(shown).toContain('INFO: still here');
  });
});
