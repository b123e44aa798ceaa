// Changing a member's role (issue 15): admins only; a team keeps at least one admin, and the
// refusal is a problem+json 409 `last_admin` that says what to do, for removing too.
import { describe, expect, it } from "vitest";
import { newTeam } from "@/lib/testing/fixtures";
import { userInTeam } from "@/lib/testing/sessions";

describe("a member's role", () => {
  it("is changed by an admin, both ways, with an audit entry", async () => {
    const team = await newTeam();
    const admin = await userInTeam(team.teamId, "admin");
    const member = await userInTeam(team.teamId, "member");
    const promoted = await admin.session.request("PATCH", `/api/v1/members/${member.userId}`, { role: "admin" });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ userId: member.userId, email: member.email, role: "admin" });
    expect((await member.session.request("GET", "/api/v1/me")).body).toMatchObject({ scope: "admin" });
    // Now there are two admins: the first may step down.
    const down = await admin.session.request("PATCH", `/api/v1/members/${admin.userId}`, { role: "member" });
    expect(down.body).toMatchObject({ role: "member" });
    const audit = await team.admin.getAuditLog();
    expect(audit.items.filter((e) => e.action === "member.role_changed").map((e) => e.summary)).toEqual([
      `made ${admin.email} member (was admin)`, `made ${member.email} admin (was member)`,
    ]);
  });

  it("is not changed by a member (403), nor for someone outside the team (404), nor to a role that does not exist (400)", async () => {
    const team = await newTeam();
    const admin = await userInTeam(team.teamId, "admin");
    const member = await userInTeam(team.teamId, "member");
    expect((await member.session.request("PATCH", `/api/v1/members/${member.userId}`, { role: "admin" })).status).toBe(403);
    const stranger = await userInTeam((await newTeam()).teamId, "member");
    expect((await admin.session.request("PATCH", `/api/v1/members/${stranger.userId}`, { role: "admin" })).status).toBe(404);
    const bad = await admin.session.request("PATCH", `/api/v1/members/${member.userId}`, { role: "owner" });
    expect(bad.status).toBe(400);
    expect(bad.body.invalidParams[0].name).toBe("role");
  });

  it("keeps the last admin: 409 last_admin with a clear message, for a role change and for removal", async () => {
    const team = await newTeam();
    const admin = await userInTeam(team.teamId, "admin");
    const demote = await admin.session.request("PATCH", `/api/v1/members/${admin.userId}`, { role: "member" });
    expect(demote.status).toBe(409);
    expect(demote.body).toMatchObject({ code: "last_admin", title: "A team needs an admin", detail: expect.stringContaining("only admin: make someone else admin first") });
    const remove = await admin.session.request("DELETE", `/api/v1/members/${admin.userId}`);
    expect(remove.status).toBe(409);
    expect(remove.body).toMatchObject({ code: "last_admin", detail: expect.stringContaining("make someone else admin first") });
  });
});
