// Field deployment (issue 12): the product started as a person starts it on a team's server —
// `npm start` with its own embedded PostgreSQL in a fresh data directory, bound to every
// interface — and used from Chromium as http://runyard.test:PORT, never localhost. Chromium
// maps runyard.test to 127.0.0.1 (--host-resolver-rules, set by the "field" project in
// playwright.config.ts), which keeps it a non-secure origin like any LAN host: a Secure
// session cookie would be dropped there, and a link that says localhost would be dead.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { npmStart, type StartedProduct } from "@/lib/testing/npm-start";

let product: StartedProduct;
let dataDir: string;
let site: string;

test.beforeAll(async () => {
  test.setTimeout(360_000);
  dataDir = mkdtempSync(path.join(os.tmpdir(), "runyard-field-"));
  product = await npmStart({ env: { RUNYARD_BIND: "0.0.0.0", RUNYARD_DATA_DIR: dataDir } });
  site = `http://runyard.test:${product.port}`;
});

test.afterAll(async () => {
  await product?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("on a LAN name over plain http: first admin, sign-in, an invitation that says runyard.test, the member signs in and sees the team", async ({ browser }) => {
  test.setTimeout(180_000);
  expect(product.firstToken, "npm start prints the first admin token").toMatch(/^ry_/);
  expect(product.output()).toMatch(/session cookies travel unencrypted/);

  const adminContext = await browser.newContext({ baseURL: site });
  const admin = await adminContext.newPage();
  await admin.goto("/");
  expect(new URL(admin.url()).hostname).toBe("runyard.test");
  await expect(admin).toHaveURL(/\/setup$/);
  await admin.getByLabel("Your name").fill("Ada Admin");
  await admin.getByLabel("Email").fill("ada@example.com");
  await admin.getByLabel("Password").fill("a long password for ada");
  await admin.getByLabel("Admin token").fill(product.firstToken!);
  await admin.getByRole("button", { name: "Create the first admin" }).click();
  await expect(admin.getByRole("heading", { name: "Overview" })).toBeVisible();
  const cookies = await adminContext.cookies();
  const session = cookies.find((c) => /better-auth\.session_token$/.test(c.name));
  expect(session, "the browser kept a session cookie").toBeDefined();
  expect(session!.name).toBe("better-auth.session_token");
  expect(session!.secure).toBe(false);

  // Out and back in with the form: sign-in itself works on this origin.
  await admin.getByRole("button", { name: "Sign out" }).click();
  await expect(admin).toHaveURL(/\/sign-in$/);
  await admin.getByLabel("Email").fill("ada@example.com");
  await admin.getByLabel("Password").fill("a long password for ada");
  await admin.getByRole("button", { name: "Sign in" }).click();
  await expect(admin.getByRole("heading", { name: "Overview" })).toBeVisible();

  // The agent's install command names the address people use.
  await admin.goto("/workers");
  await admin.getByRole("button", { name: "Register worker" }).click();
  await admin.getByLabel("Name", { exact: true }).fill("field-box-1");
  await admin.getByRole("button", { name: "Register", exact: true }).click();
  await expect(admin.getByRole("heading", { name: "Worker field-box-1 is registered" })).toBeVisible();
  await expect(admin.getByTestId("start-command")).toContainText(`${site}/downloads/runyard-agent.mjs`);
  await expect(admin.getByTestId("start-command")).not.toContainText("localhost");

  // An invitation: its link points at runyard.test.
  await admin.goto("/team");
  await admin.getByLabel("Invite someone by email").fill("max@example.com");
  await admin.getByRole("button", { name: "Invite", exact: true }).click();
  const link = (await admin.getByTestId("invite-link").textContent())!.trim();
  expect(link.startsWith(`${site}/invite/`), `invite link ${link}`).toBe(true);

  // The member, in a browser of their own, follows the link as sent.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await member.goto(link);
  await expect(member.getByRole("heading", { name: "Join default" })).toBeVisible();
  await member.getByLabel("Your name").fill("Max Member");
  await member.getByLabel("Password").fill("another long password");
  await member.getByRole("button", { name: "Create account and join" }).click();
  await expect(member.getByRole("heading", { name: "Overview" })).toBeVisible();
  await member.getByRole("button", { name: "Sign out" }).click();
  await expect(member).toHaveURL(/\/sign-in$/);
  await member.getByLabel("Email").fill("max@example.com");
  await member.getByLabel("Password").fill("another long password");
  await member.getByRole("button", { name: "Sign in" }).click();
  await expect(member.getByRole("heading", { name: "Overview" })).toBeVisible();
  expect(new URL(member.url()).host).toBe(`runyard.test:${product.port}`);
  await member.getByRole("link", { name: "Team" }).click();
  await expect(member.getByRole("heading", { name: "Team default" })).toBeVisible();
  await expect(member.getByRole("row", { name: /Ada Admin ada@example\.com admin/ })).toBeVisible();
  await expect(member.getByRole("row", { name: /Max Member\(you\) max@example\.com member/ })).toBeVisible();

  await memberContext.close();
  await adminContext.close();
});
