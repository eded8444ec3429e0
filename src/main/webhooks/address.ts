import dns from 'node:dns';
import net from 'node:net';
import { ApiError } from '../api/errors.js';

/**
 * SSRF defence. A webhook URL is checked twice: its literal host when it is saved, and every address its
 * name resolves to right before each attempt (a name can be re-pointed at 10.0.0.1 after it was saved: DNS
 * rebinding). The connection is then pinned to the vetted address, so no second lookup can swap it.
 */

export type AddressClass = 'loopback' | 'private' | 'public';
export interface ResolvedAddress {
  address: string;
  family: number;
}
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

// BlockList matches IPv4-mapped IPv6 (::ffff:a.b.c.d) against the IPv4 rules too.
const PRIVATE = new net.BlockList();
for (const [net4, prefix] of [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local host
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  PRIVATE.addSubnet(net4, prefix, 'ipv4');
}
for (const [net6, prefix] of [
  ['::', 96], // unspecified and IPv4-compatible
  ['::ffff:0:0', 96], // IPv4-mapped (a public one still names an IPv4 host; use the IPv4 form)
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // deprecated site-local
  ['ff00::', 8], // multicast
] as const) {
  PRIVATE.addSubnet(net6, prefix, 'ipv6');
}

export function classifyAddress(ip: string): AddressClass {
  const family = net.isIP(ip);
  if (family === 0) throw new Error(`Not an IP address: ${ip}`);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (LOOPBACK.check(ip, type)) return 'loopback';
  if (PRIVATE.check(ip, type)) return 'private';
  return 'public';
}

/** `[::1]` -> `::1`; WHATWG URL already turned 0x7f.1 / 2130706433 into dotted decimal. */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Validates a URL as it is saved: http(s), no credentials, and a literal IP must be loopback or public. */
export function validateWebhookUrl(raw: string, allowPrivateNetworks: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ApiError('VALIDATION_ERROR', `Invalid webhook url: "${raw}" is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ApiError('VALIDATION_ERROR', `Invalid webhook url: scheme must be http or https, not ${url.protocol.replace(':', '')}`);
  }
  if (url.username || url.password) {
    throw new ApiError('VALIDATION_ERROR', 'Invalid webhook url: credentials in the URL are not allowed; verify requests with the signature instead');
  }
  const host = bareHost(url);
  if (!host) throw new ApiError('VALIDATION_ERROR', 'Invalid webhook url: host is missing');
  if (net.isIP(host) && classifyAddress(host) === 'private' && !allowPrivateNetworks) {
    throw new ApiError(
      'VALIDATION_ERROR',
      `Invalid webhook url: ${host} is a private-network address; enable allowPrivateNetworks (PATCH /api/v1/webhooks/config) to use it`,
    );
  }
  return url;
}

export class BlockedAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BlockedAddressError';
  }
}

/**
 * The address to connect to for one attempt. Every resolved address must pass (not just the first), since
 * a connection may fall back to any of them.
 */
export async function resolveTarget(url: URL, allowPrivateNetworks: boolean, resolver: Resolver): Promise<ResolvedAddress> {
  const host = bareHost(url);
  const family = net.isIP(host);
  const addresses = family ? [{ address: host, family }] : await resolver(host);
  if (addresses.length === 0) throw new Error(`${host} did not resolve to any address`);
  if (!allowPrivateNetworks) {
    const bad = addresses.find((a) => classifyAddress(a.address) === 'private');
    if (bad) {
      throw new BlockedAddressError(
        family
          ? `${host} is a private-network address and allowPrivateNetworks is off`
          : `${host} resolves to private-network address ${bad.address} and allowPrivateNetworks is off`,
      );
    }
  }
  return addresses[0]!;
}
