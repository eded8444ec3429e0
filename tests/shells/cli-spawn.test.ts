import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledBrowser } from '../../src/main/domains/chat/browser.js';
import { CHROMIUM_PATH } from '../helpers/browser.js';
import { tempDir } from '../helpers/app.js';

// The few things only a real process shows: the built launcher, signals, and `serve --practice` on a machine
// without a display. Everything else runs in-process in cli.test.ts. npm test builds before running vitest.
const BIN = path.resolve('bin/buzzchat.js');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function start(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Bare module names a built file loads, following its relative chunks: static imports only, or dynamic ones too. */
function importsOf(file: string, dynamic = false, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(file)) return names;
  seen.add(file);
  const code = fs.readFileSync(file, 'utf8');
  // `export ... from` too: a chunk that is also imported dynamically may be a facade re-exporting another chunk.
  const pattern = dynamic
    ? /^(?:import|export)\s[^;]*?from\s*"([^"]+)"|^import\s*"([^"]+)"|import\("([^"]+)"\)/gm
    : /^(?:import|export)\s[^;]*?from\s*"([^"]+)"|^import\s*"([^"]+)"/gm;
  for (const m of code.matchAll(pattern)) {
    const spec = (m[1] ?? m[2] ?? m[3])!;
    if (spec.startsWith('.')) for (const n of importsOf(path.resolve(path.dirname(file), spec), dynamic, seen)) names.add(n);
    else names.add(spec);
  }
  return names;
}

describe('buzzchat as a process', () => {
  it('loads neither Express, the MCP SDK nor playwright-core before a command needs them', () => {
    const cli = path.resolve('out/main/cli.js');
    const upFront = [...importsOf(cli)];
    expect(upFront).toContain('commander');
    for (const heavy of ['express', 'playwright-core', '@modelcontextprotocol/sdk', 'pino'])
      expect(upFront.filter((n) => n.startsWith(heavy))).toEqual([]);
    // serve loads them when it runs: the check above would see them if they were loaded up front.
    const serveChunk = fs.readFileSync(cli, 'utf8').match(/import\("(\.\/chunks\/serve-[^"]+)"\)/)![1]!;
    const forServe = [...importsOf(path.resolve(path.dirname(cli), serveChunk), true)];
    for (const heavy of ['express', 'playwright-core']) expect(forServe).toContain(heavy);
  });

  it('serves with the built launcher and shuts down cleanly on SIGTERM', async () => {
    const dir = tempDir();
    const s = start([BIN, 'serve', '--port', '0', '--no-browser', '--data-dir', dir], { ...process.env });
    await expect.poll(s.output, { timeout: 30_000 }).toMatch(/Stop with Ctrl\+C/);
    const base = s.output().match(/BuzzChat API listening on (http:\/\/127\.0\.0\.1:\d+)/)![1]!;
    expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(s.output()).toMatch(/Received SIGTERM, shutting down/);
  });

  it('serve --practice with no display goes headless, says so, and reports the practice chat connected (from source)', async () => {
    const dir = tempDir();
    // Forced onto the bundled Chromium where it exists (Linux x64), so the fallback runs even beside a system browser.
    const browser = bundledBrowser().supported ? 'bundled' : CHROMIUM_PATH;
    const env = { ...process.env, BUZZCHAT_BROWSER: browser, DISPLAY: '', WAYLAND_DISPLAY: '' };
    const s = start(['--import', 'tsx', 'src/main/shells/cli/index.ts', 'serve', '--practice', '--port', '0', '--data-dir', dir], env);
    await expect.poll(s.output, { timeout: 60_000 }).toMatch(/Practice chat connected/);
    const out = s.output();
    if (process.platform === 'linux') expect(out).toMatch(/No display \(DISPLAY and WAYLAND_DISPLAY are unset\): the browser runs headless/);
    if (browser === 'bundled') expect(out).toMatch(/practice chat runs in the bundled headless Chromium/);
    expect(out).toMatch(/Practice stream: http:\/\/127\.0\.0\.1:\d+\/practice\//);
    // The bot answers the simulated viewers (welcomes, FAQ replies): its messages come back as sent, that is seen
    // in the practice chat.
    const [, base, token] = out.match(/Dashboard: (http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)/)!;
    await expect
      .poll(
        async () => {
          const res = await fetch(`${base}/api/v1/messages?status=sent`, { headers: { authorization: `Bearer ${token}` } });
          return ((await res.json()) as { data: { messages: unknown[] } }).data.messages.length;
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    // SIGTERM: on SIGINT playwright-core's own handler (handleSIGINT, on by default) exits with 130 once it has
    // closed the browser, cutting the app's shutdown short.
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  }, 90_000);
});
