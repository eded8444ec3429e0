import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { floodWithSwitches } from '../../bench/lib/flood.js';
import { botModule } from '../../src/main/domains/bot/domain.js';
import { chatModule, type ChatModule } from '../../src/main/domains/chat/domain.js';
import type { ChatLine } from '../../src/main/domains/chat/types.js';
import type { PracticeController } from '../../src/main/domains/practice/controller.js';
import { practiceModule } from '../../src/main/domains/practice/domain.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { CHROMIUM_PATH } from '../helpers/browser.js';

/**
 * The bench's giveaway flood, short: 200 unique viewers a second for 10 s typing the keyword while the paths switch
 * every second (frames stopped / flowing, markup alternate / back, socket dropped) and the page re-renders and
 * detaches rows. Every viewer must be entered once, by whichever path saw the line first. `npm run bench` runs it at
 * 1,000 msg/s for 60 s.
 */
let t: TestApp;
let chat: ChatModule;
let practice: PracticeController;
let accountId: string;
const lines: ChatLine[] = [];

beforeAll(async () => {
  t = await startTestApp({
    rateLimits: { perMinute: 1_000_000, perDay: 10_000_000 },
    modules: (s) => {
      s.settings.update(s.accounts.active().id, {
        botActive: true,
        sendMinSpacingMs: 0,
        welcomeEnabled: false,
        giveaway: { enabled: true, keyword: 'enter', entriesPerUser: 1 },
      });
      chat = chatModule(s, { practice: true, headless: true, browserPath: CHROMIUM_PATH });
      chat.gateway.onLine((l) => void lines.push(l));
      const p = practiceModule(s, { simulate: false, historySize: 0, hostile: { rerenderEveryMs: 3000, detachEveryMs: 1000 } });
      practice = p.controller;
      return [p, botModule(s, chat.gateway, { tickMs: 0 }), chat];
    },
  });
  accountId = t.app.services.accounts.active().id;
  for (
    const end = Date.now() + 30_000;
    !chat.driver.session(accountId)?.attached || practice.hub.pages < 1;
    await new Promise((r) => setTimeout(r, 50))
  ) {
    if (Date.now() > end) throw new Error('the chat did not attach to the practice page');
  }
});
afterAll(async () => {
  await t?.stop();
});

describe('giveaway flood across path switches', () => {
  it('enters every viewer once: none lost, none twice, none taken for history', async () => {
    const r = await floodWithSwitches({
      practice,
      lines,
      entries: async () =>
        (await t.call('GET', '/api/v1/giveaway/entries?limit=100000')).json.data.entries.map((e: { username: string }) => e.username),
      copiesDropped: () => chat.driver.duplicatesDropped(accountId),
      rate: 200,
      seconds: 10,
      switchMs: 1000,
      quietMs: 20_000,
    });
    expect(r.switches.length).toBeGreaterThanOrEqual(8);
    // Lost viewers show as ranges of their numbers; r.switchedAtLine says which switch they followed.
    expect({ recorded: r.recorded, lost: r.lostRanges, duplicated: r.duplicated, historyMarked: r.historyMarked }).toEqual({
      recorded: 2000,
      lost: [],
      duplicated: 0,
      historyMarked: 0,
    });
    // Each path carried some lines first.
    expect(r.firstSeenBy.wire).toBeGreaterThan(0);
    expect(r.firstSeenBy.dom).toBeGreaterThan(0);
  }, 120_000);
});
