import { describe, expect, it } from 'vitest';
import { BrowserNotFoundError, detectBrowser, type BrowserProbeEnv } from '../../src/main/domains/chat/browser.js';

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
      detectBrowser(fake('win32', ['C:\\Users\\s\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'], env)),
    ).toBe('C:\\Users\\s\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
  });

  it('finds apps in /Applications and ~/Applications on macOS', () => {
    expect(detectBrowser(fake('darwin', ['/Users/s/Applications/Chromium.app/Contents/MacOS/Chromium'], { HOME: '/Users/s' }))).toBe(
      '/Users/s/Applications/Chromium.app/Contents/MacOS/Chromium',
    );
  });

  it('finds a browser on PATH on Linux', () => {
    expect(detectBrowser(fake('linux', ['/home/s/bin/chromium-browser'], { PATH: '/usr/local/bin:/home/s/bin' }))).toBe('/home/s/bin/chromium-browser');
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
