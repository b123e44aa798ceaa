// Accounts end to end: the first admin signs up with the install's token, invites a member,
// and the member sees only their team's workers and cannot retire one.
import { expectNoSeriousViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { RunyardClient } from "@/lib/client/runyard-client";
import { createToken } from "@/lib/server/auth/tokens";
import { ensureTeam } from "@/lib/server/teams/ensure-team";

test("first admin signs up, invites a member, who sees only this team and cannot retire workers", async ({ page, browser, baseURL }) => {
  test.setTimeout(150_000);
  const installAdmin = new RunyardClient({ baseUrl: baseURL!, token: process.env.RUNYARD_E2E_ADMIN_TOKEN! });
  const ours = await installAdmin.registerComputeWorker({ name: "default-gpu-1", labels: ["gpu", "gpu-A100"] });
  const otherTeam = await ensureTeam("other-team");
  const otherToken = await createToken({ teamId: otherTeam, scope: "admin", name: "other" });
  await new RunyardClient({ baseUrl: baseURL!, token: otherToken.secret }).registerComputeWorker({ name: "someone-elses-box", labels: ["gpu"] });

  // First run: no users, so the dashboard asks for the first admin.
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  // The setup page passes axe at desktop and phone width, light and dark (only reachable now).
  for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
    for (const colorScheme of ["light", "dark"] as const) {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      await expect(page.getByRole("heading", { name: /set up Runyard/ })).toBeVisible();
      await expectNoSeriousViolations(page, `setup ${viewport.width}px ${colorScheme}`);
      if (process.env.RUNYARD_SCREENSHOTS) await page.screenshot({ path: `${process.env.RUNYARD_SCREENSHOTS}/setup-${viewport.width}-${colorScheme}.png`, fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.getByLabel("Your name").fill("Ada Admin");
  await page.getByLabel("Email").fill("ada@example.com");
  await page.getByLabel("Password").fill("a long password");
  await page.getByLabel("Admin token").fill("ry_this-is-not-the-token-this-is-not-the-t");
  await page.getByRole("button", { name: "Create the first admin" }).click();
  await expect(page.getByText("this is not a valid admin token")).toBeVisible();
  await page.getByLabel("Admin token").fill(process.env.RUNYARD_E2E_ADMIN_TOKEN!);
  await page.getByRole("button", { name: "Create the first admin" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Tokens" })).toBeVisible();

  // Invite a member.
  await page.getByRole("link", { name: "Team" }).click();
  await page.getByLabel("Invite someone by email").fill("max@example.com");
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const link = (await page.getByTestId("invite-link").textContent())!;

  // The member accepts in their own browser.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await member.goto(link);
  await expect(member.getByRole("heading", { name: "Join default" })).toBeVisible();
  await member.getByLabel("Your name").fill("Max Member");
  await member.getByLabel("Password").fill("another long password");
  await member.getByRole("button", { name: "Create account and join" }).click();
  await expect(member.getByRole("heading", { name: "Overview" })).toBeVisible();

  await member.getByRole("link", { name: "My Workers" }).click();
  await expect(member.locator('[data-testid="worker-row"][data-worker-name="default-gpu-1"]')).toBeVisible();
  await expect(member.locator('[data-testid="worker-row"][data-worker-name="someone-elses-box"]')).toHaveCount(0);
  await expect(member.getByRole("button", { name: "Retire" })).toHaveCount(0);
  await expect(member.getByRole("link", { name: "Tokens" })).toHaveCount(0);
  // The same request the admin's button makes, sent from the member's browser: refused.
  const refused = await member.evaluate(async (id) => (await fetch(`/api/v1/workers/${id}`, { method: "DELETE" })).status, ours.id);
  expect(refused).toBe(403);
  expect((await installAdmin.getComputeWorkerById(ours.id)).name).toBe("default-gpu-1");

  // Sign out, then back in with the form.
  await member.getByRole("button", { name: "Sign out" }).click();
  await expect(member).toHaveURL(/\/sign-in$/);
  await member.getByLabel("Email").fill("max@example.com");
  await member.getByLabel("Password").fill("wrong password!!");
  await member.getByRole("button", { name: "Sign in" }).click();
  await expect(member.getByText("do not match an account")).toBeVisible();
  await member.getByLabel("Password").fill("another long password");
  await member.getByRole("button", { name: "Sign in" }).click();
  await expect(member.getByRole("heading", { name: "Overview" })).toBeVisible();
  await memberContext.close();
});
