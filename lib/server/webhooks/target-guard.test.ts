// The SSRF guard: which addresses are refused, and that the address checked at delivery is the
// address connected to (a real local HTTP server stands for the internal service under attack).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendDelivery } from "@/lib/server/webhooks/send-delivery";
import { refusedAddress, resolveTarget, type Resolver } from "@/lib/server/webhooks/target-guard";

describe("addresses a webhook may not target", () => {
  it.each([
    ["127.0.0.1", "loopback"], ["127.255.0.9", "loopback"], ["::1", "loopback"], ["10.1.2.3", "private"], ["172.31.255.1", "private"],
    ["192.168.0.10", "private"], ["169.254.169.254", "link-local"], ["fe80::1", "link-local"], ["fd12:3456::1", "unique local"],
    ["::ffff:127.0.0.1", "IPv4-mapped"], ["::ffff:8.8.8.8", "IPv4-mapped"], ["0.0.0.0", "unspecified"], ["::", "unspecified"],
    ["100.64.0.1", "carrier-grade NAT"], ["64:ff9b::a00:1", "NAT64"], ["224.0.0.1", "multicast"], ["ff02::1", "multicast"],
  ])("%s is refused (%s)", (address, kind) => {
    expect(refusedAddress(address)).toContain(kind);
  });

  it.each(["8.8.8.8", "93.184.216.34", "172.32.0.1", "2606:4700:4700::1111", "2a00:1450:4001::200e"])("%s is public", (address) => {
    expect(refusedAddress(address)).toBeNull();
  });
});

describe("resolving a webhook target", () => {
  const resolver = (answers: Record<string, string[]>): Resolver => async (host) => {
    const addresses = answers[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  const refused = (url: string, answers: Record<string, string[]> = {}) => resolveTarget(new URL(url), { allowPrivate: false, resolve: resolver(answers) });

  it("refuses IP literals in every spelling the URL parser accepts", async () => {
    for (const url of ["http://127.0.0.1/", "http://2130706433/", "http://0x7f.1/", "http://017700000001/", "http://[::1]:8080/", "http://[::ffff:7f00:1]/", "http://169.254.169.254/latest/meta-data/"]) {
      await expect(refused(url), url).rejects.toThrow(/refused \(set RUNYARD_WEBHOOK_ALLOW_PRIVATE=1/);
    }
  });

  it("refuses names that resolve to a private address — also when only one of several does", async () => {
    await expect(refused("https://hooks.internal.example/x", { "hooks.internal.example": ["10.0.0.7"] })).rejects.toThrow("hooks.internal.example resolves to 10.0.0.7, which is a private address: refused");
    await expect(refused("https://mixed.example/x", { "mixed.example": ["93.184.216.34", "127.0.0.1"] })).rejects.toThrow("mixed.example resolves to 127.0.0.1, which is a loopback address");
    await expect(refused("https://ok.example/x", { "ok.example": ["93.184.216.34"] })).resolves.toEqual([{ address: "93.184.216.34", family: 4 }]);
  });

  it("allows private targets when the operator says so", async () => {
    await expect(resolveTarget(new URL("http://127.0.0.1:9/"), { allowPrivate: true })).resolves.toEqual([{ address: "127.0.0.1", family: 4 }]);
  });
});

describe("delivering to a guarded target", () => {
  let server: http.Server;
  let port: number;
  const received: string[] = [];
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      received.push(String(request.headers["x-runyard-delivery"]));
      request.resume();
      request.on("end", () => response.end("ok"));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const delivery = (id: string, host: string) => ({ id, event: "ping", attempt: 1, body: "{}", url: `http://${host}:${port}/hook`, secret: "s" });

  it("refuses at delivery a name that resolved to a public address when the endpoint was added and to loopback now (DNS rebinding)", async () => {
    let calls = 0;
    const rebinding: Resolver = async () => [{ address: ++calls === 1 ? "93.184.216.34" : "127.0.0.1", family: 4 }];
    await resolveTarget(new URL(`http://rebind.example:${port}/hook`), { allowPrivate: false, resolve: rebinding }); // the check when added
    const outcome = await sendDelivery(delivery("rebound", "rebind.example"), { timeoutMs: 5000, allowPrivate: false, resolve: rebinding });
    expect(outcome).toMatchObject({ result: "refused", status: null });
    expect(outcome.error).toContain("rebind.example resolves to 127.0.0.1, which is a loopback address");
    expect(received).not.toContain("rebound");
  });

  it("refuses a loopback IP literal before connecting, and delivers to it when private targets are allowed", async () => {
    expect(await sendDelivery(delivery("literal", "127.0.0.1"), { timeoutMs: 5000, allowPrivate: false })).toMatchObject({ result: "refused" });
    expect(received).not.toContain("literal");
    expect(await sendDelivery(delivery("allowed", "127.0.0.1"), { timeoutMs: 5000, allowPrivate: true })).toMatchObject({ result: "delivered", status: 200 });
    expect(received).toContain("allowed");
  });

  it("connects to the address it checked, not to a second lookup's", async () => {
    const answers = ["127.0.0.1"];
    const outcome = await sendDelivery(delivery("pinned", "pinned.example"), { timeoutMs: 5000, allowPrivate: true, resolve: async () => answers.map((address) => ({ address, family: 4 })) });
    expect(outcome).toMatchObject({ result: "delivered", status: 200 });
    expect(received).toContain("pinned");
  });
});
