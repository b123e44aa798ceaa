// A worker that fails every run must not look healthy (issue 15): after 3 failed runs in a row
// it shows as failing on My Workers, on the overview and on its own page, whose counts and
// recent runs say why, and it drains from there — showing "Drained", never a green "Idle".
import type { ChildProcess } from "node:child_process";
import type { Run } from "@/lib/contract/runs";
import { startAgent } from "./support/agent";
import { expect, test } from "./support/fixtures";

let agent: ChildProcess | undefined;
test.afterEach(() => {
  agent?.kill("SIGKILL");
  agent = undefined;
});

test("a worker failing 3 runs shows as failing everywhere and drains from its page", async ({ page, team }) => {
  test.setTimeout(150_000);
  await team.signIn(page);
  const runs: Run[] = [];
  for (let i = 1; i <= 3; i++) runs.push(await team.api.scheduleComputeWorkerRun({ name: `doomed-${i}`, runsOn: [], config: { exitCode: 3, fail: `boom ${i}` } }));
  agent = startAgent({ token: team.workerToken });
  await expect
    .poll(async () => Promise.all(runs.map(async (r) => (await team.api.getComputeWorkerRunInfo(r.id)).state)), { timeout: 60_000 })
    .toEqual(["FAILED", "FAILED", "FAILED"]);
  const workerId = (await team.api.getComputeWorkerRunInfo(runs[0]!.id)).workerId!;
  const worker = await team.api.getComputeWorkerById(workerId);

  await page.goto("/workers");
  const row = page.locator(`[data-testid="worker-row"][data-worker-name="${worker.name}"]`);
  await expect(row.getByTestId("worker-failing")).toHaveText("Failing · 3 in a row");
  await expect(row.getByTestId("worker-failed")).toHaveText("3");
  await expect(row.getByRole("button", { name: "Drain" })).toBeVisible();

  await page.goto("/");
  await expect(page.getByTestId("failing-workers")).toContainText(`${worker.name}failed its last 3 runs`);
  await page.getByTestId("failing-workers").getByRole("link", { name: worker.name }).click();

  await expect(page).toHaveURL(new RegExp(`/workers/${workerId}$`));
  await expect(page.getByRole("heading", { name: new RegExp(worker.name) })).toBeVisible();
  await expect(page.getByTestId("worker-failing")).toBeVisible();
  await expect(page.getByTestId("worker-failed")).toHaveText("3");
  await expect(page.getByTestId("worker-completed")).toHaveText("0");
  await expect(page.getByTestId("worker-streak")).toHaveText("3");
  await expect(page.getByTestId("worker-run-row")).toHaveCount(3);
  for (const r of runs) await expect(page.getByRole("link", { name: r.name! })).toBeVisible();
  await expect(page.getByTestId("worker-run-row").getByTestId("run-state").first()).toHaveText("Failed");
  await expect(page.getByText("Agent version")).toBeVisible();

  await page.getByRole("button", { name: `Drain ${worker.name}` }).click();
  await expect(page.getByTestId("worker-state")).toHaveText("Drained");
  await expect(page.getByRole("button", { name: "Resume" })).toBeVisible();
  expect((await team.api.getComputeWorkerById(workerId)).draining).toBe(true);

  // My Workers says the same word.
  await page.goto("/workers");
  await expect(row.getByTestId("worker-state")).toHaveText("Drained");
  // A run's page links to the worker that ran it.
  await page.goto(`/runs/${runs[0]!.id}`);
  await page.getByRole("link", { name: worker.name }).first().click();
  await expect(page).toHaveURL(new RegExp(`/workers/${workerId}$`));
});
