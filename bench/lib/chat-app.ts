// A real app for the chat benches: practice stream + bot + chat driver in headless Chromium, connected.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/main/app/create-app.js';
import { botModule } from '../../src/main/domains/bot/domain.js';
import { chatModule, type ChatModule } from '../../src/main/domains/chat/domain.js';
import type { ChatLine } from '../../src/main/domains/chat/types.js';
import { silentLogger } from '../../src/main/kernel/logger.js';
import { practiceModule } from '../../src/main/domains/practice/domain.js';
import type { PracticeController } from '../../src/main/domains/practice/controller.js';
import type { PracticeOptionsInput } from '../../src/main/domains/practice/schema.js';
import { ensureTestBrowser } from '../../tests/helpers/browser.js';

export interface ChatBenchApp {
  app: App;
  /** The Chromium the chat driver runs (a floor script launches the same one). */
  browserPath: string;
  chat: ChatModule;
  practice: PracticeController;
  accountId: string;
  lines: ChatLine[];
  stop(): Promise<void>;
}

export async function startChatBenchApp(settings: Record<string, unknown>, practice: PracticeOptionsInput = {}): Promise<ChatBenchApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'buzzchat-bench-'));
  const browserPath = await ensureTestBrowser();
  let chat!: ChatModule;
  let ctl!: PracticeController;
  const lines: ChatLine[] = [];
  const app = await createApp({
    dataDir,
    port: 0,
    logger: silentLogger,
    modules: (s) => {
      s.settings.update(s.accounts.active().id, settings);
      chat = chatModule(s, { practice: true, headless: true, browserPath });
      chat.gateway.onLine((l) => void lines.push(l));
      const p = practiceModule(s, { simulate: false, historySize: 0, ...practice });
      ctl = p.controller;
      return [p, botModule(s, chat.gateway, { tickMs: 0 }), chat];
    },
  });
  const accountId = app.services.accounts.active().id;
  const end = Date.now() + 30_000;
  while (!(await chat.driver.status(accountId)).selectorHealth.chatContainer?.matched) {
    if (Date.now() > end) throw new Error('the chat did not attach to the practice page');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    app,
    browserPath,
    chat,
    practice: ctl,
    accountId,
    lines,
    stop: async () => {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

// The chat benches' figures use the shared helpers.
export { percentile, round1 } from './stats.js';
