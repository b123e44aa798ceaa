// First run on an install with no users: the holder of the admin token becomes the first admin.
import { beforeAll, describe, expect, it } from "vitest";
import { inProcessFetch } from "@/lib/testing/in-process-fetch";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { ORIGIN, browser, cookiesOf } from "@/lib/testing/sessions";

const setup = (body: object) =>
  inProcessFetch(`${ORIGIN}/api/v1/account/setup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

let adminToken: string;
let schedulerToken: string;

beforeAll(async () => {
  await useFreshDatabase("setup");
  const { bootstrapInstall } = await import("@/lib/server/tokens/bootstrap");
  const { createToken } = await import("@/lib/server/auth/tokens");
  const { ensureTeam } = await import("@/lib/server/teams/ensure-team");
  adminToken = (await bootstrapInstall())!;
  schedulerToken = (await createToken({ teamId: await ensureTeam(), scope: "scheduler", name: "s" })).secret;
});

describe("first-run setup", () => {
  it("needs the install's admin token: not a wrong one, not a scheduler token", async () => {
    const { needsSetup } = await import("@/lib/server/accounts/create-account");
    expect(await needsSetup()).toBe(true);
    const body = { name: "Ada", email: "ada@example.com", password: "a long password" };
    const wrong = await setup({ ...body, adminToken: "ry_nope" });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).invalidParams[0].name).toBe("adminToken");
    expect((await setup({ ...body, adminToken: schedulerToken })).status).toBe(400);
    expect((await setup({ ...body, password: "short", adminToken })).status).toBe(400);
    const weak = await setup({ ...body, password: "aaaaaaaaaa", adminToken });
    expect(weak.status).toBe(400);
    expect((await weak.json()).invalidParams).toEqual([{ name: "password", reason: expect.stringMatching(/easy to guess/) }]);
    expect(await needsSetup()).toBe(true);
  });

  it("creates the first admin of the default team, signed in; a second setup is refused", async () => {
    const created = await setup({ name: "Ada", email: "Ada@Example.com", password: "a long password", adminToken });
    expect(created.status).toBe(201);
    const me = await browser(cookiesOf(created)).request("GET", "/api/v1/me");
    expect(me.body).toMatchObject({ teamName: "default", scope: "admin" });
    const again = await setup({ name: "Eve", email: "eve@example.com", password: "a long password", adminToken });
    expect(again.status).toBe(409);
  });

  it("after setup answers 409 before looking at the token: no oracle for a token's validity or scope", async () => {
    const body = { name: "Eve", email: "eve@example.com", password: "a long password" };
    const answers = await Promise.all([adminToken, schedulerToken, "ry_nope", "ry_" + "x".repeat(40)].map(async (token) => {
      const response = await setup({ ...body, adminToken: token });
      return [response.status, (await response.json()).detail];
    }));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual([409, "this installation is already set up: sign in"]);
  });
});
