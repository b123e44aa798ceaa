// Every page with a realistic fleet, saved as screenshots (test artifacts under
// test-results/screenshots, not in git) — and checked for what a person should see.
import path from "node:path";
import { seedFleet } from "./support/seed-fleet";
import { expect, test } from "./support/fixtures";

const SHOTS = path.join(process.cwd(), "test-results", "screenshots");

test("every page, with a dozen workers and runs in every state", async ({ page, team }) => {
  test.setTimeout(120_000);
  await team.signIn(page);
  const fleet = await seedFleet(team);

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("label-set-row").first()).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, "overview.png"), fullPage: true });

  await page.goto("/workers");
  await expect(page.locator('[data-testid="worker-row"]')).toHaveCount(12);
  await expect(page.getByText("Crashed").first()).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, "workers.png"), fullPage: true });
  await page.getByRole("button", { name: "Register worker" }).click();
  await page.getByLabel("Name", { exact: true }).fill("a100-fra-03");
  await page.getByLabel("Labels", { exact: true }).fill("gpu,gpu-A100,fra,");
  await page.screenshot({ path: path.join(SHOTS, "register-worker.png") });
  await page.keyboard.press("Escape");

  await page.goto("/runs");
  for (const state of ["Queued", "Claimed", "Running", "Completed", "Failed", "Cancelled", "Aborted", "Crashed"]) {
    await expect(page.getByTestId("run-state").filter({ hasText: state }).first()).toBeVisible();
  }
  await page.screenshot({ path: path.join(SHOTS, "runs.png"), fullPage: true });

  await page.goto("/runs/new");
  const chips = page.getByLabel("Runs on");
  await chips.fill("gpu");
  await chips.press("Enter");
  await chips.fill("gpu-A100");
  await chips.press("Enter");
  await expect(page.getByTestId("match-preview")).toContainText("can take this");
  await page.screenshot({ path: path.join(SHOTS, "schedule-preview.png"), fullPage: true });
  await chips.fill("GPU-H200");
  await chips.press("Enter");
  await expect(page.getByTestId("match-preview")).toContainText("No worker can take this run");
  await page.screenshot({ path: path.join(SHOTS, "schedule-warning.png"), fullPage: true });

  await page.goto("/runs?q=vit-large");
  await page.getByRole("link", { name: "vit-large-hot" }).click();
  await expect(page.getByTestId("run-logs")).toContainText("epoch 1/20");
  await page.screenshot({ path: path.join(SHOTS, "run-running.png"), fullPage: true });

  await page.goto("/runs?q=sweep-lr-1");
  await page.getByRole("link", { name: "sweep-lr-1" }).click();
  await expect(page.getByTestId("explain")).toContainText("workers can take it");
  await page.screenshot({ path: path.join(SHOTS, "run-queued-explain.png"), fullPage: true });

  await page.goto("/tokens");
  await page.screenshot({ path: path.join(SHOTS, "tokens.png"), fullPage: true });
  await page.goto("/audit");
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, "audit.png"), fullPage: true });
  await page.goto("/team");
  await page.screenshot({ path: path.join(SHOTS, "team.png"), fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/workers");
  await page.screenshot({ path: path.join(SHOTS, "workers-narrow.png"), fullPage: true });
  fleet.stop();
});

test("the register dialog's install command, at desktop and phone width", async ({ page, team }) => {
  await team.signIn(page);
  await team.api.registerComputeWorker({ name: "a100-fra-01", labels: ["gpu", "gpu-A100", "fra"] });
  await page.goto("/workers");
  await page.getByRole("button", { name: "Register worker" }).click();
  await page.getByLabel("Name", { exact: true }).fill("a100-fra-03");
  await page.getByLabel("Labels", { exact: true }).fill("gpu,gpu-A100,fra,");
  await page.getByRole("button", { name: "Register", exact: true }).click();
  await page.getByRole("button", { name: "Create worker token" }).click();
  await expect(page.getByTestId("token-made")).toBeVisible();
  await page.getByLabel("2. What to run for each run").fill('python train.py --config "$RUNYARD_RUN_CONFIG"');
  await page.screenshot({ path: path.join(SHOTS, "register-worker-install.png") });
  await page.getByRole("radio", { name: "As a systemd service" }).click();
  await page.screenshot({ path: path.join(SHOTS, "register-worker-service.png") });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SHOTS, "register-worker-service-390.png") });
  await page.getByRole("radio", { name: "Start now" }).click();
  await page.screenshot({ path: path.join(SHOTS, "register-worker-install-390.png") });
});
