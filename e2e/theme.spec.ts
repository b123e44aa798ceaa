// Dark mode: follows prefers-color-scheme, a Light / Dark / System choice kept per browser, and
// the theme is on <html> before the body is parsed (no flash of the light page).
import { expect, test } from "./support/fixtures";

// Records whether <html> was dark at the moment <body> was created: before anything painted.
const RECORD_AT_BODY = () => {
  const observer = new MutationObserver(() => {
    if (document.body) {
      (window as unknown as { darkAtBody: boolean }).darkAtBody = document.documentElement.classList.contains("dark");
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
};

const bodyBackground = (page: import("@playwright/test").Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test("follows the system, and a choice made in the header is kept across pages and reloads", async ({ page, team }) => {
  await team.signIn(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.addInitScript(RECORD_AT_BODY);
  await page.goto("/");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  expect(await page.evaluate(() => (window as unknown as { darkAtBody: boolean }).darkAtBody)).toBe(true);
  const dark = await bodyBackground(page);

  const theme = page.getByRole("group", { name: "Theme" });
  await expect(theme.getByRole("button", { name: "System theme" })).toHaveAttribute("aria-pressed", "true");
  await theme.getByRole("button", { name: "Light theme" }).click();
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  expect(await bodyBackground(page)).not.toBe(dark);
  await page.goto("/workers");
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  expect(await page.evaluate(() => (window as unknown as { darkAtBody: boolean }).darkAtBody)).toBe(false);
  await expect(page.getByRole("group", { name: "Theme" }).getByRole("button", { name: "Light theme" })).toHaveAttribute("aria-pressed", "true");

  // Dark chosen while the system is light: dark from the first paint on.
  await page.emulateMedia({ colorScheme: "light" });
  await page.getByRole("group", { name: "Theme" }).getByRole("button", { name: "Dark theme" }).click();
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  expect(await page.evaluate(() => (window as unknown as { darkAtBody: boolean }).darkAtBody)).toBe(true);
  expect(await page.evaluate(() => localStorage.getItem("runyard-theme"))).toBe("dark");

  // Back to System: follows the OS as it changes, without a reload.
  await page.getByRole("group", { name: "Theme" }).getByRole("button", { name: "System theme" }).click();
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
});

test("the sign-in page follows the system theme too", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/sign-in");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
});
