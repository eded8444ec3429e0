import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { BROWSER_ARGS, BUNDLED, bundledBrowser, detectBrowser, resolveBrowser } from '../../src/main/domains/chat/browser.js';

/**
 * The browser every test launches: BUZZCHAT_BROWSER if set (`bundled` forces the fallback), else the system
 * Chrome/Edge/Chromium, else the Chromium from @sparticuz/chromium. Synchronous for the e2e harness; the
 * bundled one is unpacked before any test file loads (tests/helpers/browser-global-setup.ts).
 */
function pickTestBrowser(): string {
  const wanted = process.env.BUZZCHAT_BROWSER;
  if (wanted && wanted !== BUNDLED) return wanted;
  if (!wanted) {
    try {
      return detectBrowser();
    } catch {
      // no system browser: the fallback below
    }
  }
  const b = bundledBrowser();
  return b.unpacked() ?? path.join(b.dir(), 'chromium');
}

export const CHROMIUM_PATH = pickTestBrowser();

/** Makes sure CHROMIUM_PATH exists (unpacks the fallback); for runs outside vitest's global setup, e.g. bench. */
export async function ensureTestBrowser(onUnpack?: (message: string) => void): Promise<string> {
  if (fs.existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  return (await resolveBrowser({ headless: true, onUnpack })).path;
}

/** The same flags the chat driver launches with; tests run as root here, so without the sandbox. */
export const CHROMIUM_ARGS = ['--no-sandbox', ...BROWSER_ARGS];

export interface TestBrowser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  /** Closes the browser and deletes its profile; safe to call twice. */
  close(): Promise<void>;
}

/** Headless Chromium (see CHROMIUM_PATH) with a fresh user-data-dir, for e2e tests. */
export async function launchTestBrowser(opts: { headless?: boolean } = {}): Promise<TestBrowser> {
  const executablePath = await ensureTestBrowser();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'buzzchat-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: opts.headless ?? true,
      args: CHROMIUM_ARGS,
    });
  } catch (err) {
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }
  let closing: Promise<void> | null = null;
  return {
    context,
    newPage: () => context.newPage(),
    close: () =>
      (closing ??= (async () => {
        await context.close().catch(() => {});
        fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
      })()),
  };
}
