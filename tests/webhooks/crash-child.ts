/**
 * Child process for the crash test: opens the app on a data dir, registers two webhooks (one whose receiver
 * hangs, one whose port is closed), produces events through the real services and reports their ids.
 * The test then kills it with SIGKILL: no stop(), no draining.
 */
import { createApp } from '../../src/main/app/create-app.js';
import { silentLogger } from '../../src/main/kernel/logger.js';
import { webhooksModule, type WebhooksModule } from '../../src/main/domains/webhooks/domain.js';

const [dataDir, hangUrl, downUrl, countArg] = process.argv.slice(2) as [string, string, string, string];
let mod!: WebhooksModule;
const app = await createApp({
  dataDir,
  port: 0,
  logger: silentLogger,
  modules: (s) => [(mod = webhooksModule(s, { retrySchedule: [60_000], jitter: (n) => n, timeoutMs: 60_000 }))],
});
const s = app.services;
const hang = mod.service.create({ url: hangUrl, events: ['giveaway.entry', 'bot.started', 'bot.stopped'] });
const down = mod.service.create({ url: downUrl, events: ['giveaway.entry', 'bot.started', 'bot.stopped'] });
const eventIds: string[] = [];
s.bus.subscribe((e) => {
  if (e.type === 'giveaway.entry' || e.type === 'bot.started' || e.type === 'bot.stopped') eventIds.push(e.id);
});
const account = s.accounts.resolve(undefined).id;
s.settings.update(account, { botActive: true });
for (let i = 0; i < Number(countArg); i++) s.giveaway.addEntry(account, { username: `viewer${i}`, entriesPerUser: 1 });
s.settings.update(account, { botActive: false });
process.stdout.write(JSON.stringify({ hang: hang.id, down: down.id, eventIds }) + '\n');
// Keep running (deliveries hang / wait for their retry) until killed.
setInterval(() => {}, 1000);
