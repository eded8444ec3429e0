import { bundledBrowser, resolveBrowser } from '../../src/main/domains/chat/browser.js';

/**
 * Unpacks the bundled fallback Chromium once, before any test file loads: test files run in parallel workers
 * and would otherwise each unpack 200 MB at once. Unpacked even where a system browser exists, for the test
 * that forces the fallback (BUZZCHAT_BROWSER=bundled).
 */
export default async function setup(): Promise<void> {
  const started = Date.now();
  const log = (line: string) => console.log(line);
  const bundled = bundledBrowser();
  if (bundled.supported && bundled.installed() && !bundled.unpacked()) {
    log(`Unpacking the bundled Chromium into ${bundled.dir()} (first run only, about 15 s)...`);
    await bundled.unpack();
  }
  try {
    const choice = await resolveBrowser({ headless: true, onUnpack: log });
    log(`Browser for the tests: ${choice.path}${choice.bundled ? ` (bundled fallback, ready in ${Date.now() - started} ms)` : ''}`);
  } catch (err) {
    // Tests that need no browser still run; the ones that do fail with this message.
    log((err as Error).message);
  }
}
