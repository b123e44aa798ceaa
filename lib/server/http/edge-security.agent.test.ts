// Security as deployed (issue 14): the built app behind its own HTTP server (scripts/serve.ts),
// reached over real TCP from 127.0.0.1. With RUNYARD_TRUSTED_PROXIES=none this test is a plain
// client whose X-Forwarded-* headers prove nothing; with the default (loopback) it stands where
// a reverse proxy would, and its X-Forwarded-For *is* the client's address.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { getAuth } from "@/lib/server/accounts/auth";
import { forgetTestAddressBudgets } from "@/lib/testing/address-budgets";
import { startAppServer, type AppServer } from "@/lib/testing/app-server";
import { uniqueName } from "@/lib/testing/fixtures";

let direct: AppServer;
let behindProxy: AppServer;

beforeAll(async () => {
  const databaseUrl = inject("databaseUrl");
  // The budgets live in the database every agent test file shares: other files' sign-ins from
  // 127.0.0.1 must not count here (the first test counts exactly five).
  await forgetTestAddressBudgets();
  [direct, behindProxy] = await Promise.all([
    startAppServer({ databaseUrl, env: { RUNYARD_TRUSTED_PROXIES: "none" } }),
    startAppServer({ databaseUrl, env: { RUNYARD_TRUSTED_PROXIES: "loopback" } }),
  ]);
  // A user, so /sign-in is a page rather than a redirect to first-run setup.
  const email = `${uniqueName("edge")}@example.com`;
  await (await getAuth()).api.signUpEmail({ body: { name: "Edge", email, password: "vivid otter lamp forty-two" }, headers: new Headers({ host: "runyard.test" }) });
});

afterAll(async () => {
  await Promise.all([direct?.stop(), behindProxy?.stop()]);
});

const signIn = (server: AppServer, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url, ...headers },
    body: JSON.stringify({ email: `${uniqueName("guess")}@example.com`, password: "not the password!" }),
  });

// Documentation addresses (RFC 5737), a new one each time: no two tests share a budget.
let lastAddress = 0;
const madeUp = () => `198.51.100.${++lastAddress}`;

describe("the client address behind the edge server", () => {
  it("a client cannot pick its own address: six sign-ins with six made-up X-Forwarded-For values, the sixth is 429", async () => {
    const statuses: number[] = [];
    for (const forwarded of [madeUp(), madeUp(), "a, b", madeUp(), `${madeUp()}, ${madeUp()}`, madeUp()]) {
      statuses.push((await signIn(direct, { "x-forwarded-for": forwarded, "x-real-ip": madeUp() })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it("a trusted proxy's X-Forwarded-For is used: each client behind it has its own budget, the right-most untrusted entry counts", async () => {
    const client = madeUp();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn(behindProxy, { "x-forwarded-for": client })).status);
    // Whatever the client wrote before it, the proxy appended the address it saw.
    statuses.push((await signIn(behindProxy, { "x-forwarded-for": `${madeUp()}, ${client}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const refused = await signIn(behindProxy, { "x-forwarded-for": client });
    expect((await refused.json()).detail).toMatch(/from your address: try again in \d+ seconds/);
    expect((await signIn(behindProxy, { "x-forwarded-for": madeUp() })).status).toBe(401);
  });
});

function expectCommonHeaders(response: Response, what: string) {
  expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(response.headers.get("referrer-policy"), what).toBe("same-origin");
  expect(response.headers.get("permissions-policy"), what).toMatch(/camera=\(\).*microphone=\(\)/);
  expect(response.headers.get("x-frame-options"), what).toBe("DENY");
  expect(response.headers.get("content-security-policy"), what).toMatch(/frame-ancestors 'none'/);
}

describe("security headers", () => {
  it("pages carry a CSP with a fresh nonce that Next puts on its scripts", async () => {
    const nonces: string[] = [];
    for (const path of ["/sign-in", "/sign-in", "/", "/no-such-page"]) {
      const response = await fetch(`${direct.url}${path}`, { redirect: "manual" });
      expectCommonHeaders(response, path);
      const csp = response.headers.get("content-security-policy")!;
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, `${path} nonce`).toBeDefined();
      expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      expect(csp).not.toMatch(/unsafe-eval|upgrade-insecure-requests/);
      expect(response.headers.get("strict-transport-security"), "no HSTS over plain http").toBeNull();
      nonces.push(nonce!);
      if (response.status === 200 || response.status === 404) {
        const html = await response.text();
        const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
        expect(scripts.length, `${path} has scripts`).toBeGreaterThan(0);
        for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
      } else {
        await response.arrayBuffer();
      }
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  it("API answers — success, problem, method not allowed, Better Auth's — carry them too", async () => {
    const answers = {
      health: await fetch(`${direct.url}/api/health`),
      problem: await fetch(`${direct.url}/api/v1/me`),
      "method not allowed": await fetch(`${direct.url}/api/v1/runs`, { method: "PUT" }),
      "unknown route": await fetch(`${direct.url}/api/v1/nope`),
      "auth session": await fetch(`${direct.url}/api/auth/get-session`),
      "auth refused": await fetch(`${direct.url}/api/auth/sign-out`, { method: "POST", headers: { origin: "http://evil.example" } }),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([k, r]) => [k, r.status]))).toEqual({
      health: 200, problem: 401, "method not allowed": 405, "unknown route": 404, "auth session": 200, "auth refused": 403,
    });
    for (const [what, response] of Object.entries(answers)) {
      expectCommonHeaders(response, what);
      expect(response.headers.get("content-security-policy"), what).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(response.headers.get("strict-transport-security"), what).toBeNull();
      await response.arrayBuffer();
    }
  });

  it("HSTS and upgrade-insecure-requests only when served over https — as a trusted proxy says, not as a client claims", async () => {
    const viaTls = { "x-forwarded-proto": "https", "x-forwarded-for": madeUp() };
    const page = await fetch(`${behindProxy.url}/sign-in`, { headers: viaTls });
    const api = await fetch(`${behindProxy.url}/api/health`, { headers: viaTls });
    for (const response of [page, api]) expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000");
    expect(page.headers.get("content-security-policy")).toMatch(/upgrade-insecure-requests/);
    const claimed = await fetch(`${direct.url}/sign-in`, { headers: viaTls });
    expect(claimed.headers.get("strict-transport-security")).toBeNull();
    expect(claimed.headers.get("content-security-policy")).not.toMatch(/upgrade-insecure-requests/);
    await Promise.all([page, api, claimed].map((r) => r.arrayBuffer()));
  });
});
