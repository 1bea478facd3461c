import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Resolves a hostname to all its addresses; tests stub it. */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (hostname) =>
  lookup(hostname, { all: true, verbatim: true });

// Where a request from inside the network must not go unless the operator says so:
// loopback, private ranges, link-local (cloud metadata at 169.254.169.254), shared
// address space, "this network", multicast and reserved space.
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

/** True for an address a destination may not point at by default. */
export const isPrivateAddress = (address: string): boolean => {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family !== 6) return true; // not an address at all: refuse rather than guess
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped?.[1]) return blocked.check(mapped[1], 'ipv4');
  return blocked.check(bare, 'ipv6');
};

export type UrlCheck =
  | { ok: true; url: URL; addresses: { address: string; family: number }[] }
  | { ok: false; error: string };

/**
 * Whether a destination URL may be used, decided before any socket is opened: http(s)
 * only, and unless `allowPrivate`, neither the host nor any address it resolves to may be
 * private, loopback or link-local. The addresses returned are the ones to connect to, so
 * a name that resolves differently a moment later (DNS rebinding) changes nothing.
 */
export const checkDestinationUrl = async (
  raw: string,
  { allowPrivate, resolve = systemResolver }: { allowPrivate: boolean; resolve?: Resolver },
): Promise<UrlCheck> => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: 'not an absolute URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, error: `only http and https URLs are allowed, not ${url.protocol}` };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    if (!allowPrivate && isPrivateAddress(host))
      return { ok: false, error: `${host} is a private, loopback or link-local address` };
    return { ok: true, url, addresses: [{ address: host, family: isIP(host) }] };
  }
  let addresses: { address: string; family: number }[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    return { ok: false, error: `cannot resolve ${host}: ${(error as Error).message}` };
  }
  if (addresses.length === 0) return { ok: false, error: `${host} resolves to no address` };
  if (!allowPrivate) {
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad)
      return {
        ok: false,
        error: `${host} resolves to ${bad.address}, a private, loopback or link-local address`,
      };
  }
  return { ok: true, url, addresses };
};
