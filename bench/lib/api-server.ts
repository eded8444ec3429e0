// Child process for bench/api.ts: runs either the BuzzChat core or a bare Express hello-world,
// so the load generator does not share an event loop with the server it measures.
import express from 'express';
import { createApp } from '../../src/main/app/create-app.js';
import { silentLogger } from '../../src/main/kernel/logger.js';
import { tempDir } from '../../tests/helpers/app.js';

const kind = process.argv[2];
if (kind === 'bare') {
  const app = express();
  app.get('/hello', (_req, res) => {
    res.json({ success: true, data: { hello: 'world' } });
  });
  const server = app.listen(0, '127.0.0.1', () => {
    const port = (server.address() as { port: number }).port;
    process.send!({ port });
  });
} else {
  const app = await createApp({ dataDir: tempDir('buzzchat-bench-'), port: 0, logger: silentLogger, rateLimits: { perMinute: 1e9, perDay: 1e12 } });
  const { key } = app.services.keys.create('bench');
  // Some stored events so the analytics query does real work.
  const accountId = app.services.accounts.active().id;
  const causes = ['welcome', 'faq', 'timer', 'api'] as const;
  app.services.db.transaction(() => {
    for (let i = 0; i < 20_000; i++)
      app.services.chatEvents.record({
        accountId,
        direction: i % 3 ? 'received' : 'sent',
        cause: causes[i % 4]!,
        username: `u${i % 500}`,
        text: 'hi',
        at: Date.now() - i * 10_000,
      });
  })();
  // The route serves summaries from a 1 s cache; measure what a cache miss costs on the rollups too.
  const since = Date.now() - 7 * 86_400_000;
  const t0 = performance.now();
  for (let i = 0; i < 500; i++) {
    app.services.chatEvents.sentByCause(accountId, since);
    app.services.chatEvents.received(accountId, since);
  }
  const missMs = (performance.now() - t0) / 500;
  process.send!({ port: app.port, key, missMs });
}
