// Which peers may speak for a client. A request's X-Forwarded-For/-Proto/-Host headers are only
// believed when the TCP peer that sent them is a proxy the operator trusts
// (RUNYARD_TRUSTED_PROXIES: addresses and CIDRs, default loopback only); anyone else could
// write whatever they like in them — to dodge a rate limit or to forge links and cookie flags.
import { BlockList, isIP } from "node:net";

const KEYWORDS: Record<string, string[]> = {
  loopback: ["127.0.0.0/8", "::1/128"],
  private: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
};

export type TrustedProxies = { spec: string; has(address: string): boolean };

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is the IPv4 address 10.0.0.1. */
export function normaliseAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/**
 * Parses a comma- or space-separated list of addresses, CIDRs and the keywords `loopback`,
 * `private` and `none`. Throws an Error naming the first entry it cannot read.
 */
export function parseTrustedProxies(spec: string | undefined): TrustedProxies {
  const text = spec?.trim() || "loopback";
  const list = new BlockList();
  for (const entry of text.split(/[\s,]+/).filter(Boolean)) {
    if (entry === "none") continue;
    for (const item of KEYWORDS[entry] ?? [entry]) {
      const [address, bits, extra] = item.split("/");
      const family = isIP(address ?? "");
      if (!family || extra !== undefined) throw new Error(`"${entry}" is not an IP address, a CIDR, loopback, private or none`);
      const type = family === 4 ? "ipv4" : "ipv6";
      if (bits === undefined) {
        list.addAddress(address!, type);
        continue;
      }
      const prefix = Number(bits);
      if (!/^\d+$/.test(bits) || prefix > (family === 4 ? 32 : 128)) throw new Error(`"${entry}" has an invalid prefix length`);
      list.addSubnet(address!, prefix, type);
    }
  }
  return {
    spec: text,
    has(address: string) {
      const plain = normaliseAddress(address);
      const family = isIP(plain);
      return family !== 0 && list.check(plain, family === 4 ? "ipv4" : "ipv6");
    },
  };
}

/** One X-Forwarded-For entry as an address: drops a port and IPv6 brackets; undefined when unreadable. */
function forwardedAddress(entry: string): string | undefined {
  let value = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = normaliseAddress(value);
  return isIP(value) ? value : undefined;
}

export type ForwardedInput = {
  /** The TCP peer (socket.remoteAddress). */
  peer: string;
  /** Whether the connection itself is TLS. */
  encrypted: boolean;
  host: string | undefined;
  forwardedFor: string | undefined;
  forwardedProto: string | undefined;
  forwardedHost: string | undefined;
};

export type ForwardedView = { clientAddress: string; proto: "http" | "https"; host: string | undefined };

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * What a request says about its client, believing forwarded headers only as far as trusted
 * proxies vouch for them: the client is the right-most X-Forwarded-For entry that is not itself
 * a trusted proxy (entries left of it were written by the client and prove nothing); an entry
 * that cannot be read stops the walk and the peer is used.
 */
export function forwardedView(input: ForwardedInput, trusted: TrustedProxies): ForwardedView {
  const peer = normaliseAddress(input.peer);
  const direct: ForwardedView = { clientAddress: peer, proto: input.encrypted ? "https" : "http", host: input.host };
  if (!trusted.has(peer)) return direct;

  let clientAddress = peer;
  const entries = (input.forwardedFor ?? "").split(",").map((e) => e.trim()).filter(Boolean);
  for (let i = entries.length - 1; i >= 0; i--) {
    const address = forwardedAddress(entries[i]!);
    if (!address) {
      clientAddress = peer;
      break;
    }
    clientAddress = address;
    if (!trusted.has(address)) break;
  }
  const proto = input.forwardedProto?.split(",")[0]?.trim().toLowerCase();
  const host = input.forwardedHost?.split(",")[0]?.trim();
  return {
    clientAddress,
    proto: proto === "https" || proto === "http" ? proto : direct.proto,
    host: host && HOST.test(host) ? host : input.host,
  };
}
