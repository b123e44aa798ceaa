// Weak passwords (issue 14, finding 6): besides the length rule, passwords that are common or
// easy to guess are refused wherever one is chosen — with a reason the form shows beside the
// field. (First-run setup: setup.integration.test.ts.)
import { describe, expect, it } from "vitest";
import { newTeam, uniqueName } from "@/lib/testing/fixtures";
import { inProcessFetch } from "@/lib/testing/in-process-fetch";
import { ORIGIN, signIn, someIp, userInTeam } from "@/lib/testing/sessions";

async function invitation(email = `${uniqueName("pw")}@example.com`) {
  const team = await newTeam();
  const admin = await userInTeam(team.teamId, "admin");
  const link: string = (await admin.session.request("POST", "/api/v1/members", { email, role: "member" })).body.invite.link;
  return { token: link.split("/invite/")[1]!, email };
}

const accept = (token: string, name: string, password: string) =>
  inProcessFetch(`${ORIGIN}/api/v1/account/invite`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token, name, password }) });

describe("choosing a password with an invitation", () => {
  it.each([
    ["aaaaaaaaaa", /repeat/i],
    ["password123", /common/i],
    ["qwertyuiop", /common|keyboard/i],
    ["1234567890", /common|sequence/i],
  ])("refuses %s and says why", async (password, why) => {
    const { token } = await invitation();
    const response = await accept(token, "Newcomer", password);
    expect(response.status).toBe(400);
    const [param] = (await response.json()).invalidParams;
    expect(param.name).toBe("password");
    expect(param.reason).toMatch(why);
    expect(param.reason).toMatch(/easy to guess/);
  });

  it("refuses a password made of the person's own name or email", async () => {
    const { token, email } = await invitation(`${uniqueName("rosalind")}@example.com`);
    const response = await accept(token, "Rosalind Franklin", `${email.split("@")[0]}`);
    expect(response.status).toBe(400);
    expect((await response.json()).invalidParams[0].reason).toMatch(/your name or email/i);
  });

  it("accepts a long passphrase, and the invitation still works after a refusal", async () => {
    const { token } = await invitation();
    expect((await accept(token, "Newcomer", "aaaaaaaaaa")).status).toBe(400);
    expect((await accept(token, "Newcomer", "vivid otter lamp forty-two")).status).toBe(201);
  });
});

describe("changing a password", () => {
  it("refuses a weak new password through Better Auth too; the old one keeps working", async () => {
    const team = await newTeam();
    const user = await userInTeam(team.teamId, "member");
    const change = (newPassword: string) =>
      inProcessFetch(`${ORIGIN}/api/auth/change-password`, {
        method: "POST",
        headers: { cookie: user.session.cookie, origin: ORIGIN, host: "runyard.test", "content-type": "application/json" },
        body: JSON.stringify({ currentPassword: user.password, newPassword }),
      });
    const weak = await change("password1234");
    expect(weak.status).toBe(400);
    expect((await weak.json()).message).toMatch(/easy to guess/);
    expect((await signIn(user.email, user.password, someIp())).status).toBe(200);
    expect((await change("a much better passphrase, truly")).status).toBe(200);
  });
});
