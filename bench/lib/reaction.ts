// Reaction timing on the practice stream, on the server's clock at both ends: a question enters the channel (the
// server sends its frame, or streams it to the page's feed, while appending it) and the reply arrives back (the
// page's post reaches the server over its socket). And the floor: a bare Playwright script on the same page that
// answers through the same channel with no bot in between.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createApp, type App } from '../../src/main/app/create-app.js';
import { BROWSER_ARGS, useChromiumSandbox } from '../../src/main/domains/chat/browser.js';
import type { PracticeController } from '../../src/main/domains/practice/controller.js';
import { practiceModule, practiceUrl } from '../../src/main/domains/practice/domain.js';
import type { PracticeStream } from '../../src/main/domains/practice/stream.js';
import { silentLogger } from '../../src/main/kernel/logger.js';

export type ChatPathName = 'wire' | 'dom';

/** Times one question -> reply on the server: from the append that sends the question to the reply's arrival. */
export class ReplyClock {
  private waiting = new Map<string, (at: number) => void>();
  constructor(private stream: PracticeStream) {
    stream.subscribe((ev) => {
      if (ev.t !== 'msgs') return;
      const now = performance.now();
      for (const m of ev.msgs) {
        if (!m.host) continue;
        const done = this.waiting.get(m.text);
        if (done) done(now);
      }
    });
  }

  /** Appends a viewer's question and resolves with the ms until the host's `reply` arrived (rejects after timeoutMs). */
  ask(username: string, question: string, reply: string, timeoutMs = 5000): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(reply);
        reject(new Error(`no reply "${reply}" within ${timeoutMs} ms`));
      }, timeoutMs);
      let t0 = 0;
      this.waiting.set(reply, (at) => {
        clearTimeout(timer);
        this.waiting.delete(reply);
        resolve(at - t0);
      });
      t0 = performance.now();
      this.stream.append([{ kind: 'message', username, text: question, category: 'injected' }]);
    });
  }
}

/** A practice stream alone (no chat driver, no bot), for the floor. */
export async function startPracticeApp(): Promise<{ app: App; practice: PracticeController; stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'buzzchat-bench-'));
  let ctl!: PracticeController;
  const app = await createApp({
    dataDir,
    port: 0,
    logger: silentLogger,
    modules: (s) => {
      const p = practiceModule(s, { simulate: false, historySize: 0, live: true });
      ctl = p.controller;
      return [p];
    },
  });
  return {
    app,
    practice: ctl,
    stop: async () => {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

export interface Floor {
  /** Which channel the script answers from now. */
  path: ChatPathName;
  close(): Promise<void>;
}

/**
 * The floor: Chromium with the chat driver's flags, the practice page, and a script that on seeing `question`
 * (a frame through page.on('websocket'), or a row through a MutationObserver and an exposed binding) types
 * `reply(username)` into the input and presses Enter, as the chat driver types (fill, then Enter).
 */
export async function openFloor(baseUrl: string, executablePath: string, question: string, reply: (username: string) => string): Promise<Floor> {
  const { chromium } = await import('playwright-core');
  const browser: Browser = await chromium.launch({ executablePath, headless: true, args: BROWSER_ARGS, chromiumSandbox: useChromiumSandbox() });
  const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const floor: Floor = { path: 'wire', close: () => browser.close() };
  const input = page.locator('[data-testid="chat-input"]');
  let typing = Promise.resolve();
  const answer = (username: string) => {
    typing = typing.then(async () => {
      await input.fill(reply(username));
      await page.keyboard.press('Enter');
    });
  };
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      if (floor.path !== 'wire' || typeof payload !== 'string' || !payload.includes('new_msg')) return;
      const f = JSON.parse(payload) as [unknown, unknown, string, string, { message?: string; user?: { username?: string } }];
      if (f[3] === 'new_msg' && f[4].message === question && f[4].user?.username) answer(f[4].user.username);
    }),
  );
  await page.exposeBinding('__floorSaw', (_src, username: string, text: string) => {
    if (floor.path === 'dom' && text === question) answer(username);
  });
  await page.goto(practiceUrl(baseUrl));
  // Rows read by Whatnot's structure: the name is the first strong, the text the content box's later children.
  await page.evaluate(() => {
    const list = document.querySelector('[data-testid="virtuoso-item-list"]')!;
    const saw = (window as unknown as { __floorSaw: (u: string, t: string) => void }).__floorSaw;
    new MutationObserver((recs) => {
      for (const r of recs)
        for (const n of Array.from(r.addedNodes)) {
          const row =
            n instanceof HTMLElement ? (n.matches('[data-testid="chat-message"]') ? n : n.querySelector('[data-testid="chat-message"]')) : null;
          const box = row ? [...row.children].filter((c) => c.tagName === 'DIV').pop() : undefined;
          if (!box) continue;
          const name = box.querySelector('strong')?.textContent ?? '';
          void saw(
            name,
            [...box.children]
              .slice(1)
              .map((c) => c.textContent ?? '')
              .join(' ')
              .trim(),
          );
        }
    }).observe(list, { childList: true, subtree: true });
  });
  const end = Date.now() + 20_000;
  while (!(await page.evaluate(() => (window as unknown as { __practice?: { joined: boolean } }).__practice?.joined === true))) {
    if (Date.now() > end) throw new Error('the floor page did not join its channels');
    await new Promise((r) => setTimeout(r, 50));
  }
  return floor;
}
