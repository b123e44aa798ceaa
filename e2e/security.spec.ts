// Security as a person meets it (issue 14): the dashboard works under its Content Security
// Policy with no violation, and an existing user joins another team only by accepting an
// invitation while signed in.
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, signInThroughApi, test } from "./support/fixtures";
import { seedFleet } from "./support/seed-fleet";
import { pool } from "@/lib/db/pool";
import { getAuth } from "@/lib/server/accounts/auth";
import { ensureTeam } from "@/lib/server/teams/ensure-team";
import { uniqueName } from "@/lib/testing/fixtures";

const SHOTS = path.join(process.cwd(), "test-results", "screenshots");

/** Every CSP violation, header complaint and uncaught script error the page reports, from before its first script runs. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const messages: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Permissions-Policy|Refused to/i.test(message.text())) messages.push(message.text());
  });
  page.on("pageerror", (error) => messages.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __csp: string[] }).__csp = []);
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
  });
  return async () => [...messages, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

/**
 * Browsers here all reach the app from 127.0.0.1, and sign-in is limited per client address. The
 * e2e app trusts loopback as a proxy (the default), so — like a reverse proxy would — each
 * browser context says which client it is: an X-Forwarded-For of its own.
 */
const ownAddress = () => ({ "x-forwarded-for": `10.2.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}` });

/** A user with an account in a team of their own, as someone invited from elsewhere would be. */
async function userElsewhere(name: string) {
  const teamName = uniqueName("home");
  const teamId = await ensureTeam(teamName);
  const email = `${uniqueName(name.toLowerCase())}@example.com`;
  const password = "vivid otter lamp forty-two";
  const { user } = await (await getAuth()).api.signUpEmail({ body: { name, email, password }, headers: new Headers({ host: new URL(process.env.RUNYARD_E2E_URL!).host }) });
  await pool().query("INSERT INTO team_members (team_id, user_id, role) VALUES ($1, $2, 'admin')", [teamId, user.id]);
  return { email, password, teamName };
}

test("every dashboard page works under the CSP: no violation, no script error", async ({ page, team }) => {
  test.setTimeout(150_000);
  const violations = await watchViolations(page);
  await team.signIn(page);
  const fleet = await seedFleet(team);
  const visits: [string, string][] = [
    ["/", "Overview"], ["/workers", "My Workers"], ["/runs", "Runs"], ["/runs/new", "Schedule a run"], ["/team", `Team ${team.name}`], ["/tokens", "API tokens"], ["/audit", "Audit log"],
  ];
  for (const [url, heading] of visits) {
    const response = await page.goto(url);
    expect(response!.headers()["content-security-policy"], url).toMatch(/'nonce-/);
    await expect(page.getByRole("heading", { name: heading, exact: false }).first(), url).toBeVisible();
  }
  // Hydrated and interactive: a client-side dialog, and inline style attributes (progress bars) applied.
  await page.goto("/workers");
  await page.getByRole("button", { name: "Register worker" }).click();
  await expect(page.getByLabel("Name", { exact: true })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.goto("/runs");
  const bar = page.locator('[role="progressbar"]:not([aria-valuenow="0"])').first();
  await expect(bar).toBeVisible();
  // The server-rendered style attribute (a width) took effect: style-src-attr allows it.
  expect(await bar.locator("div div").first().evaluate((el) => getComputedStyle(el).width)).not.toBe("0px");
  fleet.stop();
  expect(await violations()).toEqual([]);
});

test("an existing user signed in elsewhere joins only by accepting the invitation; their own team stays theirs", async ({ page, browser, team }) => {
  test.setTimeout(120_000);
  await team.signIn(page);
  const invited = await userElsewhere("Grace");

  await page.goto("/team");
  await page.getByLabel("Invite someone by email").fill(invited.email);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const link = (await page.getByTestId("invite-link").textContent())!;
  await expect(page.getByText(`Send ${invited.email} this invitation link`)).toBeVisible();
  // Not a member until they accept.
  await expect(page.getByRole("cell", { name: new RegExp(invited.email) }).getByText("invited by")).toBeVisible();

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, extraHTTPHeaders: ownAddress() });
  const them = await context.newPage();
  const violations = await watchViolations(them);
  await signInThroughApi(them, invited.email, invited.password);
  await them.goto("/");
  await expect(them.getByRole("heading", { name: "Overview" })).toBeVisible();
  await them.goto(link);
  await expect(them.getByRole("heading", { name: `Join ${team.name}` })).toBeVisible();
  await expect(them.getByText("Your other teams stay yours")).toBeVisible();
  await them.screenshot({ path: path.join(SHOTS, "invite-accept-390.png"), fullPage: true });
  await them.getByRole("button", { name: `Join ${team.name}` }).click();
  await expect(them.getByRole("heading", { name: "Overview" })).toBeVisible();
  // At 390 px the team switcher is in the Menu.
  await them.getByRole("button", { name: "Menu" }).click();
  await expect(them.getByRole("combobox", { name: "Team" })).toHaveValue(team.teamId);
  const teams = await them.getByRole("combobox", { name: "Team" }).locator("option").allTextContents();
  expect(teams.sort()).toEqual([`${invited.teamName} (admin)`, `${team.name} (member)`].sort());
  expect(await violations()).toEqual([]);
  await context.close();
});

test("an invitation opened while signed out offers sign-in; after it, the same link accepts", async ({ page, browser, team }) => {
  test.setTimeout(120_000);
  await team.signIn(page);
  const invited = await userElsewhere("Alan");
  await page.goto("/team");
  await page.getByLabel("Invite someone by email").fill(invited.email);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const link = (await page.getByTestId("invite-link").textContent())!;

  const context = await browser.newContext({ extraHTTPHeaders: ownAddress() });
  const them = await context.newPage();
  await them.goto(link);
  await expect(them.getByRole("heading", { name: `Join ${team.name}` })).toBeVisible();
  // The page is the same whether or not the email has an account: both ways are offered.
  await expect(them.getByRole("button", { name: "Create account and join" })).toBeVisible();
  await them.screenshot({ path: path.join(SHOTS, "invite-signed-out-1440.png"), fullPage: true });
  await them.getByRole("link", { name: "I have a Runyard account: sign in to accept" }).click();
  await expect(them.getByText("Sign in to accept your invitation.")).toBeVisible();
  await them.getByLabel("Email").fill(invited.email);
  await them.getByLabel("Password").fill(invited.password);
  await them.getByRole("button", { name: "Sign in" }).click();
  await expect(them.getByRole("button", { name: `Join ${team.name}` })).toBeVisible();
  await them.getByRole("button", { name: `Join ${team.name}` }).click();
  await expect(them.getByRole("heading", { name: "Overview" })).toBeVisible();
  await context.close();
});

test("a locked account is told how long to wait", async ({ page, team }) => {
  await team.signIn(page);
  const invited = await userElsewhere("Locked");
  const context = page.context();
  await context.clearCookies();
  await context.setExtraHTTPHeaders(ownAddress());
  await page.goto("/sign-in");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(invited.email);
    await page.getByLabel("Password").fill(`wrong password ${i}!`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("do not match an account")).toBeVisible();
  }
  await page.getByLabel("Password").fill(invited.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/Too many failed sign-ins for this account: try again in \d+ seconds\./)).toBeVisible();
});
