// Joining a team needs the user's consent (issue 14, finding 3): a team admin adding an email
// always makes an invitation — the answer is the same whether or not the email has an
// account — and a user who has one joins only by accepting it while signed in. Nobody's
// current team changes except by their own action.
import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db/pool";
import { newTeam, uniqueName } from "@/lib/testing/fixtures";
import { inProcessFetch } from "@/lib/testing/in-process-fetch";
import { ORIGIN, browser, cookiesOf, userInTeam } from "@/lib/testing/sessions";
import { ensureTeam } from "@/lib/server/teams/ensure-team";
import { createToken } from "@/lib/server/auth/tokens";
import { RunyardClient } from "@/lib/client/runyard-client";

const tokenOf = (link: string) => link.split("/invite/")[1]!;

/** The answer with what differs between any two invitations (ids, times, emails, links) blanked out. */
function shape(body: unknown): unknown {
  return JSON.parse(JSON.stringify(body), (key, value) => (["id", "email", "link", "createdAt", "expiresAt"].includes(key) ? "…" : value));
}

describe("adding someone by email", () => {
  it("answers the same for an email with an account and one without, and adds neither to the team", async () => {
    const team = await newTeam();
    const admin = await userInTeam(team.teamId, "admin");
    const existing = await userInTeam((await newTeam()).teamId, "admin");
    const forExisting = await admin.session.request("POST", "/api/v1/members", { email: existing.email, role: "member" });
    const forNobody = await admin.session.request("POST", "/api/v1/members", { email: `${uniqueName("nobody")}@example.com`, role: "member" });
    expect(forExisting.status).toBe(forNobody.status);
    expect(shape(forExisting.body)).toEqual(shape(forNobody.body));
    expect(forExisting.body.invite.link).toMatch(/^http:\/\/runyard\.test\/invite\/[\w-]+$/);
    const members = (await admin.session.request("GET", "/api/v1/members")).body;
    expect(members.members.map((m: { email: string }) => m.email)).not.toContain(existing.email);
    expect(members.invites.map((i: { email: string }) => i.email)).toContain(existing.email);
    // The invited user is not in the team until they say so.
    expect((await existing.session.request("GET", "/api/v1/teams")).body.teams.map((t: { id: string }) => t.id)).not.toContain(team.teamId);
  });

  it("refuses an email that is already a member of this team (the admin sees the member list anyway)", async () => {
    const team = await newTeam();
    const admin = await userInTeam(team.teamId, "admin");
    const member = await userInTeam(team.teamId, "member");
    const again = await admin.session.request("POST", "/api/v1/members", { email: member.email.toUpperCase(), role: "admin" });
    expect(again.status).toBe(409);
    const roles = (await admin.session.request("GET", "/api/v1/members")).body.members.map((m: { email: string; role: string }) => [m.email, m.role]);
    expect(roles).toContainEqual([member.email, "member"]);
  });
});

