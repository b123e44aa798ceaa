import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./support/fixtures";

test("a worker registered through the API shows on My Workers with its label chips", async ({ page, team }) => {
  await team.signIn(page);
  const name = `e2e-gpu-${randomUUID().slice(0, 6)}`;
  await team.api.registerComputeWorker({ name, labels: ["gpu-A100", "gpu", "machine1"] });
  await page.goto("/workers");
  const row = page.locator(`[data-testid="worker-row"][data-worker-name="${name}"]`);
  await expect(row).toBeVisible();
  for (const label of ["gpu", "gpu-A100", "machine1"]) await expect(row.getByText(label, { exact: true })).toBeVisible();
  await expect(row.getByTestId("worker-state")).toHaveText("Offline");
});

test("registers a worker, makes a token bound to it, and its one-line install starts the agent on a bare machine", async ({ page, team }) => {
  await team.signIn(page);
  await page.goto("/workers");
  await expect(page.getByText("No workers yet")).toBeVisible();
  await page.getByRole("button", { name: "Register worker" }).click();
  await page.getByLabel("Name", { exact: true }).fill("a100-box-1");
  const labels = page.getByLabel("Labels", { exact: true });
  await labels.fill("gpu");
  await labels.press("Enter");
  await labels.fill("gpu A100");
  await labels.press("Enter");
  await expect(page.getByText('label "gpu A100" may contain only')).toBeVisible();
  await labels.fill("gpu-A100,");
  await page.getByRole("button", { name: "Register", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Worker a100-box-1 is registered" })).toBeVisible();
  await expect(page.getByTestId("start-command")).toContainText("RUNYARD_TOKEN='<a worker token for this worker>'");

  await page.getByRole("button", { name: "Create worker token" }).click();
  await expect(page.getByTestId("token-made")).toBeVisible();
  await page.getByLabel("2. What to run for each run").fill("sleep 1");
  const command = (await page.getByTestId("start-command").textContent())!;
  const origin = process.env.RUNYARD_E2E_URL!;
  expect(command).toContain(`curl -fsSLo runyard-agent.mjs ${origin}/downloads/runyard-agent.mjs && \\`);
  expect(command).toMatch(/echo "[0-9a-f]{64} {2}runyard-agent\.mjs" \| sha256sum -c - && \\/);
  expect(command).toMatch(/RUNYARD_TOKEN=ry_[\w-]{40} RUNYARD_WORKER_ID=[0-9a-f-]{36} \\\n {2}node runyard-agent\.mjs worker start -- sleep 1$/);
  const worker = (await team.api.getComputeWorkers({ q: "a100-box-1" })).items[0]!;
  const tokens = await team.api.getApiTokens();
  expect(tokens.items.filter((t) => t.workerId === worker.id).map((t) => t.scope)).toEqual(["worker"]);

  // Never cut off, at phone width too: the command wraps inside its box.
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.getByTestId("start-command").evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow, `horizontal overflow at ${width} px`).toBeLessThanOrEqual(0);
  }
  await page.getByRole("radio", { name: "As a systemd service" }).click();
  await expect(page.getByTestId("start-command")).toContainText("--print-systemd-unit -- sleep 1 | sudo tee /etc/systemd/system/runyard-agent.service");
  await page.setViewportSize({ width: 1440, height: 900 });

  // The command as copied, in a shell, in an empty directory: the agent comes online as this worker.
  const box = mkdtempSync(path.join(os.tmpdir(), "runyard-e2e-box-"));
  const shell = spawn("/bin/sh", ["-c", command], { cwd: box, detached: true, stdio: "ignore", env: { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`, HOME: box } as Record<string, string> as NodeJS.ProcessEnv });
  try {
    await expect.poll(async () => (await team.api.getComputeWorkerById(worker.id)).state, { timeout: 60_000 }).toBe("IDLE");
  } finally {
    process.kill(-shell.pid!, "SIGTERM");
  }
  await page.getByRole("button", { name: "Done" }).click();
  const row = page.locator('[data-testid="worker-row"][data-worker-name="a100-box-1"]');
  await expect(row.getByText("gpu-A100", { exact: true })).toBeVisible();
  await expect(row.getByText("gpu", { exact: true })).toBeVisible();
});

test("flags a worker whose agent is older than the server", async ({ page, team }) => {
  await team.signIn(page);
  const worker = await team.api.registerComputeWorker({ name: `old-agent-${randomUUID().slice(0, 6)}` });
  await team.api.heartbeatComputeWorker(worker.id, { info: { version: "0.0.1", hostname: "gpu-box" } });
  await page.goto("/workers");
  const row = page.locator(`[data-testid="worker-row"][data-worker-name="${worker.name}"]`);
  await expect(row.getByTestId("agent-outdated")).toHaveText("update agent");
});

test("filters survive a reload, and drain, resume and retire work", async ({ page, team }) => {
  await team.signIn(page);
  await team.api.registerComputeWorker({ name: "cpu-box-1", labels: ["cpu"] });
  await team.api.registerComputeWorker({ name: "gpu-box-1", labels: ["gpu"] });
  await page.goto("/workers");
  const label = page.getByLabel("Filter by labels");
  await label.fill("gpu");
  await label.press("Enter");
  await page.getByRole("button", { name: "Offline", exact: true }).click();
  await expect(page).toHaveURL(/label=gpu/);
  await expect(page).toHaveURL(/state=OFFLINE/);
  await page.reload();
  await expect(page.locator('[data-testid="worker-row"]')).toHaveCount(1);
  await expect(page.locator('[data-worker-name="gpu-box-1"]')).toBeVisible();
  await expect(page.getByRole("button", { name: "Offline", exact: true })).toHaveAttribute("aria-pressed", "true");

  const row = page.locator('[data-worker-name="gpu-box-1"]');
  await row.getByRole("button", { name: "Drain" }).click();
  await expect(row.getByText("draining")).toBeVisible();
  await row.getByRole("button", { name: "Resume" }).click();
  await expect(row.getByText("draining")).toHaveCount(0);
  await row.getByRole("button", { name: "Retire" }).click();
  await page.getByRole("button", { name: "Retire worker" }).click();
  await expect(page.getByText("No workers match these filters")).toBeVisible();
});
