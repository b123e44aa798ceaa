// Keyboard use: a skip link first, a visible focus ring on what has focus (the selected
// priority included), and confirm dialogs that read left to right even when opened from a
// right-aligned table cell.
import { expect, test } from "./support/fixtures";

test("the first Tab reaches 'Skip to content', which moves focus to the page's content", async ({ page, team }) => {
  await team.signIn(page);
  await page.goto("/workers");
  await expect(page.getByRole("heading", { name: "My Workers" })).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("the selected priority shows a focus ring that stands out from its own fill", async ({ page, team }) => {
  await team.signIn(page);
  await page.goto("/runs/new");
  await page.getByLabel("Name").focus();
  // Shift+Tab from Name goes back into the priority group, onto the checked radio (Mid).
  await page.keyboard.press("Shift+Tab");
  const mid = page.getByRole("radio", { name: "Mid" });
  await expect(mid).toBeFocused();
  const ring = await page.locator("label", { has: mid }).evaluate((label) => {
    const style = getComputedStyle(label);
    return { outline: style.outlineStyle, width: style.outlineWidth, offset: style.outlineOffset, color: style.outlineColor, fill: style.backgroundColor };
  });
  expect(ring.outline).toBe("solid");
  expect(ring.width).toBe("2px");
  // Drawn outside the label (offset), so it is seen against the page, not the indigo fill.
  expect(parseFloat(ring.offset)).toBeGreaterThan(0);
});

test("a confirm dialog opened from a table row is left-aligned", async ({ page, team }) => {
  await team.signIn(page);
  await team.api.registerComputeWorker({ name: "a100-fra-01", labels: ["gpu"] });
  await page.goto("/workers");
  await page.getByTestId("worker-row").getByRole("button", { name: "Retire" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  expect(await dialog.evaluate((d) => getComputedStyle(d).textAlign)).toMatch(/^(left|start)$/);
  expect(await dialog.getByText("It disappears from lists").evaluate((p) => getComputedStyle(p).textAlign)).toMatch(/^(left|start)$/);
});
