// The run page's smaller defects (issue 15): a missing run answers 404 with the not-found page;
// a failed run does not promise retries; Run again schedules a copy; the schedule form's
// config is a placeholder; a label nobody has names no "closest" worker, and a case mismatch
// is fixed in one click; the last admin is not offered for removal and a role can be changed.
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { startAgent } from "./support/agent";
import { expect, test } from "./support/fixtures";

let agent: ChildProcess | undefined;
test.afterEach(() => {
  agent?.kill("SIGKILL");
  agent = undefined;
});

test("a run or worker that does not exist answers 404 with the not-found page", async ({ page, team }) => {
  await team.signIn(page);
  for (const path of [`/runs/${randomUUID()}`, `/workers/${randomUUID()}`, "/runs/not-a-uuid"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByText(/not (be )?found/i).first()).toBeVisible();
  }
  // A run that exists still answers 200 (and /runs/new is not taken for a run id).
  const mine = await team.api.scheduleComputeWorkerRun({ name: "mine" });
  expect((await page.goto(`/runs/${mine.id}`))?.status()).toBe(200);
  expect((await page.goto("/runs/new"))?.status()).toBe(200);
});

test("a failed run reads as final, and Run again schedules a copy of it", async ({ page, team }) => {
  await team.signIn(page);
  const run = await team.api.scheduleComputeWorkerRun({ name: "exit-2", runsOn: [], priority: "HIGH", config: { exitCode: 2, fail: "bad input" } });
  agent = startAgent({ token: team.workerToken });
  await page.goto(`/runs/${run.id}`);
  await expect(page.getByTestId("run-state")).toHaveText("Failed", { timeout: 30_000 });
  await expect(page.getByTestId("run-attempt")).toHaveText("1 · failures are not retried");
  await expect(page.getByTestId("run-attempt")).not.toContainText("of 3");
  agent.kill("SIGKILL");
  agent = undefined;

  await page.getByRole("button", { name: "Run again" }).click();
  await expect(page).not.toHaveURL(new RegExp(run.id));
  await expect(page.getByRole("heading", { name: /exit-2/ })).toBeVisible();
  await expect(page.getByTestId("run-state")).toHaveText("Queued");
  const copyId = page.url().split("/").at(-1)!;
  const copy = await team.api.getComputeWorkerRunInfo(copyId);
  expect(copy).toMatchObject({ name: "exit-2", priority: "HIGH", config: { exitCode: 2, fail: "bad input" }, runsOn: [], attempt: 0 });
});

test("the schedule form: a placeholder config, no arbitrary closest worker, and a one-click case fix", async ({ page, team }) => {
  await team.signIn(page);
  await team.api.registerComputeWorker({ name: "a100-box", labels: ["gpu", "gpu-A100"] });
  await team.api.registerComputeWorker({ name: "cpu-box", labels: ["cpu"] });
  await page.goto("/runs/new");
  const config = page.getByLabel("Config (JSON)");
  await expect(config).toHaveValue("");
  await expect(config).toHaveAttribute("placeholder", /"epochs": 10/);

  const chips = page.getByLabel("Runs on");
  const preview = page.getByTestId("match-preview");
  await chips.fill("tpu-v5");
  await chips.press("Enter");
  await expect(preview).toContainText("No worker can take this run");
  await expect(page.getByTestId("no-worker-has")).toHaveText("No worker has the label tpu-v5.");
  await expect(preview).not.toContainText("Closest");
  await page.getByRole("button", { name: "Remove tpu-v5", exact: true }).click();

  await chips.fill("GPU");
  await chips.press("Enter");
  await expect(preview).toContainText("you asked for GPU, the worker has gpu");
  await preview.getByRole("button", { name: "Use gpu" }).click();
  await expect(preview).toContainText("1 worker can take this");
  await expect(page.getByRole("button", { name: "Remove gpu", exact: true })).toBeVisible();
});

test("the team page does not offer removing the last admin, and changes a member's role", async ({ page, team, browser }) => {
  const me = await team.signIn(page);
  await page.goto("/team");
  await expect(page.getByTestId("only-admin")).toBeVisible();
  await expect(page.getByLabel(`Role of ${me.email}`)).toBeDisabled();
  await expect(page.getByRole("button", { name: "Remove" })).toHaveCount(0);

  const elsewhere = await browser.newPage();
  const member = await team.signIn(elsewhere, "member");
  await elsewhere.close();
  await page.reload();
  await expect(page.getByRole("button", { name: "Remove" })).toHaveCount(1);
  await page.getByLabel(`Role of ${member.email}`).selectOption("admin");
  // Two admins now: either may be removed or step down.
  await expect(page.getByTestId("only-admin")).toHaveCount(0);
  await expect(page.getByLabel(`Role of ${me.email}`)).toBeEnabled();
  await expect(page.getByRole("button", { name: "Remove" })).toHaveCount(2);
  const members = await team.api.getMembers();
  expect(members.members.find((m) => m.email === member.email)?.role).toBe("admin");
});
