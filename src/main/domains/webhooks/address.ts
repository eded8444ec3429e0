import dns from 'node:dns';
import net from 'node:net';
import { ApiError } from '../../http/errors.js';

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

// One list per family: a BlockList checks an IPv4 address against IPv6 rules as its IPv4-mapped form, so
// an IPv6 rule such as ::ffff:0:0/96 in a shared list would match (and refuse) every IPv4 address.
const LOOPBACK4 = new net.BlockList();
LOOPBACK4.addSubnet('127.0.0.0', 8, 'ipv4');
const LOOPBACK6 = new net.BlockList();
LOOPBACK6.addAddress('::1', 'ipv6');

const PRIVATE4 = new net.BlockList();
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
  PRIVATE4.addSubnet(net4, prefix, 'ipv4');
}
const PRIVATE6 = new net.BlockList();
for (const [net6, prefix] of [
  ['::', 96], // unspecified and IPv4-compatible
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // deprecated site-local
  ['ff00::', 8], // multicast
  ['64:ff9b:1::', 48], // local-use NAT64 (RFC 8215): translates to this network's own IPv4 hosts
  ['100::', 64], // discard-only
] as const) {
  PRIVATE6.addSubnet(net6, prefix, 'ipv6');
}

/** The 16 bytes of an IPv6 address (net.isIP already said it is one; a zone id is not expected). */
function ipv6Bytes(ip: string): number[] {
  let text = ip;
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    tail.push(...dotted[1]!.split('.').map(Number));
    text = text.slice(0, -dotted[1]!.length) + '0:0';
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const groups = (g: string | undefined) =>
    g
      ? g
          .split(':')
          .filter(Boolean)
          .map((h) => parseInt(h, 16))
      : [];
  const hi = groups(head);
  const lo = groups(rest);
  const words = rest === undefined ? hi : [...hi, ...new Array<number>(8 - hi.length - lo.length).fill(0), ...lo];
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

/**
 * The IPv4 host an IPv6 address stands for, where the network delivers it to that host: IPv4-mapped
 * (::ffff:a.b.c.d), NAT64 well-known prefix (64:ff9b::a.b.c.d) and 6to4 (2002:AABB:CCDD::). Such an address is
 * judged by its IPv4 host, so ::ffff:10.0.0.1 is private and ::ffff:127.0.0.1 is loopback.
 */
function embeddedIpv4(ip: string): string | null {
  const b = ipv6Bytes(ip);
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return b.slice(12, 16).join('.');
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) return b.slice(12, 16).join('.');
  if (b[0] === 0x20 && b[1] === 0x02) return b.slice(2, 6).join('.');
  return null;
}

export function classifyAddress(ip: string): AddressClass {
  const family = net.isIP(ip);
  if (family === 0) throw new Error(`Not an IP address: ${ip}`);
  if (family === 6) {
    const v4 = embeddedIpv4(ip);
    if (v4) return classifyAddress(v4);
    if (LOOPBACK6.check(ip, 'ipv6')) return 'loopback';
    return PRIVATE6.check(ip, 'ipv6') ? 'private' : 'public';
  }
  if (LOOPBACK4.check(ip, 'ipv4')) return 'loopback';
  return PRIVATE4.check(ip, 'ipv4') ? 'private' : 'public';
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
 * The addresses to connect to for one attempt, in resolver order. Every resolved address must pass (not just
 * the first), since the connection may fall back to any of them (happy eyeballs: `localhost` is often ::1
 * first while the receiver listens on 127.0.0.1 only).
 */
export async function resolveTargets(url: URL, allowPrivateNetworks: boolean, resolver: Resolver): Promise<ResolvedAddress[]> {
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
  return addresses;
}
