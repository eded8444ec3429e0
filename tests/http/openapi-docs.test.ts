import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { launchTestBrowser, type TestBrowser } from '../helpers/browser.js';

let t: TestApp;
let browser: TestBrowser;
beforeAll(async () => {
  t = await startTestApp();
  browser = await launchTestBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('API reference page (Scalar, served locally)', () => {
  it('serves the page under a CSP that allows only its own scripts, and the bundle itself', async () => {
    const res = await fetch(`${t.app.baseUrl}/api/v1/docs`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/connect-src 'self'/);
    expect(csp).not.toMatch(/https?:|unsafe-eval/);
    const html = await res.text();
    expect(html).toContain('<script src="/api/v1/docs/scalar.js">');
    expect(html).not.toMatch(/<script>(?!<\/script>)/); // no inline script
    const bundle = await fetch(`${t.app.baseUrl}/api/v1/docs/scalar.js`);
    expect(bundle.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await bundle.text()).length).toBeGreaterThan(1_000_000);
    const init = await (await fetch(`${t.app.baseUrl}/v1/docs/init.js`)).text();
    expect(init).toContain('"url":"/v1/openapi.json"');
    expect(init).toContain('"withDefaultFonts":false');
  });

  // Scalar parses a document of a few hundred KB in a second or more: a loaded machine needs the minute.
  it(
    'renders the operations in headless Chromium with no CSP violation, no console error and nothing fetched off 127.0.0.1',
    { timeout: 60_000 },
    async () => {
      const page = await browser.newPage();
      const requests: string[] = [];
      const problems: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      // Nothing leaves the machine: a request elsewhere is answered here, so the test neither waits nor leaks.
      await page.route(
        (url) => url.hostname !== '127.0.0.1',
        (route) => route.abort('blockedbyclient'),
      );
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
      });
      await page.goto(`${t.app.baseUrl}/api/v1/docs`);
      // Operations of the contract, rendered by Scalar: in the sidebar and as a section of the page.
      await page.getByText('Liveness; no authentication').first().waitFor({ timeout: 45_000 });
      await expect.poll(() => page.getByText('Giveaway', { exact: true }).count()).toBeGreaterThan(0);
      // Give late loads (fonts, workers, telemetry) a moment to show up in the listeners before judging.
      await page.waitForLoadState('networkidle');
      const offsite = requests.filter((u) => !u.startsWith(t.app.baseUrl) && !u.startsWith('data:') && !u.startsWith('blob:'));
      expect(offsite).toEqual([]);
      expect(problems).toEqual([]);
      expect(requests).toContain(`${t.app.baseUrl}/api/v1/openapi.json`);
      await page.close();
    },
  );
});
