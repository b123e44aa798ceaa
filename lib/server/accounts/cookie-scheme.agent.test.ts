// Issue 12: cookies follow the scheme. The built app behind its own HTTP server, reached over
// real TCP with the Host a LAN server would have (runyard.test): over plain http the session
// cookie must not be Secure (browsers drop Secure cookies on http origins, so nobody could sign
// in); through a trusted proxy that says X-Forwarded-Proto: https it must be; and a client
// that is not a trusted proxy cannot make it so by writing the header itself.
import { spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { getAuth } from "@/lib/server/accounts/auth";
import { createToken } from "@/lib/server/auth/tokens";
import { ensureTeam } from "@/lib/server/teams/ensure-team";
import { forgetTestAddressBudgets } from "@/lib/testing/address-budgets";
import { startAppServer, type AppServer } from "@/lib/testing/app-server";
import { uniqueName } from "@/lib/testing/fixtures";

let direct: AppServer;
let behindProxy: AppServer;
let pinnedHttps: AppServer;
const password = "vivid otter lamp forty-two";
let email: string;

beforeAll(async () => {
  const databaseUrl = inject("databaseUrl");
  // Sign-ins from 127.0.0.1 that other agent test files made (the database is shared) must not
  // use up this file's budget for that address.
  await forgetTestAddressBudgets();
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

type Answer = { status: number; cookies: string[]; body: string };

/** One request over TCP to 127.0.0.1 with the Host header we choose (fetch would not send it). */
function send(server: AppServer, method: string, pathname: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: server.port, method, path: pathname, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, cookies: res.headers["set-cookie"] ?? [], body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Signs in as a browser at `origin` would, the request going to `server` over TCP. */
async function signIn(server: AppServer, origin: string, headers: Record<string, string> = {}) {
  const host = new URL(origin).host;
  const answer = await send(server, "POST", "/api/auth/sign-in/email", { "content-type": "application/json", host, origin, ...headers }, JSON.stringify({ email, password }));
  const session = answer.cookies.find((c) => /better-auth\.session_token=/.test(c));
  return { status: answer.status, session, cookies: answer.cookies };
}

async function sessionEmail(server: AppServer, headers: Record<string, string>): Promise<string | undefined> {
  const answer = await send(server, "GET", "/api/auth/get-session", headers);
  return answer.status === 200 ? (JSON.parse(answer.body) as { user?: { email?: string } } | null)?.user?.email : undefined;
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
    expect(await sessionEmail(direct, { host: new URL(origin).host, cookie })).toBe(email);
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
    expect(await sessionEmail(behindProxy, { host: "runyard.test", "x-forwarded-proto": "https", "x-forwarded-host": "runyard.test", cookie })).toBe(email);
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

describe("every link comes from the public address", () => {
  async function adminToken() {
    const teamId = await ensureTeam(uniqueName("links"));
    return (await createToken({ teamId, scope: "admin", name: "links" })).secret;
  }

  it("an invitation made on a LAN name links to that name, not localhost", async () => {
    const token = await adminToken();
    const host = `runyard.test:${direct.port}`;
    const answer = await send(direct, "POST", "/api/v1/members", { host, authorization: `Bearer ${token}`, "content-type": "application/json" }, JSON.stringify({ email: `${uniqueName("lan")}@example.com`, role: "member" }));
    expect(answer.status, answer.body).toBe(200);
    expect(answer.body).toContain(`"http://runyard.test:${direct.port}/invite/`);
  });

  it("with RUNYARD_PUBLIC_URL: invitations and the CLI's run links use it, whatever address the caller used", async () => {
    const token = await adminToken();
    const invited = await fetch(`${pinnedHttps.url}/api/v1/members`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ email: `${uniqueName("pinned")}@example.com`, role: "member" }),
    });
    expect(invited.headers.get("x-runyard-public-url")).toBe("https://runyard.example.com");
    expect(JSON.stringify(await invited.json())).toContain('"https://runyard.example.com/invite/');

    const cli = spawn(process.execPath, [path.join(process.cwd(), "cli", "bin.mjs"), "runs", "schedule", "--name", "linked"], {
      env: { ...process.env, RUNYARD_URL: pinnedHttps.url, RUNYARD_TOKEN: token },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    cli.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    cli.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise((resolve) => cli.once("close", resolve));
    expect(code, stderr).toBe(0);
    expect(stderr).toContain(`https://runyard.example.com/runs/${stdout.trim()}`);
    expect(stderr).not.toContain("127.0.0.1");
  });
});
