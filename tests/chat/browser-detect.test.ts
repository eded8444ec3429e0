import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  BROWSER_ARGS,
  BrowserNotFoundError,
  bundledBrowser,
  detectBrowser,
  removeOtherVersions,
  resolveBrowser,
  unpackBrotli,
  type BrowserProbeEnv,
  type BundledBrowser,
} from '../../src/main/domains/chat/browser.js';
import { tempDir } from '../helpers/app.js';

function fake(platform: NodeJS.Platform, files: string[], env: Record<string, string> = {}): BrowserProbeEnv {
  return { platform, env, exists: (f) => files.includes(f) };
}

describe('browser detection', () => {
  it('prefers BUZZCHAT_BROWSER, then the explicit option over it', () => {
    const p = fake('linux', ['/opt/my/chrome', '/usr/bin/chromium'], { BUZZCHAT_BROWSER: '/opt/my/chrome' });
    expect(detectBrowser(p)).toBe('/opt/my/chrome');
    expect(detectBrowser(fake('linux', ['/x/edge', '/opt/my/chrome'], { BUZZCHAT_BROWSER: '/opt/my/chrome' }), '/x/edge')).toBe('/x/edge');
  });

  it('finds Chrome before Edge before Chromium on Windows, in Program Files or LOCALAPPDATA', () => {
    const env = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\s\\AppData\\Local' };
    expect(detectBrowser(fake('win32', ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'], env))).toBe(
      'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    );
    expect(
      detectBrowser(
        fake(
          'win32',
          [
            'C:\\Users\\s\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
            'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
          ],
          env,
        ),
      ),
    ).toBe('C:\\Users\\s\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
  });

  it('finds apps in /Applications and ~/Applications on macOS', () => {
    expect(detectBrowser(fake('darwin', ['/Users/s/Applications/Chromium.app/Contents/MacOS/Chromium'], { HOME: '/Users/s' }))).toBe(
      '/Users/s/Applications/Chromium.app/Contents/MacOS/Chromium',
    );
  });

  it('finds a browser on PATH on Linux', () => {
    expect(detectBrowser(fake('linux', ['/home/s/bin/chromium-browser'], { PATH: '/usr/local/bin:/home/s/bin' }))).toBe(
      '/home/s/bin/chromium-browser',
    );
  });

  it('lists every place it looked when nothing is installed', () => {
    let err: unknown;
    try {
      detectBrowser(fake('linux', [], { PATH: '/usr/local/bin', BUZZCHAT_BROWSER: '/gone/chrome' }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BrowserNotFoundError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/BUZZCHAT_BROWSER/);
    for (const place of ['/gone/chrome', '/usr/bin/google-chrome', '/usr/bin/chromium', '/snap/bin/chromium', '/usr/local/bin/microsoft-edge']) {
      expect(msg).toContain(place);
    }
  });
});

/** A stand-in for the @sparticuz/chromium fallback that records what resolveBrowser asked of it. */
function fakeBundled(o: { supported?: boolean; installed?: boolean; unpacked?: boolean } = {}): BundledBrowser & { unpacks: number } {
  const b = {
    unpacks: 0,
    supported: o.supported ?? true,
    installed: () => o.installed ?? true,
    dir: () => '/cache/buzzchat/chromium-147.0.0',
    unpacked: () => (o.unpacked ? '/cache/buzzchat/chromium-147.0.0/chromium' : null),
    unpack: async () => {
      b.unpacks++;
      return '/cache/buzzchat/chromium-147.0.0/chromium';
    },
  };
  return b;
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: Error) => err,
  );
}

describe('resolveBrowser: the bundled fallback', () => {
  const bare = fake('linux', [], { PATH: '/usr/bin' });

  it('uses the system browser where there is one, without unpacking anything', async () => {
    const b = fakeBundled();
    expect(await resolveBrowser({ headless: true, probe: fake('linux', ['/usr/bin/chromium'], { PATH: '' }), bundled: b })).toEqual({
      path: '/usr/bin/chromium',
      bundled: false,
    });
    expect(b.unpacks).toBe(0);
  });

  it('falls back to the bundled Chromium for a headless session, saying so before the first unpack only', async () => {
    const lines: string[] = [];
    const first = await resolveBrowser({ headless: true, probe: bare, bundled: fakeBundled(), onUnpack: (l) => lines.push(l) });
    expect(first).toEqual({ path: '/cache/buzzchat/chromium-147.0.0/chromium', bundled: true });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/first start only, about 15 s/);
    await resolveBrowser({ headless: true, probe: bare, bundled: fakeBundled({ unpacked: true }), onUnpack: (l) => lines.push(l) });
    expect(lines).toHaveLength(1);
  });

  it("never stands in for a headed browser: real sites need the user's own to log in", async () => {
    const b = fakeBundled();
    const err = await rejection(resolveBrowser({ headless: false, probe: bare, bundled: b }));
    expect(err).toBeInstanceOf(BrowserNotFoundError);
    expect(err.message).toMatch(/log in/);
    expect(err.message).toMatch(/Install Google Chrome or Microsoft Edge/);
    expect(err.message).toContain('/usr/bin/google-chrome');
    expect(b.unpacks).toBe(0);
    const forced = await rejection(resolveBrowser({ headless: false, explicit: 'bundled', probe: bare, bundled: b }));
    expect(forced.message).toMatch(/headless only/);
  });

  it('says to install Chrome where the fallback does not exist (macOS, Windows, ARM) or was not installed', async () => {
    const mac = await rejection(
      resolveBrowser({ headless: true, probe: fake('darwin', [], { HOME: '/Users/s' }), bundled: fakeBundled({ supported: false }) }),
    );
    expect(mac.message).toMatch(/Linux x64 only \(this is darwin/);
    expect(mac.message).toMatch(/Install Google Chrome/);
    const missing = await rejection(resolveBrowser({ headless: true, probe: bare, bundled: fakeBundled({ installed: false }) }));
    expect(missing.message).toMatch(/@sparticuz\/chromium\) is not installed: run `npm install`/);
    expect(bundledBrowser(fake('darwin', [], {})).supported).toBe(false);
    expect(bundledBrowser({ ...fake('linux', [], {}), arch: 'arm64' }).supported).toBe(false);
  });

  it('BUZZCHAT_BROWSER=bundled forces the fallback even where a system browser exists', async () => {
    const b = fakeBundled();
    const probe = fake('linux', ['/usr/bin/chromium'], { BUZZCHAT_BROWSER: 'bundled' });
    expect(await resolveBrowser({ headless: true, probe, bundled: b })).toEqual({ path: '/cache/buzzchat/chromium-147.0.0/chromium', bundled: true });
    expect(b.unpacks).toBe(1);
    // The sync detection used before this existed never unpacks: it names what is missing instead.
    expect(() => detectBrowser({ ...probe, env: { ...probe.env, XDG_CACHE_HOME: tempDir() } })).toThrow(/not unpacked yet/);
  });
});

describe('unpacking the fallback', () => {
  it('writes an executable through a partial file: concurrent unpacks agree, nothing half-written is left', async () => {
    const dir = tempDir();
    const script = '#!/bin/sh\necho unpacked-ok\n'.repeat(2000);
    const source = path.join(dir, 'chromium.br');
    fs.writeFileSync(source, zlib.brotliCompressSync(script));
    const target = path.join(dir, 'cache', 'chromium-1.0.0', 'chromium');
    const paths = await Promise.all([unpackBrotli(source, target), unpackBrotli(source, target), unpackBrotli(source, target)]);
    expect(new Set(paths)).toEqual(new Set([target]));
    expect(fs.readFileSync(target, 'utf8')).toBe(script);
    expect(fs.statSync(target).mode & 0o111).not.toBe(0);
    expect(fs.readdirSync(path.dirname(target))).toEqual(['chromium']);
  });

  it('removes the browsers unpacked for other versions of the package, and nothing else', () => {
    const cache = tempDir();
    for (const d of ['chromium-143.0.4', 'chromium-147.0.0', 'profiles']) fs.mkdirSync(path.join(cache, d, 'sub'), { recursive: true });
    removeOtherVersions(path.join(cache, 'chromium-147.0.0'));
    expect(fs.readdirSync(cache).sort()).toEqual(['chromium-147.0.0', 'profiles']);
  });

  it('leaves no executable behind when the archive is damaged', async () => {
    const dir = tempDir();
    const source = path.join(dir, 'chromium.br');
    const whole = zlib.brotliCompressSync(crypto.randomBytes(100_000));
    // Cut short, as a damaged download would be.
    fs.writeFileSync(source, whole.subarray(0, whole.length / 2));
    const target = path.join(dir, 'out', 'chromium');
    await expect(unpackBrotli(source, target)).rejects.toThrow();
    expect(fs.readdirSync(path.dirname(target))).toEqual([]);
  });

  it('BUZZCHAT_BROWSER=bundled: the real fallback renders a page (Linux x64), or is refused by name elsewhere', async () => {
    const env = { ...process.env, BUZZCHAT_BROWSER: 'bundled' };
    const probe = { platform: process.platform, arch: process.arch, env, exists: (f: string) => fs.existsSync(f) };
    if (!bundledBrowser(probe).supported) {
      await expect(resolveBrowser({ headless: true, probe })).rejects.toThrow(/Linux x64 only/);
      return;
    }
    const choice = await resolveBrowser({ headless: true, probe });
    expect(choice.bundled).toBe(true);
    expect(choice.path).toMatch(/buzzchat[/\\]chromium-[\d.]+[/\\]chromium$/);
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'buzzchat-bundled-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: choice.path,
      headless: true,
      args: ['--no-sandbox', ...BROWSER_ARGS],
    });
    try {
      const page = await context.newPage();
      await page.setContent('<textarea></textarea><button onclick="this.textContent = document.querySelector(\'textarea\').value">Send</button>');
      await page.fill('textarea', 'hello from the fallback');
      await page.click('button');
      expect(await page.textContent('button')).toBe('hello from the fallback');
    } finally {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  });
});
