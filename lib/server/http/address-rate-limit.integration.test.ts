// The public account routes (setup, accepting invitations) do expensive work for anybody who
// asks, so each client address gets PUBLIC_ROUTE_LIMIT calls a minute, then a 429 with the wait.
import { describe, expect, it } from "vitest";
import { PUBLIC_ROUTE_LIMIT } from "@/lib/server/http/address-rate-limit";
import { inProcessFetchFrom } from "@/lib/testing/in-process-fetch";
import { someIp } from "@/lib/testing/sessions";

const accept = (ip: string) =>
  inProcessFetchFrom(ip)("http://runyard.test/api/v1/account/invite", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: "no-such-invitation", name: "Guesser", password: "vivid otter lamp forty-two" }),
  });

describe("per-address limit on public account routes", () => {
  it(`answers 429 with the wait after ${PUBLIC_ROUTE_LIMIT.max} calls a minute from one address; others are unaffected`, async () => {
    const ip = someIp();
    const statuses: number[] = [];
    for (let i = 0; i <= PUBLIC_ROUTE_LIMIT.max; i++) statuses.push((await accept(ip)).status);
    expect(statuses).toEqual([...Array(PUBLIC_ROUTE_LIMIT.max).fill(404), 429]);
    const refused = await accept(ip);
    const wait = Number(refused.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(PUBLIC_ROUTE_LIMIT.windowSeconds);
    expect((await refused.json()).detail).toBe(`Too many requests from your address: try again in ${wait} seconds.`);
    expect((await accept(someIp())).status).toBe(404);
  });
});
