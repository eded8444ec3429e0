import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';
import { startWebhookApp, type WebhookTestApp } from './harness.js';
import { freePort, Receiver, waitFor } from './receiver.js';
import { WAIT_MS } from '../helpers/wait.js';

const here = path.dirname(fileURLToPath(import.meta.url));
let t: WebhookTestApp | undefined;
let receivers: Receiver[] = [];
afterEach(async () => {
  await t?.stop();
  await Promise.all(receivers.map((r) => r.close()));
  t = undefined;
  receivers = [];
});

function statuses(dataDir: string): Record<string, number> {
  const db = new Database(path.join(dataDir, 'buzzchat.db'), { readonly: true });
  try {
    const rows = db.prepare('SELECT status, COUNT(*) AS n FROM webhook_deliveries GROUP BY status').all() as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  } finally {
    db.close();
  }
}

describe('webhook durability', () => {
  it('after SIGKILL mid-delivery, a new process delivers every event with the same ids', async () => {
    const dataDir = tempDir();
    const hanging = await Receiver.start();
    receivers.push(hanging);
    hanging.reply = () => 'hang';
    const downPort = await freePort();
    const count = 25;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'crash-child.ts'), dataDir, hanging.url(), `http://127.0.0.1:${downPort}/hook`, String(count)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((r) => child.once('exit', r));
    const line = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    const produced = JSON.parse(line) as { hang: string; down: string; eventIds: string[] };
    expect(produced.eventIds).toHaveLength(count + 2);
    // Some deliveries are on the wire to the hanging receiver when the process dies.
    await waitFor(() => hanging.received.length >= 5, 10_000, 'requests in flight');
    child.kill('SIGKILL');
    await exited;
    const left = statuses(dataDir);
    expect(left.sending).toBeGreaterThan(0);
    expect(left.pending).toBeGreaterThan(0);
    expect(left.delivered ?? 0).toBe(0);

    hanging.reply = () => ({ status: 200 });
    const recovered = await Receiver.start(downPort);
    receivers.push(recovered);
    t = await startWebhookApp({}, { dataDir });
    // The down endpoint's deliveries wait for their scheduled retry (60 s in the child); ask for them now.
    // (Those the kill caught mid-connect went back to pending-now at start and may be on the wire: 409.)
    for (const d of await t.deliveries(produced.down)) {
      expect([202, 409]).toContain((await t.call('POST', `/api/v1/webhooks/${produced.down}/deliveries/${d.id}/retry`)).status);
    }
    const want = new Set(produced.eventIds);
    const ids = (r: Receiver) => new Set(r.received.filter((x) => x.json).map((x) => x.json.id as string));
    await waitFor(() => [...want].every((id) => ids(hanging).has(id) && ids(recovered).has(id)), 10_000, 'every event on both endpoints');
    expect(ids(recovered)).toEqual(want);
    expect(ids(hanging)).toEqual(want); // at least once, and nothing new invented
    await waitFor(() => statuses(dataDir).delivered === 2 * want.size, 5000, 'all rows delivered');
  });

  it('a graceful stop puts in-flight deliveries back; the next start sends them', async () => {
    const dataDir = tempDir();
    const rx = await Receiver.start();
    receivers.push(rx);
    rx.reply = () => 'hang';
    t = await startWebhookApp({ timeoutMs: 60_000 }, { dataDir });
    const { id } = await t.register(rx.url(), ['giveaway.entry']);
    for (let i = 0; i < 3; i++) t.app.services.giveaway.addEntry(t.accountId, { username: `v${i}`, entriesPerUser: 1 });
    await waitFor(() => rx.received.length === 3, WAIT_MS, 'in flight');
    await t.stop();
    t = undefined;
    expect(statuses(dataDir)).toEqual({ pending: 3 });

    rx.reply = () => ({ status: 200 });
    t = await startWebhookApp({}, { dataDir });
    await waitFor(() => rx.received.length === 6, WAIT_MS, 'redelivery');
    const deliveries = await t.deliveries(id);
    // The aborted attempts were not counted: each went through on its first recorded attempt.
    expect(deliveries.map((d: any) => [d.status, d.attempts])).toEqual([
      ['delivered', 1],
      ['delivered', 1],
      ['delivered', 1],
    ]);
  });
});
