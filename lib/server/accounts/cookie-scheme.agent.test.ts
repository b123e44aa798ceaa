// Issue 12: cookies follow the scheme. The built app behind its own HTTP server, reached over
// real TCP with the Host a LAN server would have (runyard.test): over plain http the session
// cookie must not be Secure (browsers drop Secure cookies on http origins, so nobody could sign
// in); through a trusted proxy that says X-Forwarded-Proto: https it must be; and a client
// that is not a trusted proxy cannot make it so by writing the header itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { getAuth } from "@/lib/server/accounts/auth";
import { startAppServer, type AppServer } from "@/lib/testing/app-server";
import { uniqueName } from "@/lib/testing/fixtures";

let direct: AppServer;
let behindProxy: AppServer;
let pinnedHttps: AppServer;
const password = "vivid otter lamp forty-two";
let email: string;

beforeAll(async () => {
  const databaseUrl = inject("databaseUrl");
  [direct, behindProxy, pinnedHttps] = await Promise.all([
    startAppServer({ databaseUrl, env: { RUNYARD_TRUSTED_PROXIES: "none", RUNYARD_BIND: "0.0.0.0" } }),
    startAppServer({ databaseUrl, env: { RUNYARD_TRUSTED_PROXIES: "loopback", RUNYARD_BIND: "127.0.0.1" } }),
    startAppServer({ databaseUrl, env: { RUNYARD_TRUSTED_PROXIES: "none", RUNYARD_PUBLIC_URL: "https://runyard.example.com" } }),
  ]);
  email = `${uniqueName("scheme")}@example.com`.toLowerCase();
  await (await getAuth()).api.signUpEmail({ body: { name: "Scheme", email, password }, headers: new Headers({ host: "runyard.test" }) });
});

afterAll(async () => {
  await Promise.all([direct?.stop(), behindProxy?.stop(), pinnedHttps?.stop()]);
});

/** Signs in as a browser at `origin` would, the request going to `server` over TCP. */
async function signIn(server: AppServer, origin: string, headers: Record<string, string> = {}) {
  const host = new URL(origin).host;
  const response = await fetch(`${server.url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", host, origin, ...headers },
    body: JSON.stringify({ email, password }),
  });
  const cookies = response.headers.getSetCookie();
  const session = cookies.find((c) => /better-auth\.session_token=/.test(c));
  return { status: response.status, session, cookies };
}

describe("the session cookie follows the scheme", () => {
  it("over plain http on a LAN name: not Secure, no __Secure- prefix, and the session works", async () => {
    const origin = `http://runyard.test:${direct.port}`;
    const { status, session } = await signIn(direct, origin);
    expect(status).toBe(200);
    expect(session).toMatch(/^better-auth\.session_token=/);
    expect(session).not.toMatch(/;\s*Secure/i);
    // The cookie the browser keeps opens the dashboard's own API.
    const cookie = session!.split(";")[0]!;
    const me = await fetch(`${direct.url}/api/auth/get-session`, { headers: { host: new URL(origin).host, cookie } });
    expect(me.status).toBe(200);
    expect((await me.json())?.user?.email).toBe(email);
  });

  it("through a trusted proxy that terminated https: Secure with the __Secure- prefix", async () => {
    const { status, session } = await signIn(behindProxy, "https://runyard.test", {
      "x-forwarded-proto": "https",
      "x-forwarded-host": "runyard.test",
      "x-forwarded-for": "198.51.100.7",
    });
    expect(status).toBe(200);
    expect(session).toMatch(/^__Secure-better-auth\.session_token=/);
    expect(session).toMatch(/;\s*Secure/i);
    const cookie = session!.split(";")[0]!;
    const me = await fetch(`${behindProxy.url}/api/auth/get-session`, {
      headers: { host: "runyard.test", "x-forwarded-proto": "https", "x-forwarded-host": "runyard.test", cookie },
    });
    expect((await me.json())?.user?.email).toBe(email);
  });

  it("from a peer that is not a trusted proxy, X-Forwarded-Proto: https is ignored", async () => {
    const origin = `http://runyard.test:${direct.port}`;
    const { status, session } = await signIn(direct, origin, { "x-forwarded-proto": "https", "x-forwarded-host": "evil.test" });
    expect(status).toBe(200);
    expect(session).toMatch(/^better-auth\.session_token=/);
    expect(session).not.toMatch(/;\s*Secure/i);
  });

  it("RUNYARD_PUBLIC_URL=https://… makes cookies Secure whatever the request", async () => {
    const { status, session } = await signIn(pinnedHttps, "https://runyard.example.com", { host: "runyard.example.com" });
    expect(status).toBe(200);
    expect(session).toMatch(/^__Secure-better-auth\.session_token=.*;\s*Secure/i);
  });
});

describe("the start log", () => {
  it("says once that plain http on a network address is unencrypted, and not on loopback or behind https", () => {
    const warning = /session cookies travel unencrypted/;
    expect(direct.output().match(new RegExp(warning.source, "g"))?.length).toBe(1);
    expect(direct.output()).toMatch(/docs\/deployment\.md/);
    expect(behindProxy.output()).not.toMatch(warning);
    expect(pinnedHttps.output()).not.toMatch(warning);
  });
});
