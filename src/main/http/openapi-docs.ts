import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The API reference page: Scalar's standalone bundle, served by the app itself (the app runs offline and under a
 * CSP that allows only its own scripts). The build copies the bundle to out/docs/scalar.js (the packaged app has
 * no devDependencies); from the sources it is read from node_modules. Without either, a plain list of the
 * operations is served instead.
 */

/** Where the build puts the bundle, relative to out/. */
export const SCALAR_OUT_PATH = 'docs/scalar.js';

function locateScalar(): string | null {
  // Built code runs from out/main or out/main/chunks: look for out/docs/scalar.js above it.
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 3; i++) {
    const candidate = path.join(dir, SCALAR_OUT_PATH);
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  try {
    return createRequire(import.meta.url).resolve('@scalar/api-reference/browser/standalone.js');
  } catch {
    return null;
  }
}

/**
 * zod (inside Scalar) probes whether it may compile validators with `new Function("")`. Under our CSP the probe
 * fails anyway, but the browser reports a CSP violation for it; answering "no" up front keeps the console clean
 * (zod then validates without compiling, as it would after the failed probe).
 */
const EVAL_PROBE = 'try{return new Function(""),!0}catch(e){return!1}';

let scalar: Buffer | null | undefined;
/** Scalar's standalone bundle (read once), or null when this install has none. */
export function scalarBundle(): Buffer | null {
  if (scalar === undefined) {
    const file = locateScalar();
    scalar = file ? Buffer.from(fs.readFileSync(file, 'utf8').replace(EVAL_PROBE, 'return!1')) : null;
  }
  return scalar;
}

/**
 * Only our own scripts; Scalar injects its styles as <style> elements (hence 'unsafe-inline' for styles) and
 * fetches nothing but the document (connect-src 'self'). Fonts: the system's (withDefaultFonts: false).
 */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
  "connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Scalar's configuration: no web fonts (fonts.scalar.com), no telemetry, no AI agent, no proxy; the document
 * and the "try it" requests go to this app only. `base` is the API base the page was asked under (/api/v1 or /v1).
 */
export const scalarInit = (base: string) =>
  `Scalar.createApiReference('#app', ${JSON.stringify({
    url: `${base}/openapi.json`,
    withDefaultFonts: false,
    telemetry: false,
    agent: { disabled: true },
    showDeveloperTools: 'never',
    hideDownloadButton: false,
    documentDownloadType: 'both',
    defaultOpenAllTags: false,
    persistAuth: false,
  })});\n`;

export function docsPage(base: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>BuzzChat API</title></head>
<body><div id="app"></div>
<noscript>The API reference needs JavaScript. The document itself: <a href="${base}/openapi.json">openapi.json</a>, <a href="${base}/openapi.yaml">openapi.yaml</a>.</noscript>
<script src="${base}/docs/scalar.js"></script><script src="${base}/docs/init.js"></script></body></html>`;
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Without the Scalar bundle: every operation with its summary and scope, and links to the document. */
export function fallbackDocsPage(doc: Record<string, unknown>): string {
  const rows: string[] = [];
  for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>)) {
    for (const [method, op] of Object.entries(ops)) {
      const scope = op['x-required-scope'] ? ` <small>scope <code>${esc(op['x-required-scope'])}</code></small>` : '';
      rows.push(`<li><b>${method.toUpperCase()}</b> <code>${esc(p)}</code>: ${esc(op.summary)}${scope}</li>`);
    }
  }
  const info = doc.info as { version: string; description: string };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>BuzzChat API</title><style>
body{font:14px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem}li{margin:.2rem 0}</style></head><body>
<h1>BuzzChat API <small>${esc(info.version)}</small></h1><p>${esc(info.description)}</p>
<p>The interactive reference is not installed; the document: <a href="openapi.json">openapi.json</a>, <a href="openapi.yaml">openapi.yaml</a>.</p>
<ul>${rows.join('\n')}</ul></body></html>`;
}
