import { randomUUID } from "node:crypto";
import { expect, test } from "./support/fixtures";

test("a worker registered through the API shows on My Workers with its label chips", async ({ page, api }) => {
  const name = `e2e-gpu-${randomUUID().slice(0, 6)}`;
  const worker = await api.registerComputeWorker({ name, labels: ["gpu-A100", "gpu", "machine1"] });

  await page.goto("/workers");
  await expect(page.getByRole("heading", { name: "My Workers" })).toBeVisible();
  const row = page.locator(`[data-testid="worker-row"][data-worker-name="${name}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText(worker.id);
  for (const label of ["gpu", "gpu-A100", "machine1"]) {
    await expect(row.getByText(label, { exact: true })).toBeVisible();
  }
  await expect(row).toContainText("Offline");
});
