import type { ChildProcess } from "node:child_process";
import { startAgent } from "./support/agent";
import { expect, test } from "./support/fixtures";

let agent: ChildProcess | undefined;
test.afterEach(() => {
  agent?.kill("SIGKILL");
  agent = undefined;
});

test("the schedule form's preview follows the chips, warns when no worker can take the run, and schedules it", async ({ page, team }) => {
  await team.signIn(page);
  await team.api.registerComputeWorker({ name: "a100-box", labels: ["gpu", "gpu-A100"] });
  await team.api.registerComputeWorker({ name: "cpu-box", labels: ["cpu"] });
  await page.goto("/runs/new");
  const preview = page.getByTestId("match-preview");
  await expect(preview).toContainText("2 workers can take this (0 idle)");

  const chips = page.getByLabel("Runs on");
  await chips.fill("gpu");
  await chips.press("Enter");
  await expect(preview).toContainText("1 worker can take this");
  await chips.fill("gpu-H100");
  await chips.press("Enter");
  await expect(preview).toContainText("No worker can take this run");
  await expect(preview).toContainText("Closest: a100-box, which lacks gpu-H100");
  await chips.press("Backspace");
  await expect(preview).toContainText("1 worker can take this");
  await chips.fill("GPU");
  await chips.press("Enter");
  await expect(preview).toContainText("Labels are case-sensitive: you asked for GPU, the worker has gpu.");
  await page.getByRole("button", { name: "Remove GPU", exact: true }).click();

  await page.getByLabel("Name", { exact: true }).fill("train-resnet");
  await page.getByText("High", { exact: true }).click();
  await page.getByLabel("Config (JSON)").fill("{ not json");
  await expect(page.getByText("not valid JSON")).toBeVisible();
  await expect(page.getByRole("button", { name: "Schedule run" })).toBeDisabled();
  await page.getByLabel("Config (JSON)").fill('{"epochs": 3}');
  await page.getByRole("button", { name: "Schedule run" }).click();
  await expect(page.getByRole("heading", { name: /train-resnet/ })).toBeVisible();
  await expect(page.getByTestId("run-state")).toHaveText("Queued");
  await expect(page.getByTestId("explain")).toContainText("0/2 workers can take it: 1 lack gpu, 1 offline");
});

test("a run picked up by a real agent moves Queued → Running → Completed on screen without reload", async ({ page, team }) => {
  await team.signIn(page);
  const run = await team.api.scheduleComputeWorkerRun({ name: "live-run", runsOn: [], config: { sleepMs: 4000, steps: 4 } });
  await page.goto(`/runs/${run.id}`);
  const state = page.getByTestId("run-state");
  await expect(state).toHaveText("Queued");
  agent = startAgent({ token: team.workerToken });
  await expect(state).toHaveText("Running", { timeout: 20_000 });
  await expect(page.getByRole("progressbar")).not.toHaveAttribute("aria-valuenow", "0", { timeout: 10_000 });
  await expect(state).toHaveText("Completed", { timeout: 20_000 });
  // Progress is shown as progress: `::progress` lines are neither in the log nor in the timeline.
  await expect(page.getByTestId("run-logs")).not.toContainText("::progress");
  await expect(page.getByTestId("timeline")).not.toContainText("::progress");
  await expect(page.getByTestId("timeline")).toContainText("Completed");
});

test("cancels a queued run from the runs list, and the state filter survives a reload", async ({ page, team }) => {
  await team.signIn(page);
  await team.api.scheduleComputeWorkerRun({ name: "keep-me", runsOn: ["nobody-has-this"] });
  const doomed = await team.api.scheduleComputeWorkerRun({ name: "cancel-me", runsOn: ["nobody-has-this"] });
  await page.goto("/runs");
  const row = page.locator(`[data-run-id="${doomed.id}"]`);
  await expect(row.getByText("no worker can take it")).toBeVisible();
  await row.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("button", { name: "Cancel run" }).click();
  await expect(row.getByTestId("run-state")).toHaveText("Cancelled");

  await page.getByRole("button", { name: "Cancelled", exact: true }).click();
  await expect(page).toHaveURL(/state=CANCELED/);
  await page.reload();
  await expect(page.locator('[data-testid="run-row"]')).toHaveCount(1);
  await expect(page.getByText("cancel-me")).toBeVisible();
});
