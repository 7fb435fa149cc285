import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { DomainError } from '../errors.ts';

/**
 * Where a webhook may be sent. A receiver URL is the owner's to choose, so without a guard it is a way to
 * make this server call its own network (SSRF): the database admin page, a cloud metadata endpoint. So a
 * URL whose host resolves to any special-use address is refused, at creation and again at every delivery
 * (DNS can change between the two: rebinding), and a delivery connects to the address that was checked.
 */

/** One resolved address, as `dns.lookup` gives it. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to its addresses; injected in tests. */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

export interface WebhookUrlPolicy {
  /** `WEBHOOK_ALLOW_PRIVATE_URLS`: for development and tests whose receivers run on loopback. */
  allowPrivate: boolean;
  resolve?: ResolveHost | undefined;
}

export const resolveWithSystemDns: ResolveHost = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
};

// IANA's special-purpose registries (RFC 6890 and successors), plus multicast and the reserved block:
// nothing here is a public receiver.
const SPECIAL_IPV4: Array<[string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const SPECIAL_IPV6: Array<[string, number]> = [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

const special = new BlockList();
for (const [network, prefix] of SPECIAL_IPV4) special.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of SPECIAL_IPV6) special.addSubnet(network, prefix, 'ipv6');

/** The IPv4 address inside an IPv4-mapped or -compatible IPv6 one (`::ffff:127.0.0.1`), if any. */
function embeddedIpv4(address: string): string | undefined {
  const match = /^(?:0*:)*:(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (match?.[1] !== undefined) return match[1];
  const hex = /^(?:0*:)*:ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex?.[1] === undefined || hex[2] === undefined) return undefined;
  const high = Number.parseInt(hex[1], 16);
  const low = Number.parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Private, loopback, link-local or otherwise special-use: not somewhere a webhook may go. */
export function isSpecialUseAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return special.check(address, 'ipv4');
  if (family !== 6) return true; // not an address at all: refuse rather than guess
  const inner = embeddedIpv4(address);
  if (inner !== undefined) return special.check(inner, 'ipv4');
  return special.check(address, 'ipv6');
}

function refuse(message: string, details: Record<string, unknown> = {}): never {
  throw new DomainError('webhook_url_refused', message, { details });
}

/** Parses a receiver URL: http(s), no credentials in it. */
export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('The webhook URL is not a valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') refuse('A webhook URL must use https or http.');
  if (url.username !== '' || url.password !== '')
    refuse('A webhook URL may not contain a user name or password.');
  return url;
}

/** The URL's host without IPv6 brackets. */
export function urlHostname(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Resolves the URL's host and checks every address it has (an attacker's name may answer with a public and
 * a private address). Returns the addresses a delivery may connect to; throws `webhook_url_refused`.
 */
export async function resolveWebhookTarget(url: URL, policy: WebhookUrlPolicy): Promise<ResolvedAddress[]> {
  const hostname = urlHostname(url);
  const literal = isIP(hostname);
  let addresses: ResolvedAddress[];
  if (literal !== 0) {
    addresses = [{ address: hostname, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await (policy.resolve ?? resolveWithSystemDns)(hostname);
    } catch (cause) {
      throw new DomainError('webhook_url_refused', 'The webhook URL’s host name does not resolve.', {
        cause,
        details: { hostname },
      });
    }
    if (addresses.length === 0) refuse('The webhook URL’s host name does not resolve.', { hostname });
  }
  if (!policy.allowPrivate) {
    const blocked = addresses.find((entry) => isSpecialUseAddress(entry.address));
    if (blocked !== undefined) {
      refuse('The webhook URL points to a private, loopback or otherwise non-public address.', {
        hostname,
        address: blocked.address,
      });
    }
  }
  return addresses;
}
