import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/renderer/src/api/client.js';
import { createWebhooksStore } from '../../src/renderer/src/stores/webhooks.js';
import { startWebhookApp, type WebhookTestApp } from './harness.js';

let t: WebhookTestApp | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe('dashboard webhooks store: held events', () => {
  it('counts events held for a paused endpoint along with the live stream, matching the server', async () => {
    t = await startWebhookApp();
    const store = createWebhooksStore(new ApiClient({ baseUrl: t.app.baseUrl, token: t.app.sessionToken }));
    // The live stream carries bus events; feed them as App.tsx's dispatch would.
    t.app.services.bus.subscribe((e) => store.getState().onEvent(e));
    const paused = await t.register('http://127.0.0.1:9/paused', ['giveaway.entry']);
    const winners = await t.register('http://127.0.0.1:9/winners', ['giveaway.winner']);
    await store.getState().load();
    await store.getState().setActive(paused.id, false);
    await store.getState().setActive(winners.id, false);
    for (const username of ['a', 'b', 'c']) t.app.services.giveaway.addEntry(t.accountId, { username, entriesPerUser: 1 });

    const local = () => Object.fromEntries(store.getState().list!.map((w) => [w.id, w.heldEvents]));
    expect(local()).toEqual({ [paused.id]: 3, [winners.id]: 0 });
    const server = (await t.call('GET', '/api/v1/webhooks')).json.data.webhooks;
    expect(Object.fromEntries(server.map((w: any) => [w.id, w.heldEvents]))).toEqual(local());

    await store.getState().setActive(paused.id, true);
    expect(local()).toEqual({ [paused.id]: 0, [winners.id]: 0 });
  });
});
