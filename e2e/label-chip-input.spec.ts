// The label chip input on the schedule form, as a keyboard and screen-reader user meets it.
import { expect, test } from "./support/fixtures";

test.beforeEach(async ({ page, team }) => {
  await team.signIn(page);
  await team.api.registerComputeWorker({ name: "a100-fra-01", labels: ["gpu", "gpu-A100", "fra"] });
  await team.api.registerComputeWorker({ name: "h100-ams-01", labels: ["gpu", "gpu-H100", "ams"] });
});

test("chips keep the order they were added in; Backspace removes the last added; focus stays after ×", async ({ page }) => {
  await page.goto("/runs/new");
  const input = page.getByRole("combobox", { name: "Runs on" });
  for (const label of ["gpu-A100", "fra", "ams"]) {
    await input.fill(label);
    await input.press("Enter");
  }
  const chips = page.getByTestId("chip");
  await expect(chips).toHaveText(["gpu-A100×", "fra×", "ams×"]);
  await input.press("Backspace");
  await expect(chips).toHaveText(["gpu-A100×", "fra×"]);
  await page.getByRole("button", { name: "Remove gpu-A100" }).click();
  await expect(chips).toHaveText(["fra×"]);
  await expect(input).toBeFocused();
  await page.keyboard.type("gpu");
  await page.keyboard.press("Enter");
  await expect(chips).toHaveText(["fra×", "gpu×"]);
});

test("is an ARIA combobox that announces the highlighted suggestion", async ({ page }) => {
  await page.goto("/runs/new");
  const input = page.getByRole("combobox", { name: "Runs on" });
  await expect(input).toHaveAttribute("aria-expanded", "false");
  await input.fill("gpu");
  await expect(input).toHaveAttribute("aria-expanded", "true");
  const listId = await input.getAttribute("aria-controls");
  const list = page.locator(`[id="${listId}"]`);
  await expect(list).toHaveAttribute("role", "listbox");
  await expect(list).toBeVisible();
  await expect(input).not.toHaveAttribute("aria-activedescendant", /.+/);
  await input.press("ArrowDown");
  const first = list.getByRole("option").first();
  await expect(first).toHaveAttribute("aria-selected", "true");
  await expect(input).toHaveAttribute("aria-activedescendant", (await first.getAttribute("id"))!);
  await input.press("ArrowDown");
  const second = list.getByRole("option").nth(1);
  await expect(input).toHaveAttribute("aria-activedescendant", (await second.getAttribute("id"))!);
  await expect(first).toHaveAttribute("aria-selected", "false");
  await input.press("Enter");
  await expect(page.getByTestId("chip")).toHaveCount(1);
  await expect(input).toHaveAttribute("aria-expanded", "false");
  await expect(input).not.toHaveAttribute("aria-activedescendant", /.+/);
});

test("suggests labels workers have first; a label only a run asked for is marked 'no worker has it'", async ({ page, team }) => {
  await team.api.scheduleComputeWorkerRun({ name: "typo-run", runsOn: ["GPU"] });
  await page.goto("/runs/new");
  const input = page.getByRole("combobox", { name: "Runs on" });
  await input.fill("gpu");
  const options = page.getByRole("listbox").getByRole("option");
  await expect(options.first()).toContainText("gpu");
  await expect(options.first()).toContainText("2 workers");
  await expect(options.last()).toContainText("GPU");
  await expect(options.last()).toContainText("no worker has it");
  // What was typed is kept as typed: Enter without picking adds "gpu", never the look-alike.
  await input.press("Enter");
  await expect(page.getByTestId("chip")).toHaveText(["gpu×"]);
});

test("the suggestion list overlays the form instead of pushing it down", async ({ page }) => {
  await page.goto("/runs/new");
  const input = page.getByRole("combobox", { name: "Runs on" });
  const priority = page.getByText("Priority", { exact: true });
  const before = (await priority.boundingBox())!.y;
  await input.fill("g");
  await expect(page.getByRole("listbox")).toBeVisible();
  await expect(page.getByRole("listbox").getByRole("option")).not.toHaveCount(0);
  expect((await priority.boundingBox())!.y).toBe(before);
  // …and the list is on top: its first option can be clicked where it is drawn.
  await page.getByRole("listbox").getByRole("option").first().click();
  await expect(page.getByTestId("chip")).toHaveCount(1);
});
