/**
 * Which addresses a feed fetch may connect to. A configured feed (or a redirect it sends)
 * must not reach this host or its network: loopback, link-local (cloud metadata at
 * 169.254.169.254), private, unique-local, CGNAT, multicast, reserved and unspecified
 * addresses are refused unless `fetch.allowPrivateNetworks` lists them by address or CIDR.
 *
 * The check runs where the address is final: in the DNS lookup the socket uses and on IP
 * literals just before connecting (fetch-feed.ts's undici connector), so a name that
 * resolves to a public address once and 127.0.0.1 the next time (DNS rebinding) is
 * caught on the connection itself, and every redirect hop opens its own connection.
 */
import { BlockList, isIP } from 'node:net';

// IANA special-purpose registries (RFC 6890 and successors).
const DENIED_V4: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network", 0.0.0.0
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];
const DENIED_V6: Array<[string, number]> = [
  ['::', 128], // unspecified
  ['::1', 128],
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local (fd00:ec2::254 is a metadata address)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
];

export interface AddressPolicy {
  /** Why this address is refused, or undefined when it may be connected to. */
  refusal(address: string): string | undefined;
}

export class AddressPolicyError extends Error {
  override name = 'AddressPolicyError';
  readonly code = 'ERR_ADDRESS_REFUSED';
}

/** Parses "10.0.0.5", "10.0.0.0/8", "fd00::/8", "::1" into a BlockList of allowed networks; throws on anything else. */
export function parseAllowList(entries: readonly string[]): BlockList {
  const allowed = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix, ...rest] = entry.trim().split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (family === 0 || rest.length > 0 || !Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32)) {
      throw new Error(`expected an IP address or CIDR (e.g. "10.0.0.5", "192.168.0.0/16", "fd00::/8"), got ${JSON.stringify(entry)}`);
    }
    allowed.addSubnet(address, bits, family === 6 ? 'ipv6' : 'ipv4');
  }
  return allowed;
}

/** True when the entry parses as an address or CIDR (config validation). */
export function isAddressOrCidr(entry: string): boolean {
  try {
    parseAllowList([entry]);
    return true;
  } catch {
    return false;
  }
}

export function createAddressPolicy(allowPrivateNetworks: readonly string[] = []): AddressPolicy {
  const denied = new BlockList();
  for (const [net, bits] of DENIED_V4) denied.addSubnet(net, bits, 'ipv4');
  for (const [net, bits] of DENIED_V6) denied.addSubnet(net, bits, 'ipv6');
  const allowed = parseAllowList(allowPrivateNetworks);
  return {
    refusal(address) {
      const family = isIP(address);
      if (family === 0) return `not an IP address: ${address}`;
      const type = family === 6 ? 'ipv6' : 'ipv4';
      // BlockList matches IPv4-mapped IPv6 (::ffff:127.0.0.1) against the IPv4 rules too.
      if (!denied.check(address, type) || allowed.check(address, type)) return undefined;
      return `${address} is a private, loopback or link-local address (allow it in fetch.allowPrivateNetworks)`;
    },
  };
}
