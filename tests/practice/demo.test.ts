import { describe, expect, it } from 'vitest';
import { BotEngine } from '../../src/main/domains/bot/engine.js';
import { ManualClock } from '../../src/main/kernel/clock.js';
import { DEMO_SETTINGS } from '../../src/main/domains/practice/demo.js';
import { settingsSchema } from '../../src/main/domains/settings/schema.js';
import { line } from '../bot/fixtures.js';

describe('practice demo settings', () => {
  it('show every kind of bot post within the first minute of a busy practice stream', () => {
    const clock = new ManualClock();
    const s = settingsSchema.parse(DEMO_SETTINGS);
    const e = new BotEngine(
      { ...s, timerMessages: s.timerMessages.map((t, i) => ({ ...t, id: `tmr_${i}` })) },
      { clock, random: () => 0.999999 } /* the longest jittered interval */,
    );
    const causes = new Set<string>();
    e.tick({ live: true });
    // About 1.5 viewer lines a second, like `serve --practice`.
    for (let ms = 0; ms < 60_000; ms += 1000) {
      clock.advance(1000);
      const text = ms % 4000 === 0 ? 'how much is shipping?' : ms % 3000 === 0 ? 'enter' : 'nice pull';
      for (const a of e.handleLine(line(`viewer${ms}`, text)).actions) causes.add(a.type === 'send' ? a.cause : a.type);
      for (const a of e.tick({ live: true })) causes.add(a.type === 'send' ? a.cause : a.type);
    }
    expect([...causes].sort()).toEqual(['faq', 'giveaway-entry', 'timer', 'welcome']);
  });
});
