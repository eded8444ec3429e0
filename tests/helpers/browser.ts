import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { BROWSER_ARGS } from '../../src/main/domains/chat/browser.js';

export const CHROMIUM_PATH = process.env.BUZZCHAT_BROWSER ?? '/usr/bin/chromium';

/** The same flags the chat driver launches with; tests run as root here, so without the sandbox. */
export const CHROMIUM_ARGS = ['--no-sandbox', ...BROWSER_ARGS];

export interface TestBrowser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  /** Closes the browser and deletes its profile; safe to call twice. */
  close(): Promise<void>;
}

/** Headless Debian Chromium with a fresh user-data-dir, for e2e tests. */
export async function launchTestBrowser(opts: { headless?: boolean } = {}): Promise<TestBrowser> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'buzzchat-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
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
