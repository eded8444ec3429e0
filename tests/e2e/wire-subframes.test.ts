import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { BrowserSession } from '../../src/main/domains/chat/browser-session.js';
import { WireFeed } from '../../src/main/domains/chat/wire/feed.js';
import { builtinProfile } from '../../src/main/domains/chat/profiles.js';
import type { DecodeResult, WireDecoder } from '../../src/main/domains/chat/wire/types.js';
import { silentLogger } from '../../src/main/kernel/logger.js';
import { CHROMIUM_PATH } from '../helpers/browser.js';

/**
 * YouTube's chat lives in an iframe: do Playwright's page-level `websocket` and `response` events carry a
 * subframe's traffic, including a cross-site (out-of-process) one? Our own page on 127.0.0.1 embeds a frame
 * from `localhost` (another site) that polls and opens a socket. The frames are ours. This headless Chromium keeps
 * such a frame in process unless told `--site-per-process` (desktop Chrome's default), so both are tried.
 */
const TOP = (port: number) => `<html><body><h1>Video</h1><iframe src="http://localhost:${port}/live_chat"></iframe></body></html>`;
const FRAME = `<html><body><script>
  fetch('/youtubei/v1/live_chat/get_live_chat?k=1', { method: 'POST', body: '{}' });
  const ws = new WebSocket('ws://' + location.host + '/chat-socket');
  ws.onopen = () => ws.send(JSON.stringify({ id: 'sent-by-page', text: 'a frame the page sends' }));
</script></body></html>`;

let server: http.Server;
let wss: WebSocketServer;
let port: number;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(TOP(port));
    if (url.pathname === '/live_chat') return void res.writeHead(200, { 'content-type': 'text/html' }).end(FRAME);
    if (url.pathname.endsWith('/get_live_chat'))
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'p1', text: 'from the poll' }));
    res.writeHead(404).end();
  });
  wss = new WebSocketServer({ server, path: '/chat-socket' });
  wss.on('connection', (ws) => {
    ws.send(JSON.stringify({ id: 's1', text: 'from the socket' }));
    // Answered only after the page's own frame, so a counted `framesent` would show up before this one.
    ws.on('message', () => ws.send(JSON.stringify({ id: 's2', text: 'reply' })));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const c of wss.clients) c.terminate();
  await new Promise((r) => wss.close(r));
  await new Promise((r) => server.close(r));
});

/** A test decoder: each JSON object `{id, text}` is one message. */
function decode(body: string): DecodeResult {
  const o = JSON.parse(body) as { id: string; text: string };
  return { ok: true, events: [{ type: 'message', id: o.id, userId: null, username: 'viewer', text: o.text, at: null }] };
}
const decoder: WireDecoder = {
  platform: 'test',
  socketUrl: /\/chat-socket$/,
  responseUrl: /\/get_live_chat(\?|$)/,
  decodeFrame: decode,
  decodeResponse: decode,
};

describe('wire feed in a real browser', () => {
  it("reads another site's iframe (in process here): its socket frames and poll responses from page-level events, not the frames it sends", async () => {
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'buzzchat-profile-'));
    const seen: string[] = [];
    const session = new BrowserSession({
      executablePath: CHROMIUM_PATH,
      headless: true,
      profileDir,
      url: `http://127.0.0.1:${port}/`,
      profile: builtinProfile('youtube'),
      logger: silentLogger,
      onPayload: () => {},
      onLost: () => {},
      wire: { decoder, now: Date.now, sink: (r) => void (r.ok && seen.push(...r.events.map((e) => (e.type === 'message' ? e.id! : e.type)))) },
    });
    try {
      await session.open();
      await expect.poll(() => [...seen].sort()).toEqual(['p1', 's1', 's2']);
      const frames = session.currentPage()!.frames();
      expect(frames.map((f) => new URL(f.url()).host)).toContain(`localhost:${port}`);
    } finally {
      await session.close();
      fs.rmSync(profileDir, { recursive: true, force: true });
    }
  });

  it('reads them from an out-of-process iframe too (site isolation on, as in desktop Chrome)', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--site-per-process'] });
    try {
      const page: Page = await browser.newPage();
      const seen: string[] = [];
      new WireFeed(decoder, (r) => void (r.ok && seen.push(...r.events.map((e) => (e.type === 'message' ? e.id! : e.type)))), Date.now).attach(page);
      await page.goto(`http://127.0.0.1:${port}/`);
      await expect.poll(() => [...seen].sort()).toEqual(['p1', 's1', 's2']);
      // The chat frame really is its own renderer target.
      const { targetInfos } = await (await browser.newBrowserCDPSession()).send('Target.getTargets');
      expect(targetInfos.filter((t) => t.type === 'iframe').map((t) => new URL(t.url).pathname)).toEqual(['/live_chat']);
    } finally {
      await browser.close();
    }
  });
});
