import fs from 'node:fs';
import path from 'node:path';

/** What detection needs from the machine; injected so tests can fake every platform. */
export interface BrowserProbeEnv {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  exists(file: string): boolean;
}

export const realProbeEnv: BrowserProbeEnv = {
  platform: process.platform,
  env: process.env,
  exists: (f) => {
    try {
      return fs.statSync(f).isFile();
    } catch {
      return false;
    }
  },
};

/** Flags for an automated, quiet Chromium (no sync, no updater, no first-run UI). */
export const BROWSER_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // A busy chat in a background window must keep its timers and observers running at full speed.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/**
 * The seller browses real sites in this browser, so Chromium's sandbox stays on. It is turned off only where
 * Chromium cannot start with it: as root on Linux (CI, containers), or when BUZZCHAT_NO_SANDBOX=1.
 */
export function useChromiumSandbox(env: Record<string, string | undefined> = process.env): boolean {
  if (env.BUZZCHAT_NO_SANDBOX === '1') return false;
  return !(process.platform === 'linux' && process.getuid?.() === 0);
}

export class BrowserNotFoundError extends Error {
  constructor(readonly looked: string[]) {
    super(
      `No Chromium-family browser found (Chrome, Edge or Chromium). Install one or set BUZZCHAT_BROWSER to its executable. Looked at:\n  ${looked.join('\n  ')}`,
    );
    this.name = 'BrowserNotFoundError';
  }
}

function candidatePaths(p: BrowserProbeEnv): string[] {
  const e = p.env;
  if (p.platform === 'win32') {
    const roots = [e.PROGRAMFILES ?? 'C:\\Program Files', e['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', e.LOCALAPPDATA].filter(
      (r): r is string => !!r,
    );
    const rel = [
      'Google\\Chrome\\Application\\chrome.exe',
      'Microsoft\\Edge\\Application\\msedge.exe',
      'Chromium\\Application\\chrome.exe',
      'BraveSoftware\\Brave-Browser\\Application\\brave.exe',
    ];
    return rel.flatMap((r) => roots.map((root) => path.win32.join(root, r)));
  }
  if (p.platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      'Chromium.app/Contents/MacOS/Chromium',
      'Brave Browser.app/Contents/MacOS/Brave Browser',
    ];
    const roots = ['/Applications', e.HOME ? path.posix.join(e.HOME, 'Applications') : null].filter((r): r is string => !!r);
    return apps.flatMap((a) => roots.map((r) => path.posix.join(r, a)));
  }
  const names = ['google-chrome', 'google-chrome-stable', 'chromium', 'chromium-browser', 'microsoft-edge', 'microsoft-edge-stable', 'brave-browser'];
  const fixed = [
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge',
    '/opt/microsoft/msedge/msedge',
    '/usr/bin/brave-browser',
  ];
  // `which`: every name in every PATH directory, after the well-known places.
  const dirs = (e.PATH ?? '').split(':').filter((d) => d.length > 0);
  const onPath = dirs.flatMap((d) => names.map((n) => path.posix.join(d, n)));
  return [...new Set([...fixed, ...onPath])];
}

/** BUZZCHAT_BROWSER first, then the usual install places of Chrome, Edge and Chromium for this OS. */
export function detectBrowser(probe: BrowserProbeEnv = realProbeEnv, explicit?: string): string {
  const looked: string[] = [];
  const first = explicit ?? probe.env.BUZZCHAT_BROWSER;
  if (first) {
    if (probe.exists(first)) return first;
    looked.push(`${first} (${explicit ? 'browserPath option' : 'BUZZCHAT_BROWSER'}; not found)`);
  }
  for (const c of candidatePaths(probe)) {
    if (probe.exists(c)) return c;
    looked.push(c);
  }
  throw new BrowserNotFoundError(looked);
}
