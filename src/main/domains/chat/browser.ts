import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

/** What detection needs from the machine; injected so tests can fake every platform. */
export interface BrowserProbeEnv {
  platform: NodeJS.Platform;
  /** CPU architecture; only the bundled fallback cares (it exists for x64). */
  arch?: string;
  env: Record<string, string | undefined>;
  exists(file: string): boolean;
}

export const realProbeEnv: BrowserProbeEnv = {
  platform: process.platform,
  arch: process.arch,
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

const INSTALL_HINT = 'Install Google Chrome or Microsoft Edge (or Chromium), or set BUZZCHAT_BROWSER to its executable.';

export class BrowserNotFoundError extends Error {
  /** @param why what else was tried, or why the bundled fallback could not stand in (first line of the message). */
  constructor(
    readonly looked: string[],
    why = '',
  ) {
    super(`No Chromium-family browser found (Chrome, Edge or Chromium). ${why ? `${why} ` : ''}${INSTALL_HINT} Looked at:\n  ${looked.join('\n  ')}`);
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

/** BUZZCHAT_BROWSER (or the browserPath option) set to this uses the bundled fallback even where a system browser exists. */
export const BUNDLED = 'bundled';

/**
 * BUZZCHAT_BROWSER first, then the usual install places of Chrome, Edge and Chromium for this OS. Synchronous, so
 * it never unpacks the bundled fallback: `bundled` resolves only once it is unpacked (see resolveBrowser).
 */
export function detectBrowser(probe: BrowserProbeEnv = realProbeEnv, explicit?: string): string {
  const looked: string[] = [];
  const first = explicit ?? probe.env.BUZZCHAT_BROWSER;
  if (first === BUNDLED) {
    const unpacked = bundledBrowser(probe).unpacked();
    if (unpacked) return unpacked;
    throw new BrowserNotFoundError([`${BUNDLED} (not unpacked yet)`], 'The bundled fallback browser is not unpacked yet.');
  }
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

export interface BrowserChoice {
  path: string;
  /** The headless fallback from the @sparticuz/chromium package, not the user's browser. */
  bundled: boolean;
}

export interface ResolveOptions {
  /** A headed browser is for real sites (the seller logs in): the headless-only fallback never stands in for one. */
  headless: boolean;
  /** browserPath option; otherwise BUZZCHAT_BROWSER. `bundled` forces the fallback. */
  explicit?: string;
  probe?: BrowserProbeEnv;
  bundled?: BundledBrowser;
  /** Called before a first, slow unpack, with a line to show the user. */
  onUnpack?: (message: string) => void;
}

/**
 * The user's Chrome, Edge or Chromium where there is one; otherwise, for a headless session on Linux x64, the
 * Chromium inside the optional npm package @sparticuz/chromium (unpacked once into the user's cache folder).
 */
export async function resolveBrowser(o: ResolveOptions): Promise<BrowserChoice> {
  const probe = o.probe ?? realProbeEnv;
  const bundled = o.bundled ?? bundledBrowser(probe);
  const forced = (o.explicit ?? probe.env.BUZZCHAT_BROWSER) === BUNDLED;
  let looked: string[] = [];
  if (!forced) {
    try {
      return { path: detectBrowser(probe, o.explicit), bundled: false };
    } catch (err) {
      if (!(err instanceof BrowserNotFoundError)) throw err;
      looked = err.looked;
    }
  }
  if (!o.headless) {
    throw new BrowserNotFoundError(
      looked,
      "Real sites open in your own browser, in a window, so that you can log in; BuzzChat's bundled fallback Chromium runs headless only (practice stream and tests).",
    );
  }
  if (!bundled.supported)
    throw new BrowserNotFoundError(
      looked,
      `The bundled fallback Chromium exists for Linux x64 only (this is ${probe.platform} ${probe.arch ?? ''}).`,
    );
  if (!bundled.installed()) {
    throw new BrowserNotFoundError(
      looked,
      'The bundled fallback Chromium (the optional npm package @sparticuz/chromium) is not installed: run `npm install`.',
    );
  }
  if (!bundled.unpacked()) o.onUnpack?.(`Unpacking the bundled Chromium into ${bundled.dir()} (first start only, about 15 s)...`);
  return { path: await bundled.unpack(), bundled: true };
}

/** The fallback browser shipped in @sparticuz/chromium: a brotli-compressed headless Chromium for Linux x64. */
export interface BundledBrowser {
  supported: boolean;
  installed(): boolean;
  /** Where this version unpacks to. */
  dir(): string;
  /** The executable if this version is unpacked already, else null. */
  unpacked(): string | null;
  unpack(): Promise<string>;
}

const unpacking = new Map<string, Promise<string>>();

export function bundledBrowser(probe: BrowserProbeEnv = realProbeEnv): BundledBrowser {
  const supported = probe.platform === 'linux' && (probe.arch ?? process.arch) === 'x64';
  const pkg = supported ? bundledPackage() : null;
  const cache = probe.env.XDG_CACHE_HOME || (probe.env.HOME ? path.join(probe.env.HOME, '.cache') : os.tmpdir());
  // Versioned: an upgraded package never runs the previous version's browser.
  const dir = () => path.join(cache, 'buzzchat', `chromium-${pkg?.version ?? 'none'}`);
  const exe = () => path.join(dir(), 'chromium');
  return {
    supported,
    installed: () => pkg !== null,
    dir,
    unpacked: () => (pkg && probe.exists(exe()) ? exe() : null),
    unpack: async () => {
      if (!pkg) throw new Error('@sparticuz/chromium is not installed');
      const target = exe();
      if (probe.exists(target)) return target;
      // One unpack per process; other processes racing it each write their own partial file (see unpackBrotli).
      let p = unpacking.get(target);
      if (!p) {
        p = unpackBrotli(path.join(pkg.dir, 'bin', 'chromium.br'), target)
          .then((exe) => (removeOtherVersions(dir()), exe))
          .finally(() => unpacking.delete(target));
        unpacking.set(target, p);
      }
      return p;
    },
  };
}

function bundledPackage(): { dir: string; version: string } | null {
  try {
    // The package exports only its entry (build/index.js, or build/cjs/index.cjs in older versions): walk up to
    // its package.json, beside which bin/ holds the compressed browser.
    let dir = path.dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium'));
    for (;;) {
      const manifest = path.join(dir, 'package.json');
      if (fs.existsSync(manifest)) {
        const { name, version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; version: string };
        if (name === '@sparticuz/chromium') return fs.existsSync(path.join(dir, 'bin', 'chromium.br')) ? { dir, version } : null;
      }
      if (path.dirname(dir) === dir) return null;
      dir = path.dirname(dir);
    }
  } catch {
    return null;
  }
}

/** After an upgrade, the previous versions' 200 MB unpacked browsers are of no further use. */
export function removeOtherVersions(current: string): void {
  const parent = path.dirname(current);
  for (const name of fs.readdirSync(parent)) {
    if (name.startsWith('chromium-') && name !== path.basename(current)) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

/**
 * Decompresses into a file of its own, then renames it into place: a concurrent or interrupted unpack never
 * leaves a half-written executable where the next start would run it (the package's own executablePath()
 * writes /tmp/chromium in place, shared by every user and version).
 */
export async function unpackBrotli(source: string, target: string): Promise<string> {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.${Date.now()}.partial`;
  try {
    await pipeline(fs.createReadStream(source), zlib.createBrotliDecompress(), fs.createWriteStream(partial, { mode: 0o755 }));
    fs.renameSync(partial, target);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return target;
}
