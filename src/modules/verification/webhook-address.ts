import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const refused = { ipv4: new BlockList(), ipv6: new BlockList() };
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  refused.ipv4.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['::ffff:0:0', 96], // IPv4-mapped
  ['64:ff9b::', 96], // NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32],
  ['fc00::', 7], // unique local, incl. the cloud metadata fd00:ec2::254
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  refused.ipv6.addSubnet(network, prefix, 'ipv6');
}

const LOOPBACK = new Set(['127.0.0.1', '::1']);

/** Whether a webhook may be sent to this IP address: public unicast only (loopback when allowed). */
export function isRefusedAddress(address: string, allowLoopback: boolean): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (allowLoopback && LOOPBACK.has(address)) return false;
  // Separate lists: Node matches IPv4 addresses against an IPv4-mapped IPv6 subnet.
  if (family === 4) return refused.ipv4.check(address, 'ipv4');
  return /^::ffff:/i.test(address) || refused.ipv6.check(address, 'ipv6');
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** The host's addresses, refused whole if any one is not public: a name must not mix in private ones. */
export async function resolvePublicAddress(
  hostname: string,
  allowLoopback: boolean,
): Promise<ResolvedAddress> {
  const host = hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host);
  const addresses = literal
    ? [{ address: host, family: literal }]
    : await lookup(host, { all: true, verbatim: true });
  const bad = addresses.find((a) => isRefusedAddress(a.address, allowLoopback));
  if (bad || addresses.length === 0)
    throw new RefusedAddressError(`${hostname} resolves to a refused address`);
  const first = addresses[0];
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

export class RefusedAddressError extends Error {}
