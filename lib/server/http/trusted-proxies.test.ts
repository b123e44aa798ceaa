import { describe, expect, it } from "vitest";
import { forwardedView, parseTrustedProxies } from "@/lib/server/http/trusted-proxies";

const base = { encrypted: false, host: "runyard.test:3000", forwardedFor: undefined, forwardedProto: undefined, forwardedHost: undefined };

describe("trusted proxies", () => {
  it("trusts loopback only by default, IPv4-mapped peers included", () => {
    const trusted = parseTrustedProxies(undefined);
    expect(trusted.has("127.0.0.1")).toBe(true);
    expect(trusted.has("::ffff:127.0.0.1")).toBe(true);
    expect(trusted.has("::1")).toBe(true);
    expect(trusted.has("10.0.0.5")).toBe(false);
    expect(trusted.has("not-an-address")).toBe(false);
  });

  it("reads addresses, CIDRs and keywords, and names an entry it cannot read", () => {
    const trusted = parseTrustedProxies("10.1.0.0/16, 192.168.7.7 fd00::/8");
    expect(trusted.has("10.1.200.3")).toBe(true);
    expect(trusted.has("10.2.0.1")).toBe(false);
    expect(trusted.has("192.168.7.7")).toBe(true);
    expect(trusted.has("fd00::1")).toBe(true);
    expect(trusted.has("127.0.0.1")).toBe(false);
    expect(parseTrustedProxies("none").has("127.0.0.1")).toBe(false);
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/10\.0\.0\.0\/33/);
    expect(() => parseTrustedProxies("proxy.internal")).toThrow(/"proxy\.internal"/);
  });
});

describe("forwardedView", () => {
  const loopback = parseTrustedProxies("loopback");

  it("ignores every forwarded header from a peer that is not a trusted proxy", () => {
    const view = forwardedView(
      { ...base, peer: "203.0.113.9", forwardedFor: "1.2.3.4", forwardedProto: "https", forwardedHost: "evil.example" },
      loopback,
    );
    expect(view).toEqual({ clientAddress: "203.0.113.9", proto: "http", host: "runyard.test:3000" });
  });

  it("takes the right-most entry that is not a trusted proxy, whatever the client wrote to its left", () => {
    const trusted = parseTrustedProxies("127.0.0.1, 10.0.0.0/8");
    const view = forwardedView({ ...base, peer: "127.0.0.1", forwardedFor: "6.6.6.6, 198.51.100.7, 10.0.0.2" }, trusted);
    expect(view.clientAddress).toBe("198.51.100.7");
  });

  it("uses the peer when an entry cannot be read, so garbage never becomes a shared bucket", () => {
    const view = forwardedView({ ...base, peer: "127.0.0.1", forwardedFor: "a, b" }, loopback);
    expect(view.clientAddress).toBe("127.0.0.1");
  });

  it("reads ports and brackets in entries", () => {
    expect(forwardedView({ ...base, peer: "::1", forwardedFor: "198.51.100.7:5123" }, loopback).clientAddress).toBe("198.51.100.7");
    expect(forwardedView({ ...base, peer: "::1", forwardedFor: "[2001:db8::5]:443" }, loopback).clientAddress).toBe("2001:db8::5");
  });

  it("believes a trusted proxy's scheme and host, and only sane values of them", () => {
    const view = forwardedView({ ...base, peer: "127.0.0.1", forwardedProto: "https", forwardedHost: "runyard.example.com" }, loopback);
    expect(view).toMatchObject({ proto: "https", host: "runyard.example.com" });
    const odd = forwardedView({ ...base, peer: "127.0.0.1", forwardedProto: "gopher", forwardedHost: "a b/c" }, loopback);
    expect(odd).toMatchObject({ proto: "http", host: "runyard.test:3000" });
  });
});
