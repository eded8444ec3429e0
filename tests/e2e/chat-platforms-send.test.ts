import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/main/domains/chat/browser-session.js';
import type { PagePayload } from '../../src/main/domains/chat/page-script.js';
import { builtinProfile } from '../../src/main/domains/chat/profiles.js';
import { silentLogger } from '../../src/main/kernel/logger.js';
import { CHROMIUM_PATH } from '../helpers/browser.js';

/**
 * Posting through the real BrowserSession into the other platforms' inputs: contenteditable ones (YouTube,
 * newer Twitch, Kick), YouTube's chat inside its live_chat iframe, and a site where Enter does not send.
 * Each fixture page echoes a sent message into its chat list the way the site does.
 */

// The page's own sending: Enter (when `enter`) or the send button appends the input's text as "Me" and clears it.
const sendScript = (enter: boolean, row: string) => `
  const input = document.querySelector('[contenteditable="true"]');
  const list = document.querySelector('[data-list]');
  const send = () => {
    const text = input.textContent.trim();
    if (!text) return;
    const li = document.createElement('div');
    li.innerHTML = ${JSON.stringify(row)};
    li.firstElementChild.querySelector('[data-name]').textContent = 'Me';
    li.firstElementChild.querySelector('[data-text]').textContent = text;
    list.appendChild(li.firstElementChild);
    input.textContent = '';
  };
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); if (${enter}) send(); } });
  document.querySelector('[data-send]').addEventListener('click', send);
`;

const YT_ROW =
  '<yt-live-chat-text-message-renderer><span id="author-name" data-name></span><span id="message" data-text></span></yt-live-chat-text-message-renderer>';
const PAGES: Record<string, string> = {
  '/youtube': '<html><body><h1>Video</h1><iframe src="/youtube/live_chat?v=x" width="400" height="400"></iframe></body></html>',
  // YouTube's chat frame; Enter does not send here, so the profile's #send-button is used.
  '/youtube/live_chat': `<html><body>
    <yt-live-chat-item-list-renderer><div id="items" data-list></div></yt-live-chat-item-list-renderer>
    <yt-live-chat-text-input-field-renderer><div id="input" contenteditable="true">old draft</div></yt-live-chat-text-input-field-renderer>
    <div id="send-button"><button data-send>Send</button></div>
    <script>${sendScript(false, YT_ROW)}</script></body></html>`,
  '/twitch': `<html><body>
    <div data-test-selector="chat-scrollable-area__message-container" data-list></div>
    <div data-a-target="chat-input" contenteditable="true">half-typed</div>
    <button data-a-target="chat-send-button" data-send>Chat</button>
    <script>${sendScript(true, '<div data-a-target="chat-line-message"><span data-a-target="chat-message-username" data-name></span><span data-a-target="chat-message-text" data-text></span></div>')}</script></body></html>`,
};

let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const body = PAGES[new URL(req.url ?? '/', 'http://x').pathname];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html' }).end(body ?? 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

let session: BrowserSession | null = null;
let profileDir: string | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
  if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
});

async function openChat(platform: string, urlPath: string) {
  const payloads: PagePayload[] = [];
  profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'buzzchat-profile-'));
  session = new BrowserSession({
    executablePath: CHROMIUM_PATH,
    headless: true,
    profileDir,
    url: base + urlPath,
    profile: builtinProfile(platform),
    logger: silentLogger,
    onPayload: (p) => void payloads.push(p),
    onLost: () => {},
  });
  await session.open();
  const texts = () => payloads.flatMap((p) => p.rows).map((r) => `${r.username}: ${r.text}`);
  const until = async (what: () => boolean) => {
    const end = Date.now() + 5000;
    while (!what()) {
      if (Date.now() > end) throw new Error(`timed out; rows: ${JSON.stringify(texts())}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  await until(() => session!.ready());
  return { texts, until };
}

describe('posting on other platforms', () => {
  it('YouTube: types into the contenteditable inside the live_chat iframe, replacing a draft, and presses Send when Enter does not', async () => {
    const { texts, until } = await openChat('youtube', '/youtube');
    await session!.post('Thanks for watching!');
    await until(() => texts().includes('Me: Thanks for watching!'));
    await session!.post('Second message');
    await until(() => texts().includes('Me: Second message'));
    expect(texts()).toEqual(['Me: Thanks for watching!', 'Me: Second message']);
  });

  it('Twitch (contenteditable input): replaces a half-typed draft and sends with Enter', async () => {
    const { texts, until } = await openChat('twitch', '/twitch');
    await session!.post('!drops in 5 minutes');
    await until(() => texts().includes('Me: !drops in 5 minutes'));
    expect(texts()).toEqual(['Me: !drops in 5 minutes']);
  });

  it('closing while Chromium is still starting leaves no browser behind (its profile opens again at once)', async () => {
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'buzzchat-profile-'));
    const make = () =>
      new BrowserSession({
        executablePath: CHROMIUM_PATH,
        headless: true,
        profileDir: profileDir!,
        url: base + '/twitch',
        profile: builtinProfile('twitch'),
        logger: silentLogger,
        onPayload: () => {},
        onLost: () => {},
      });
    const first = make();
    const opening = first.open();
    await first.close();
    await expect(opening).rejects.toThrow(/closed/);
    // A leaked Chromium would still hold the profile, and a second one could not start on it.
    session = make();
    await session.open();
    expect(session.currentPage()).not.toBeNull();
  });

  it('keeps posting after a pushState or hash change (same document), and waits for the chat again after a reload', async () => {
    const { texts, until } = await openChat('twitch', '/twitch');
    const page = session!.currentPage()!;
    let navigations = 0;
    const navigated = new Promise<void>((resolve) => page.on('framenavigated', () => ++navigations === 2 && resolve()));
    await page.evaluate(() => history.pushState({}, '', '/twitch?tab=chat'));
    await page.evaluate(() => (location.hash = 'latest'));
    await navigated;
    // The session asked the page for its document id on each navigation before this round trip: once it is
    // back (and its callbacks have run), the session has judged both; same document and chat, so still ready.
    await page.evaluate(() => 0);
    await new Promise((r) => setImmediate(r));
    expect(session!.ready()).toBe(true);
    await session!.post('still here after pushState');
    await until(() => texts().includes('Me: still here after pushState'));
    // A reload is a new document: not ready until its chat attaches again.
    await page.reload();
    await until(() => session!.ready());
    await session!.post('after reload');
    await until(() => texts().includes('Me: after reload'));
  });
});
