import { afterEach, describe, expect, it } from 'vitest';
import { classifyAddress, resolveTargets } from '../../src/main/domains/webhooks/address.js';
import { startWebhookApp, type WebhookTestApp } from './harness.js';
import { Receiver, waitFor } from './receiver.js';
import { WAIT_MS } from '../helpers/wait.js';

let t: WebhookTestApp | undefined;
let rx: Receiver | undefined;
afterEach(async () => {
  await t?.stop();
  await rx?.close();
  t = rx = undefined;
});

describe('webhook address classes', () => {
  it('public IPv4 and IPv6 addresses are public (a real receiver on the internet must be reachable)', () => {
    for (const ip of ['8.8.8.8', '93.184.216.34', '1.1.1.1', '203.0.113.9', '2606:4700::1111', '2001:4860:4860::8888', '::ffff:8.8.8.8']) {
      expect(classifyAddress(ip), ip).toBe('public');
    }
  });

  it('judges IPv4-mapped, NAT64 and 6to4 addresses by the IPv4 host they reach', () => {
    expect(classifyAddress('::ffff:127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::ffff:7f00:1')).toBe('loopback');
    for (const ip of ['::ffff:10.0.0.1', '::ffff:a9fe:a9fe', '64:ff9b::10.0.0.1', '64:ff9b::a9fe:a9fe', '2002:a00:1::1', '2002:c0a8:101::']) {
      expect(classifyAddress(ip), ip).toBe('private');
    }
    expect(classifyAddress('64:ff9b::808:808')).toBe('public');
    expect(classifyAddress('2002:808:808::1')).toBe('public');
  });

  it('keeps refusing loopback-less private ranges of both families', () => {
    for (const ip of [
      '0.0.0.0',
      '10.1.2.3',
      '172.31.255.255',
      '192.168.0.1',
      '100.64.0.1',
      '169.254.169.254',
      '::',
      '::7f00:1',
      'fd00::1',
      'fe80::1',
      'ff02::1',
      '64:ff9b:1::a00:1',
      '100::1',
    ]) {
      expect(classifyAddress(ip), ip).toBe('private');
    }
    expect(classifyAddress('127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::1')).toBe('loopback');
  });

  it('accepts a name that resolves to public addresses at connect time; refuses it if any address is private', async () => {
    const url = new URL('https://hooks.example.com/x');
    const pub = await resolveTargets(url, false, async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::1', family: 6 },
    ]);
    expect(pub.map((a) => a.address)).toEqual(['93.184.216.34', '2606:2800:220:1::1']);
    await expect(
      resolveTargets(url, false, async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ]),
    ).rejects.toThrow(/resolves to private-network address 10\.0\.0\.7/);
  });
});

describe('webhook URLs through the API', () => {
  it('registers public IPv4 literal URLs; private ones still need allowPrivateNetworks', async () => {
    t = await startWebhookApp();
    for (const url of ['http://8.8.8.8/hook', 'https://93.184.216.34:8443/x', 'http://[::ffff:8.8.8.8]/', 'http://[::ffff:127.0.0.1]:9/']) {
      const r = await t.call('POST', '/api/v1/webhooks', { url, events: ['bot.started'] });
      expect(r.status, `${url}: ${JSON.stringify(r.json)}`).toBe(201);
    }
    for (const url of ['http://[64:ff9b::a00:1]/', 'http://[2002:a9fe:a9fe::]/']) {
      const r = await t.call('POST', '/api/v1/webhooks', { url, events: ['bot.started'] });
      expect(r.status, url).toBe(400);
      expect(r.json.error.message).toMatch(/private-network/);
    }
  });

  it('falls back across the vetted addresses of a name (::1 first, receiver on 127.0.0.1 only)', async () => {
    rx = await Receiver.start();
    t = await startWebhookApp({
      resolver: async () => [
        { address: '::1', family: 6 },
        { address: '127.0.0.1', family: 4 },
      ],
    });
    const { id } = await t.register(`http://dual.test:${rx.port}/hook`, ['giveaway.entry']);
    t.app.services.giveaway.addEntry(t.accountId, { username: 'ana', entriesPerUser: 1 });
    await waitFor(() => rx!.received[0], WAIT_MS, 'delivery over the second address');
    const [d] = await t.deliveries(id);
    expect(d).toMatchObject({ status: 'delivered', attempts: 1 });
  });
});
