// Cross-site requests (issue 14, finding 2): the session cookie rides along on requests another
// site makes the browser send, so every state-changing request made with it — Better Auth's
// /api/auth/* included — must come from Runyard's own public origin, exactly.
import { describe, expect, it } from "vitest";
import { newTeam } from "@/lib/testing/fixtures";
import { inProcessFetch, inProcessFetchFrom } from "@/lib/testing/in-process-fetch";
import { ORIGIN, browser, someIp, userInTeam } from "@/lib/testing/sessions";

const auth = (path: string, cookie: string, origin: string | null, body?: unknown) =>
  inProcessFetch(`${ORIGIN}/api/auth/${path}`, {
    method: "POST",
    headers: { cookie, host: "runyard.test", "content-type": "application/json", ...(origin === null ? {} : { origin }) },
    body: JSON.stringify(body ?? {}),
  });

const FOREIGN = ["http://evil.example", "https://runyard.test", "http://runyard.test.evil.example", "null"];

describe("Better Auth's routes refuse other origins", () => {
  it("update-user from a foreign or missing Origin is refused with 403 and changes nothing", async () => {
    const team = await newTeam();
    const user = await userInTeam(team.teamId, "member");
    for (const origin of [...FOREIGN, null]) {
      const response = await auth("update-user", user.session.cookie, origin, { name: "Mallory" });
      expect(response.status, `Origin ${origin}`).toBe(403);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
    }
    const session = await inProcessFetch(`${ORIGIN}/api/auth/get-session`, { headers: { cookie: user.session.cookie, host: "runyard.test" } });
    expect((await session.json()).user.name).toBe("member user");
    // From the dashboard itself it works.
    expect((await auth("update-user", user.session.cookie, ORIGIN, { name: "Max" })).status).toBe(200);
  });

  it("sign-out from a foreign origin is refused and the session lives on", async () => {
    const team = await newTeam();
    const user = await userInTeam(team.teamId, "member");
    expect((await auth("sign-out", user.session.cookie, "http://evil.example")).status).toBe(403);
    expect((await auth("sign-out", user.session.cookie, null)).status).toBe(403);
    expect((await user.session.request("GET", "/api/v1/me")).status).toBe(200);
    expect((await auth("sign-out", user.session.cookie, ORIGIN)).status).toBe(200);
    expect((await user.session.request("GET", "/api/v1/me")).status).toBe(401);
  });

  it("sign-in from a foreign or missing origin is refused (login CSRF) and sets no cookie", async () => {
    const team = await newTeam();
    const user = await userInTeam(team.teamId, "member");
    for (const origin of ["http://evil.example", null]) {
      const response = await inProcessFetchFrom(someIp())(`${ORIGIN}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { host: "runyard.test", "content-type": "application/json", ...(origin ? { origin } : {}) },
        body: JSON.stringify({ email: user.email, password: user.password }),
      });
      expect(response.status, `Origin ${origin}`).toBe(403);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
  });
});

describe("the API's own check for session requests", () => {
  it("compares the whole origin, scheme included: https://runyard.test is not http://runyard.test", async () => {
    const team = await newTeam();
    const admin = await userInTeam(team.teamId, "admin");
    expect((await admin.session.request("POST", "/api/v1/workers", { name: "csrf-scheme" }, { origin: "https://runyard.test" })).status).toBe(403);
    expect((await admin.session.request("POST", "/api/v1/workers", { name: "csrf-port" }, { origin: "http://runyard.test:8080" })).status).toBe(403);
    expect((await team.admin.getComputeWorkers()).items).toEqual([]);
    expect((await browser(admin.session.cookie).request("POST", "/api/v1/workers", { name: "csrf-own" })).status).toBe(201);
  });
});
