// Phone width (390 px): the whole navigation is reachable from the Menu button, tables become
// one card per row with the row's name beside its actions, chips never break inside a label,
// and the schedule form's preview sits directly under "Runs on".
import { ensureTeam } from "@/lib/server/teams/ensure-team";
import { pool } from "@/lib/db/pool";
import { uniqueName } from "@/lib/testing/fixtures";
import { expect, test } from "./support/fixtures";

test.use({ viewport: { width: 390, height: 844 } });

async function expectNoSidewaysScroll(page: import("@playwright/test").Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "the page scrolls sideways").toBeLessThanOrEqual(0);
}

test("the menu button opens every page, the team switcher and sign out", async ({ page, team }) => {
  const { email } = await team.signIn(page);
  const other = uniqueName("other-team");
  const otherId = await ensureTeam(other);
  await pool().query("INSERT INTO team_members (team_id, user_id, role) SELECT $1, id, 'member' FROM users WHERE email = $2", [otherId, email]);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expectNoSidewaysScroll(page);
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toBeInViewport();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of ["Overview", "My Workers", "Runs", "Team", "Tokens", "Webhooks", "Audit log"]) {
    await expect(nav.getByRole("link", { name, exact: true })).toBeInViewport();
  }
  await expect(page.getByRole("combobox", { name: "Team" })).toBeInViewport();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();

  await nav.getByRole("link", { name: "Audit log", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();

  // Escape closes it again; the team switcher works from the menu.
  await menu.click();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await page.getByRole("combobox", { name: "Team" }).selectOption({ label: `${other} (member)` });
  await page.goto("/team");
  await expect(page.getByRole("heading", { name: `Team ${other}` })).toBeVisible();

  await page.getByRole("button", { name: "Menu" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("worker and run tables are cards with the name beside Drain and Retire; chips stay whole", async ({ page, team }) => {
  await team.signIn(page);
  for (const name of ["a100-fra-01", "a100-fra-02", "cpu-highmem-with-a-long-name-01"]) {
    await team.api.registerComputeWorker({ name, labels: ["gpu", "gpu-A100", "team_vision", "eu-central-frankfurt"] });
  }
  await team.api.scheduleComputeWorkerRun({ name: "vit-large-sweep", runsOn: ["gpu", "gpu-A100", "team_vision"] });

  await page.goto("/workers");
  const rows = page.getByTestId("worker-row");
  await expect(rows).toHaveCount(3);
  await expectNoSidewaysScroll(page);
  for (const row of await rows.all()) {
    const name = (await row.getAttribute("data-worker-name"))!;
    await row.scrollIntoViewIfNeeded();
    await expect(row.getByText(name, { exact: true })).toBeInViewport();
    const drain = row.getByRole("button", { name: "Drain" });
    await drain.scrollIntoViewIfNeeded();
    await expect(drain).toBeInViewport();
    await expect(row.getByRole("button", { name: "Retire" })).toBeInViewport();
    // The card is no wider than the screen.
    const box = (await row.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  // Each chip is one line: as tall as a chip with a one-word label.
  const chips = page.getByTestId("worker-row").first().locator("span.font-mono", { hasText: "eu-central-frankfurt" });
  const chip = (await chips.boundingBox())!;
  const short = (await page.getByTestId("worker-row").first().locator("span.font-mono", { hasText: /^gpu$/ }).boundingBox())!;
  expect(chip.height).toBeLessThanOrEqual(short.height + 1);

  await page.goto("/runs");
  const run = page.getByTestId("run-row").first();
  await expect(run.getByRole("link", { name: "vit-large-sweep" })).toBeInViewport();
  await expect(run.getByRole("button", { name: "Cancel" })).toBeVisible();
  await expectNoSidewaysScroll(page);
});

test("the schedule form's preview sits directly under Runs on", async ({ page, team }) => {
  await team.signIn(page);
  await team.api.registerComputeWorker({ name: "a100-fra-01", labels: ["gpu", "gpu-A100"] });
  await page.goto("/runs/new");
  const runsOn = page.getByLabel("Runs on");
  await runsOn.fill("gpu-A100");
  await runsOn.press("Enter");
  const preview = page.getByTestId("match-preview");
  await expect(preview).toContainText("can take this");
  const input = (await runsOn.boundingBox())!;
  const box = (await preview.boundingBox())!;
  const priority = (await page.getByText("Priority", { exact: true }).boundingBox())!;
  expect(box.y).toBeGreaterThan(input.y + input.height);
  expect(box.y + box.height).toBeLessThan(priority.y);
  await expectNoSidewaysScroll(page);
});
