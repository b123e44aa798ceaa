// The SSRF guard of webhooks: a delivery must not reach the control plane's own network
// (loopback, private, link-local, unique-local, metadata services…) unless the operator says
// so (RUNYARD_WEBHOOK_ALLOW_PRIVATE=1). A URL is checked when an endpoint is added, and again at
// every delivery by the socket's own DNS lookup — the address checked is the address
// connected to, so a name that resolves elsewhere later (DNS rebinding) is refused then.
import dns from "node:dns";
import net, { BlockList } from "node:net";

/** [network, prefix length, what it is — with its article, for messages] */
type Range = readonly [address: string, prefix: number, kind: string];

const IPV4: Range[] = [
  ["0.0.0.0", 8, "an unspecified"], ["10.0.0.0", 8, "a private"], ["100.64.0.0", 10, "a shared (carrier-grade NAT)"],
  ["127.0.0.0", 8, "a loopback"], ["169.254.0.0", 16, "a link-local"], ["172.16.0.0", 12, "a private"],
  ["192.0.0.0", 24, "an IETF protocol"], ["192.0.2.0", 24, "a documentation"], ["192.88.99.0", 24, "a 6to4 relay"],
  ["192.168.0.0", 16, "a private"], ["198.18.0.0", 15, "a benchmarking"], ["198.51.100.0", 24, "a documentation"],
  ["203.0.113.0", 24, "a documentation"], ["224.0.0.0", 4, "a multicast"], ["240.0.0.0", 4, "a reserved"],
];
const IPV6: Range[] = [
  ["::", 128, "an unspecified"], ["::1", 128, "a loopback"], ["::ffff:0:0", 96, "an IPv4-mapped"], ["::", 96, "an IPv4-compatible"],
  ["64:ff9b::", 96, "an NAT64"], ["64:ff9b:1::", 48, "an NAT64"], ["100::", 64, "a discard"], ["2001::", 32, "a Teredo"],
  ["2001:db8::", 32, "a documentation"], ["2002::", 16, "a 6to4"], ["fc00::", 7, "a unique local"], ["fe80::", 10, "a link-local"],
  ["fec0::", 10, "a site-local"], ["ff00::", 8, "a multicast"],
];

const lists = [...IPV4.map((r) => [r, "ipv4"] as const), ...IPV6.map((r) => [r, "ipv6"] as const)].map(([[address, prefix, kind], family]) => {
  const list = new BlockList();
  list.addSubnet(address, prefix, family);
  return { list, family, kind };
});

/** Why a target address is refused ("127.0.0.1 is a loopback address"), or null when it is public. */
export function refusedAddress(address: string): string | null {
  const version = net.isIP(address);
  if (version === 0) return `${address} is not an IP address`;
  const family = version === 4 ? "ipv4" : "ipv6";
  const hit = lists.find((entry) => entry.family === family && entry.list.check(address, family));
  return hit ? `${address} is ${hit.kind} address` : null;
}

export class TargetRefusedError extends Error {
  readonly code = "RUNYARD_TARGET_REFUSED";
}

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/** The URL's host without IPv6 brackets. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/**
 * Every address the target resolves to, refusing any that is not public (unless allowed): a
 * name with one public and one private address is refused, as the socket might pick either.
 */
export async function resolveTarget(url: URL, options: { allowPrivate: boolean; resolve?: Resolver }): Promise<{ address: string; family: number }[]> {
  const host = hostOf(url);
  const addresses = net.isIP(host) ? [{ address: host, family: net.isIP(host) }] : await (options.resolve ?? systemResolver)(host);
  if (addresses.length === 0) throw new TargetRefusedError(`${host} does not resolve to any address`);
  if (!options.allowPrivate) {
    for (const { address } of addresses) {
      const why = refusedAddress(address);
      if (!why) continue;
      const what = address === host ? why : `${host} resolves to ${why.replace(`${address} is `, `${address}, which is `)}`;
      throw new TargetRefusedError(`${what}: refused (set RUNYARD_WEBHOOK_ALLOW_PRIVATE=1 to allow private targets)`);
    }
  }
  return addresses;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request: resolves, refuses non-public addresses, and hands the socket
 * exactly the addresses it checked.
 */
export function guardedLookup(options: { allowPrivate: boolean; resolve?: Resolver }) {
  return (hostname: string, lookupOptions: { all?: boolean }, callback: LookupCallback): void => {
    resolveTarget(new URL(`http://${net.isIPv6(hostname) ? `[${hostname}]` : hostname}/`), options).then(
      (addresses) => (lookupOptions.all ? callback(null, addresses) : callback(null, addresses[0]!.address, addresses[0]!.family)),
      (error: NodeJS.ErrnoException) => callback(error, lookupOptions.all ? [] : "", undefined),
    );
  };
}
