import dns from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/**
 * docs/webhooks.md#the-address-guard: the CRM calls only receivers on public addresses, so that an administrator's
 * webhook (or a hostname that later resolves elsewhere) cannot make the server reach into its own network. What is
 * refused: every range ipaddr.js names other than plain unicast — loopback, private (RFC 1918), link-local,
 * carrier-grade NAT, unspecified, broadcast, multicast, reserved and documentation ranges, IPv6 unique-local,
 * link-local, site-local and the ranges that embed an IPv4 address (6to4, Teredo, NAT64) —, IPv4-mapped IPv6
 * addresses judged as the IPv4 address they carry, and the deprecated IPv4-compatible `::a.b.c.d`.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as InstanceType<typeof ipaddr.IPv6>;
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
    // ::/96 (IPv4-compatible, deprecated): its first 96 bits are zero
    else if (v6.parts.slice(0, 6).every((p) => p === 0)) return false;
  }
  return parsed.range() === 'unicast';
}

/** A URL's host without the brackets of an IPv6 literal. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

export type Resolved = { address: string; family: 4 | 6 };

/** Why a receiver may not be called; the message names the address (never the URL's secrets). */
export class AddressRefused extends Error {}

const LOOKUP_TIMEOUT_MS = 5_000;

/** Every address the host resolves to (an IP literal is its own), or an error when it does not resolve in time. */
export async function resolveHost(host: string): Promise<Resolved[]> {
  if (ipaddr.isValid(host)) return [{ address: host, family: host.includes(':') ? 6 : 4 }];
  let timer: NodeJS.Timeout | undefined;
  try {
    const found = await Promise.race([
      dns.lookup(host, { all: true, verbatim: true }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`looking up ${host} took over 5 s`)), LOOKUP_TIMEOUT_MS);
      }),
    ]);
    return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The address to connect to for `url` (docs/webhooks.md#the-address-guard, rule 2): the host is resolved once, every
 * address it has must be public (unless `allowPrivate`), and the caller connects to the one answered — so a name that
 * resolves to a public address when checked cannot send the request to a private one a moment later (DNS rebinding).
 */
export async function checkedAddress(url: URL, allowPrivate: boolean): Promise<Resolved> {
  const found = await resolveHost(hostOf(url));
  if (!found.length) throw new Error(`${hostOf(url)} has no address`);
  if (!allowPrivate) {
    const refused = found.find((a) => !isPublicAddress(a.address));
    if (refused) throw new AddressRefused(privateMessage(hostOf(url), refused.address));
  }
  return found[0]!;
}

export const privateMessage = (host: string, address: string) =>
  `${host === address ? address : `${host} (${address})`} is a loopback, private, link-local or otherwise ` +
  'non-public address; receivers there are refused unless the server runs with CRM_WEBHOOK_ALLOW_PRIVATE=1';

/**
 * The check when a receiver is saved (rule 1): an address literal or a host that resolves to a non-public address is
 * refused (the message says why); a host that does not resolve now is accepted — it is checked again at every
 * delivery, which fails until it resolves.
 */
export async function refusalOf(url: string, allowPrivate: boolean): Promise<string | null> {
  if (allowPrivate) return null;
  const host = hostOf(new URL(url));
  let found: Resolved[];
  try {
    found = await resolveHost(host);
  } catch {
    return null;
  }
  const refused = found.find((a) => !isPublicAddress(a.address));
  return refused ? privateMessage(host, refused.address) : null;
}
