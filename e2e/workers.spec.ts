import { randomUUID } from "node:crypto";
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

test("registers a worker in the dialog, with label chips, and shows the command to start it", async ({ page, team }) => {
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
  const command = await page.getByTestId("start-command").textContent();
  expect(command).toMatch(/RUNYARD_WORKER_ID=[0-9a-f-]{36} npx runyard worker start -- <your command>/);
  await page.getByRole("button", { name: "Done" }).click();
  const row = page.locator('[data-testid="worker-row"][data-worker-name="a100-box-1"]');
  await expect(row.getByText("gpu-A100", { exact: true })).toBeVisible();
  await expect(row.getByText("gpu", { exact: true })).toBeVisible();
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
