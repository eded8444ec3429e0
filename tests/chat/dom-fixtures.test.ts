import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INGEST_BINDING, pageScriptConfig, pageScriptSource, type PagePayload } from '../../src/main/domains/chat/page-script.js';
import { builtinProfile } from '../../src/main/domains/chat/profiles.js';
import { launchTestBrowser, type TestBrowser } from '../helpers/browser.js';

/**
 * The real ingest script of each built-in profile on chat markup from the live sites (saved pages where public ones
 * exist, otherwise markup reconstructed from maintained scrapers; tests/fixtures/dom/<platform>/SOURCE.md says which).
 * Each fixture lists, in expected.json, what a person sees per row: that is what the profile must read.
 */
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/dom');

interface ExpectedRow {
  kind: 'message' | 'join';
  username: string;
  text: string;
}

function expectedFor(platform: string): Record<string, ExpectedRow[]> {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, platform, 'expected.json'), 'utf8')) as Record<string, ExpectedRow[]>;
}

let browser: TestBrowser;
beforeAll(async () => {
  browser = await launchTestBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Serves the fixture as a real navigation (the init script runs as on the site) and returns the rows the script
 * reported when it attached to the chat container. Attaching parses every row already in the container and sends
 * them with the attach notice, so that one payload holds all the rows the profile can read (a row it cannot read
 * waits for a mutation that never comes here); no attach within 5 s means no container matched.
 * Also returns which selector matched per role, to say why when the rows differ.
 */
async function ingest(platform: string, html: string): Promise<{ rows: ExpectedRow[]; probe: unknown }> {
  const profile = builtinProfile(platform);
  const ctx = await browser.context.browser()!.newContext();
  try {
    const payloads: PagePayload[] = [];
    await ctx.exposeBinding(INGEST_BINDING, (_src, p: PagePayload) => void payloads.push(p));
    await ctx.addInitScript({ content: pageScriptSource(pageScriptConfig(profile)) });
    await ctx.route('http://fixture.test/**', (route) => void route.fulfill({ contentType: 'text/html', body: html }));
    const page = await ctx.newPage();
    // YouTube's profile only runs in the live_chat frame: serve the fixture at such a URL.
    await page.goto(profile.frameUrlPattern ? 'http://fixture.test/live_chat?v=fixture' : 'http://fixture.test/');
    const end = Date.now() + 5000;
    while (!payloads.some((p) => p.attached) && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    const probe = await page.evaluate(() => (window as unknown as { __bcProbe?: () => unknown }).__bcProbe?.() ?? null);
    const rows = payloads.flatMap((p) => p.rows).map((r) => ({ kind: r.kind, username: r.username, text: r.text }));
    return { rows, probe };
  } finally {
    await ctx.close();
  }
}

for (const platform of ['whatnot', 'youtube', 'twitch', 'kick', 'ebay']) {
  describe(`${platform} chat markup`, () => {
    for (const [file, expected] of Object.entries(expectedFor(platform))) {
      it(`${file}: each row's name and text as a person reads them`, async () => {
        const { rows, probe } = await ingest(platform, fs.readFileSync(path.join(FIXTURES, platform, file), 'utf8'));
        expect(rows, `selectors matched: ${JSON.stringify(probe)}`).toEqual(expected);
      });
    }
  });
}
