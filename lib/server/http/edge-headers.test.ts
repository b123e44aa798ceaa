import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { rewriteForwardedHeaders } from "@/lib/server/http/edge-headers";
import { parseTrustedProxies } from "@/lib/server/http/trusted-proxies";

let close: (() => void) | undefined;
afterEach(() => close?.());

/** A real HTTP server on loopback that rewrites like scripts/serve.ts and echoes what the app would see. */
async function seenBy(trustedSpec: string, headers: Record<string, string>): Promise<IncomingHttpHeaders> {
  const trusted = parseTrustedProxies(trustedSpec);
  const server = createServer((request, response) => {
    rewriteForwardedHeaders(request, trusted);
    response.end(JSON.stringify(request.headers));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  close = () => server.close();
  const { port } = server.address() as AddressInfo;
  return (await fetch(`http://127.0.0.1:${port}/`, { headers })).json();
}

describe("forwarded headers as the app sees them", () => {
  const spoofed = { "x-forwarded-for": "6.6.6.6", "x-forwarded-proto": "https", "x-forwarded-host": "evil.example", forwarded: "for=6.6.6.6", "x-real-ip": "6.6.6.6" };

  it("replaces whatever an untrusted client wrote with its real address, scheme and host", async () => {
    const seen = await seenBy("none", spoofed);
    expect(seen["x-forwarded-for"]).toBe("127.0.0.1");
    expect(seen["x-forwarded-proto"]).toBe("http");
    expect(seen["x-forwarded-host"]).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(seen.forwarded).toBeUndefined();
    expect(seen["x-real-ip"]).toBeUndefined();
  });

  it("keeps what a trusted proxy says", async () => {
    const seen = await seenBy("loopback", { "x-forwarded-for": "198.51.100.7", "x-forwarded-proto": "https", "x-forwarded-host": "runyard.example.com" });
    expect(seen["x-forwarded-for"]).toBe("198.51.100.7");
    expect(seen["x-forwarded-proto"]).toBe("https");
    expect(seen["x-forwarded-host"]).toBe("runyard.example.com");
  });
});
