// Dashboard accounts: sessions act like tokens of their role's scope, inside their team only;
// members, invitations, tokens and the audit log.
import { describe, expect, it } from "vitest";
import { newTeam, rawRequest } from "@/lib/testing/fixtures";
import { ORIGIN, browser, cookiesOf, signIn, userInTeam } from "@/lib/testing/sessions";
import { inProcessFetch } from "@/lib/testing/in-process-fetch";

describe("dashboard sessions", () => {
  it("a signed-in admin acts as admin of their team, a member as scheduler", async () => {
    const team = await newTeam();
    const admin = await userInTeam(team.teamId, "admin");
    const member = await userInTeam(team.teamId, "member");
    expect((await admin.session.request("GET", "/api/v1/me")).body).toMatchObject({ teamId: team.teamId, scope: "admin" });
    expect((await member.session.request("GET", "/api/v1/me")).body).toMatchObject({ teamId: team.teamId, scope: "scheduler" });

    const worker = (await admin.session.request("POST", "/api/v1/workers", { name: "sess-gpu", labels: ["gpu"] })).body;
    expect((await member.session.request("GET", "/api/v1/workers")).body.items.map((w: { name: string }) => w.name)).toEqual(["sess-gpu"]);
    expect((await member.session.request("POST", "/api/v1/runs", { runsOn: ["gpu"] })).status).toBe(201);
    // A member may not retire workers or manage tokens: the server refuses, whatever the UI shows.
    expect((await member.session.request("DELETE", `/api/v1/workers/${worker.id}`)).status).toBe(403);
    expect((await member.session.request("POST", "/api/v1/tokens", { name: "x", scope: "admin" })).status).toBe(403);
    expect((await admin.session.request("GET", `/api/v1/workers/${worker.id}`)).body.draining).toBe(false);
  });

  it("sees only the team chosen in the switcher, and only teams the user belongs to", async () => {
    const a = await newTeam();
    const b = await newTeam();
    const stranger = await newTeam();
    await a.admin.registerComputeWorker({ name: "in-a" });
    await b.admin.registerComputeWorker({ name: "in-b" });
    await stranger.admin.registerComputeWorker({ name: "in-stranger" });
    const user = await userInTeam(a.teamId, "admin");
    const { pool } = await import("@/lib/db/pool");
    await pool().query("INSERT INTO team_members (team_id, user_id, role) VALUES ($1, $2, 'member')", [b.teamId, user.userId]);
    const names = async (teamCookie: string) =>
      (await browser(`${user.session.cookie}; runyard_team=${teamCookie}`).request("GET", "/api/v1/workers")).body.items.map((w: { name: string }) => w.name);
    expect(await names(b.teamId)).toEqual(["in-b"]);
    expect(await names(a.teamId)).toEqual(["in-a"]);
    expect(await names(stranger.teamId)).not.toContain("in-stranger");
    const teams = (await user.session.request("GET", "/api/v1/teams")).body.teams;
    expect(teams.map((t: { id: string }) => t.id).sort()).toEqual([a.teamId, b.teamId].sort());
  });

  it("refuses a state-changing request with the session cookie from another site (CSRF)", async () => {
    const team = await newTeam();
    const admin = await userInTeam(team.teamId, "admin");
    expect((await admin.session.request("POST", "/api/v1/workers", { name: "csrf-1" }, { origin: "https://evil.example" })).status).toBe(403);
    const noOrigin = await inProcessFetch(`${ORIGIN}/api/v1/workers`, {
      method: "POST",
      headers: { cookie: admin.session.cookie, host: "runyard.test", "content-type": "application/json" },
      body: JSON.stringify({ name: "csrf-2" }),
    });
    expect(noOrigin.status).toBe(403);
    expect((await team.admin.getComputeWorkers()).items).toEqual([]);
  });

  it("signs out: the session no longer works", async () => {
    const team = await newTeam();
    const admin = await userInTeam(team.teamId, "admin");
    const out = await inProcessFetch(`${ORIGIN}/api/auth/sign-out`, { method: "POST", headers: { cookie: admin.session.cookie, origin: ORIGIN, host: "runyard.test" } });
    expect(out.status).toBe(200);
    expect((await admin.session.request("GET", "/api/v1/me")).status).toBe(401);
  });

  it("rate-limits sign-in attempts", async () => {
    const team = await newTeam();
    const user = await userInTeam(team.teamId, "member");
    const statuses = [];
    const ip = "10.99.99.99";
    for (let i = 0; i < 7; i++) statuses.push((await signIn(user.email, "wrong password!!", ip)).status);
    expect(statuses.slice(0, 3).every((s) => s === 401)).toBe(true);
    expect(statuses).toContain(429);
  });

  it("keeps public sign-up closed: accounts come from setup or an invitation", async () => {
    const response = await inProcessFetch(`${ORIGIN}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, host: "runyard.test" },
      body: JSON.stringify({ name: "Eve", email: "eve@example.com", password: "long enough password" }),
    });
    expect(response.status).toBe(403);
  });
});

describe("members and invitations", () => {
  it("invites an email with a one-time link with which the person creates their account and joins", async () => {
    const team = await newTeam();
    const admin = await userInTeam(team.teamId, "admin");
    const invited = (await admin.session.request("POST", "/api/v1/members", { email: "New.Person@Example.com", role: "member" })).body.invite;
    expect(invited.link).toMatch(/\/invite\/[\w-]+$/);
    const token = invited.link.split("/invite/")[1];
    const accepted = await inProcessFetch(`${ORIGIN}/api/v1/account/invite`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token, name: "New Person", password: "a long password!" }),
    });
    expect(accepted.status).toBe(201);
    const newcomer = browser(cookiesOf(accepted));
    expect((await newcomer.request("GET", "/api/v1/me")).body).toMatchObject({ teamId: team.teamId, scope: "scheduler" });
    const again = await inProcessFetch(`${ORIGIN}/api/v1/account/invite`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token, name: "Again", password: "a long password!" }),
    });
    expect(again.status).toBe(404);
    const members = (await admin.session.request("GET", "/api/v1/members")).body.members.map((m: { email: string }) => m.email);
    expect(members).toEqual(expect.arrayContaining([admin.email, "new.person@example.com"]));
  });

  it("keeps at least one admin", async () => {
    const team = await newTeam();
    const admin = await userInTeam(team.teamId, "admin");
    const response = await admin.session.request("DELETE", `/api/v1/members/${admin.userId}`);
    expect(response.status).toBe(409);
  });
});

describe("tokens", () => {
  it("shows a new token's secret once, lists it without the secret, and refuses it once revoked", async () => {
    const team = await newTeam();
    const admin = await userInTeam(team.teamId, "admin");
    const created = await admin.session.request("POST", "/api/v1/tokens", { name: "ci", scope: "scheduler", expiresInDays: 30 });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^ry_/);
    expect(created.body.createdBy).toBe(admin.email);
    const listed = (await admin.session.request("GET", "/api/v1/tokens")).body.items;
    expect(JSON.stringify(listed)).not.toContain(created.body.secret);
    expect((await rawRequest("GET", "/api/v1/runs", { token: created.body.secret })).status).toBe(200);
    expect((await admin.session.request("DELETE", `/api/v1/tokens/${created.body.id}`)).body.revokedAt).not.toBeNull();
    expect((await rawRequest("GET", "/api/v1/runs", { token: created.body.secret })).status).toBe(401);
  });

  it("binds a worker token only to a worker of the same team", async () => {
    const team = await newTeam();
    const other = await newTeam();
    const theirs = await other.admin.registerComputeWorker({ name: "their-box" });
    const response = await rawRequest("POST", "/api/v1/tokens", { token: await team.tokenFor("admin"), body: JSON.stringify({ name: "x", scope: "worker", workerId: theirs.id }) });
    expect(response.status).toBe(404);
  });
});

describe("the audit log", () => {
  it("records who registered, drained, retired a worker, made and revoked a token, cancelled a run", async () => {
    const team = await newTeam();
    const admin = await userInTeam(team.teamId, "admin");
    const worker = (await admin.session.request("POST", "/api/v1/workers", { name: "audited" })).body;
    await team.admin.drainComputeWorker(worker.id);
    await admin.session.request("POST", `/api/v1/workers/${worker.id}/resume`, {});
    const token = (await admin.session.request("POST", "/api/v1/tokens", { name: "audit-token", scope: "worker" })).body;
    await admin.session.request("DELETE", `/api/v1/tokens/${token.id}`);
    const run = await team.admin.scheduleComputeWorkerRun({ name: "to-cancel" });
    await admin.session.request("POST", `/api/v1/runs/${run.id}/cancel`, {});
    await admin.session.request("DELETE", `/api/v1/workers/${worker.id}`);

    const log = (await admin.session.request("GET", "/api/v1/audit")).body.items;
    expect(log.map((e: { action: string; actor: string }) => [e.action, e.actor === admin.email ? "user" : "token"]).reverse()).toEqual([
      ["worker.registered", "user"], ["worker.drained", "token"], ["worker.resumed", "user"], ["token.created", "user"],
      ["token.revoked", "user"], ["run.canceled", "user"], ["worker.retired", "user"],
    ]);
    const filtered = (await admin.session.request("GET", "/api/v1/audit?action=token.created&action=token.revoked")).body.items;
    expect(filtered.map((e: { action: string }) => e.action)).toEqual(["token.revoked", "token.created"]);
    // Members cannot read it.
    const member = await userInTeam(team.teamId, "member");
    expect((await member.session.request("GET", "/api/v1/audit")).status).toBe(403);
  });
});
