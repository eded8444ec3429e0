import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultModules } from '../../src/main/app/domains.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp | null = null;
let receiver: http.Server | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
  await new Promise((r) => (receiver ? receiver.close(r) : r(null)));
  receiver = null;
});

describe('stopping the app', () => {
  it('answers a request in flight (a slow webhook test) before closing, and takes no new ones', async () => {
    // A receiver that answers only when the test says so, and says when the request has reached it.
    let reached!: () => void;
    const arrived = new Promise<void>((r) => (reached = r));
    let answer!: () => void;
    const answered = new Promise<void>((r) => (answer = r));
    receiver = http.createServer((_req, res) => {
      reached();
      void answered.then(() => res.end('ok'));
    });
    await new Promise<void>((r) => receiver!.listen(0, '127.0.0.1', r));
    const port = (receiver.address() as AddressInfo).port;
    t = await startTestApp({ modules: defaultModules({ noBrowser: true }) });
    const hook = await t.call('POST', '/api/v1/webhooks', { url: `http://127.0.0.1:${port}/hook`, events: ['bot.started'] });
    expect(hook.status).toBe(201);
    const inFlight = t.call('POST', `/api/v1/webhooks/${hook.json.data.id}/test`);
    await arrived;
    const stopping = t.app.stop();
    // The request is still held: new connections are refused while it waits.
    const health = () =>
      fetch(`${t!.app.baseUrl}/api/v1/health`).then(
        () => 'served',
        () => 'refused',
      );
    await expect.poll(health).toBe('refused');
    answer();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ delivered: true, responseCode: 200 });
    await stopping;
  });
});