describe("accepting an invitation with an existing account", () => {
  it("joins only when the invited user accepts while signed in; their current team stays theirs to choose", async () => {
    // The newcomer's own team sorts last, so a default of "first by name" would switch them.
    const home = await ensureTeam(`zz-home-${uniqueName()}`);
    const user = await userInTeam(home, "admin");
    const inviting = await ensureTeam(`aa-inviting-${uniqueName()}`);
    const admin = await userInTeam(inviting, "admin");
    const invite = (await admin.session.request("POST", "/api/v1/members", { email: user.email, role: "member" })).body.invite;

    expect((await user.session.request("GET", "/api/v1/me")).body.teamId).toBe(home);
    const accepted = await user.session.request("POST", "/api/v1/account/invite/join", { token: tokenOf(invite.link) });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ teamId: inviting, role: "member" });
    const teams = (await user.session.request("GET", "/api/v1/teams")).body.teams.map((t: { id: string }) => t.id);
    expect(teams.sort()).toEqual([home, inviting].sort());
    // A session that did not make that choice (no team cookie, e.g. another browser) stays in
    // the team it was in; the accepting browser got the new team's cookie with its answer.
    expect((await user.session.request("GET", "/api/v1/me")).body.teamId).toBe(home);
    expect((await browser(`${user.session.cookie}; runyard_team=${inviting}`).request("GET", "/api/v1/me")).body).toMatchObject({ teamId: inviting, scope: "scheduler" });
    // Used once.
    expect((await user.session.request("POST", "/api/v1/account/invite/join", { token: tokenOf(invite.link) })).status).toBe(404);
  });

  it("refuses another signed-in user, a cross-site request and a missing session; the invitation stays open", async () => {
    const inviting = await newTeam();
    const admin = await userInTeam(inviting.teamId, "admin");
    const invited = await userInTeam((await newTeam()).teamId, "admin");
    const stranger = await userInTeam((await newTeam()).teamId, "admin");
    const token = tokenOf((await admin.session.request("POST", "/api/v1/members", { email: invited.email, role: "admin" })).body.invite.link);

    const wrongUser = await stranger.session.request("POST", "/api/v1/account/invite/join", { token });
    expect(wrongUser.status).toBe(403);
    expect(wrongUser.body.detail).toMatch(/sign in as the invited/i);
    expect((await invited.session.request("POST", "/api/v1/account/invite/join", { token }, { origin: "http://evil.example" })).status).toBe(403);
    const anonymous = await inProcessFetch(`${ORIGIN}/api/v1/account/invite/join`, {
      method: "POST", headers: { "content-type": "application/json", origin: ORIGIN, host: "runyard.test" }, body: JSON.stringify({ token }),
    });
    expect(anonymous.status).toBe(401);
    expect((await admin.session.request("GET", "/api/v1/members")).body.invites.map((i: { email: string }) => i.email)).toContain(invited.email);
    expect((await invited.session.request("POST", "/api/v1/account/invite/join", { token })).status).toBe(200);
  });

  it("a user in no team at all can accept (removed from their last team, say)", async () => {
    const inviting = await newTeam();
    const admin = await userInTeam(inviting.teamId, "admin");
    const user = await userInTeam((await newTeam()).teamId, "member");
    await pool().query("DELETE FROM team_members WHERE user_id = $1", [user.userId]);
    expect((await user.session.request("GET", "/api/v1/me")).status).toBe(403);
    const token = tokenOf((await admin.session.request("POST", "/api/v1/members", { email: user.email, role: "member" })).body.invite.link);
    expect((await user.session.request("POST", "/api/v1/account/invite/join", { token })).status).toBe(200);
    expect((await user.session.request("GET", "/api/v1/me")).body.teamId).toBe(inviting.teamId);
  });

  it("creating a new account with an invitation for an email that has one is refused: sign in and accept instead", async () => {
    const inviting = await newTeam();
    const admin = await userInTeam(inviting.teamId, "admin");
    const existing = await userInTeam((await newTeam()).teamId, "member");
    const token = tokenOf((await admin.session.request("POST", "/api/v1/members", { email: existing.email, role: "member" })).body.invite.link);
    const response = await inProcessFetch(`${ORIGIN}/api/v1/account/invite`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token, name: "Eve", password: "a completely new password" }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).detail).toMatch(/sign in/);
    expect(cookiesOf(response)).toBe("");
  });

  it("an API token cannot accept for anybody (the route is the dashboard's)", async () => {
    const inviting = await newTeam();
    const admin = await userInTeam(inviting.teamId, "admin");
    const other = await newTeam();
    const token = tokenOf((await admin.session.request("POST", "/api/v1/members", { email: `${uniqueName("x")}@example.com`, role: "member" })).body.invite.link);
    const client = new RunyardClient({ baseUrl: ORIGIN, token: (await createToken({ teamId: other.teamId, scope: "admin", name: "t" })).secret, fetch: inProcessFetch });
    await expect(client.joinTeam({ token })).rejects.toMatchObject({ status: 401 });
  });
});
