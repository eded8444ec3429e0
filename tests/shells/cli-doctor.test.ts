import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main/shells/cli/index.js';
import type { SiteReport } from '../../src/shared/contract/chat-diagnosis.js';
import { chatModule } from '../../src/main/domains/chat/domain.js';
import { startTestApp, tempDir, type TestApp } from '../helpers/app.js';
import { startChatHarness, type ChatHarness } from '../e2e/chat-harness.js';

/** `buzzchat doctor` in-process against running test apps: one with no chat page, one on the practice stream in Chromium. */
async function run(args: string[], env: Record<string, string | undefined> = {}) {
  const r = { stdout: '', stderr: '' };
  const code = await main(['doctor', ...args], {
    env: { ...process.env, BUZZCHAT_URL: undefined, BUZZCHAT_API_KEY: undefined, BUZZCHAT_PORT: undefined, ...env },
    stdout: (t) => void (r.stdout += t),
    stderr: (t) => void (r.stderr += t),
  });
  return { code, ...r };
}

async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('buzzchat doctor without a chat page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ modules: (s) => [chatModule(s, { noBrowser: true })] });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('puts the problem first with its fix and exits 1', async () => {
    const r = await run(['--url', t.app.baseUrl, '--api-key', t.key]);
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^BuzzChat doctor: \w+ chat of account acc_\w+: not connected/);
    expect(lines[2]).toBe('1 problem:');
    expect(lines[3]).toMatch(/^ {2}ERROR: Not connected/);
    expect(lines[4]).toMatch(/^ {4}Fix: Connect the chat/);
  });

  it('prints the raw diagnosis with --json, reading the URL and key from the environment', async () => {
    const r = await run(['--json'], { BUZZCHAT_URL: `${t.app.baseUrl}/api/v1`, BUZZCHAT_API_KEY: t.key });
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout);
    expect(d).toMatchObject({ connected: false, healthy: false, problems: [{ code: 'not-connected', severity: 'error' }] });
  });

  it('exits 2 with what to do: no key, a refused key, a key without chat:read, an unknown account, no app, a bad URL', async () => {
    const noKey = await run(['--url', t.app.baseUrl]);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/--api-key KEY or set BUZZCHAT_API_KEY/);
    expect(noKey.stderr).toMatch(/buzzchat keys create --name doctor --scopes chat:read/);
    const bad = await run(['--url', t.app.baseUrl, '--api-key', 'bz_live_nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/refused the API key/);
    const { key } = t.app.services.keys.create('no chat', ['analytics:read']);
    const scope = await run(['--url', t.app.baseUrl, '--api-key', key]);
    expect(scope.code).toBe(2);
    expect(scope.stderr).toMatch(/chat:read/);
    const account = await run(['--url', t.app.baseUrl, '--api-key', t.key, '--account', 'acc_nope']);
    expect(account.code).toBe(2);
    expect(account.stderr).toMatch(/leave out --account/);
    const port = await closedPort();
    const off = await run(['--api-key', t.key], { BUZZCHAT_PORT: String(port) });
    expect(off.code).toBe(2);
    expect(off.stderr).toMatch(new RegExp(`BuzzChat is not running at http://127\\.0\\.0\\.1:${port}`));
    expect((await run(['--url', 'ftp://x', '--api-key', t.key])).code).toBe(2);
    const bare = await startTestApp();
    try {
      const old = await run(['--url', bare.app.baseUrl, '--api-key', bare.key]);
      expect(old.code).toBe(2);
      expect(old.stderr).toMatch(/has no chat diagnosis/);
    } finally {
      await bare.stop();
    }
  });

  it('is in the help', async () => {
    const out = { text: '' };
    await main(['doctor', '--help'], { env: process.env, stdout: (s) => void (out.text += s), stderr: () => {} });
    for (const s of ['--account <id>', '--url <url>', '--api-key <key>', '--json', '--report <file>', 'BUZZCHAT_API_KEY'])
      expect(out.text).toContain(s);
  });
});

describe('buzzchat doctor on the practice stream', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await startChatHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('says the chat is read, shows the details and exits 0; --report saves a masked site report', async () => {
    await h.inject('doctor_cli_viewer', 'hello from the cli test');
    await h.waitFor('the line', () => h.lines.some((l) => l.username === 'doctor_cli_viewer'));
    const file = path.join(tempDir(), 'report.json');
    const r = await run(['--url', h.t.app.baseUrl, '--api-key', h.t.key, '--report', file]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('No problems: BuzzChat reads this chat.');
    expect(r.stdout).toMatch(/^ {2}chatContainer +\[data-testid="virtuoso-item-list"\]$/m);
    expect(r.stdout).toMatch(/^Chat rows on the page: \d+ in the list, \d+ read, 0 without a username, 0 without a text$/m);
    expect(r.stdout).toMatch(/^Data stream, last minute: \d+ frames \(.*message \d+/m);
    expect(r.stdout).toMatch(/^ {2}(wire|dom) +\d\d:\d\d:\d\d {2}doctor_cli_viewer: hello from the cli test$/m);
    expect(r.stdout).toMatch(new RegExp(`Site report saved to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ KB\\)`));
    const report: SiteReport = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(report.format).toBe('buzzchat-site-report/1');
    expect(fs.readFileSync(file, 'utf8')).not.toMatch(/doctor_cli_viewer|hello from the cli test/i);
  });
});
