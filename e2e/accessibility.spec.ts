// axe-core on every page, at desktop and phone width, in the light and the dark theme: no
// serious or critical violation. With RUNYARD_SCREENSHOTS=<dir> each page is also saved there
// (not in git) to look at.
import path from "node:path";
import type { Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./support/axe";
import { seedFleet } from "./support/seed-fleet";
import { expect, test } from "./support/fixtures";

const VIEWPORTS = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;
const THEMES = ["light", "dark"] as const;
// Pages load their data after the first paint; on a loaded machine that can take a while.
const slow = expect.configure({ timeout: 30_000 });

async function shoot(page: Page, name: string) {
  const dir = process.env.RUNYARD_SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

for (const viewport of VIEWPORTS) {
  for (const theme of THEMES) {
    const combo = `${viewport.name}-${theme}`;
    test.describe(combo, () => {
      test.use({ viewport: { width: viewport.width, height: viewport.height }, colorScheme: theme });

      test(`signed-out pages and not-found pages (${combo})`, async ({ page, team }) => {
        await page.goto("/sign-in");
        await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
        await expect(page.locator("html")).toHaveClass(theme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
        await expectNoSeriousViolations(page, `sign-in ${combo}`);
        await shoot(page, `sign-in-${combo}`);

        await team.signIn(page);
        const missing = await page.goto("/no-such-page");
        expect(missing?.status()).toBe(404);
        await expect(page.getByRole("heading", { name: /not found/i })).toBeVisible();
        await expectNoSeriousViolations(page, `404 ${combo}`);
        await shoot(page, `not-found-${combo}`);
      });

      test(`every dashboard page with a fleet (${combo})`, async ({ page, team }) => {
        test.setTimeout(240_000);
        await team.signIn(page);
        const fleet = await seedFleet(team);
        try {
          const webhook = await team.api.createWebhook({ url: "http://93.184.216.34/hooks/runyard", events: ["run.state_changed"], description: "Slack relay" });
          const visit = async (url: string, name: string, ready: (page: Page) => Promise<void>) => {
            await page.goto(url);
            await ready(page);
            await expectNoSeriousViolations(page, `${name} ${combo}`);
            await shoot(page, `${name}-${combo}`);
          };
          await visit("/", "overview", async (p) => slow(p.getByTestId("label-set-row").first()).toBeVisible());
          if (viewport.name === "phone") {
            await visit("/", "menu-open", async (p) => {
              await p.getByRole("button", { name: "Menu" }).click();
              await slow(p.getByRole("navigation", { name: "Main" })).toBeVisible();
            });
          }
          await visit("/workers", "workers", async (p) => slow(p.getByTestId("worker-row")).toHaveCount(12));
          await visit("/workers", "worker-page", async (p) => {
            await slow(p.getByTestId("worker-row").first()).toBeVisible();
            await p.getByTestId("worker-row").first().getByRole("link").first().click();
            await slow(p.getByRole("heading", { name: "Recent runs" })).toBeVisible();
          });
          await visit("/runs", "runs", async (p) => slow(p.getByTestId("run-row").first()).toBeVisible());
          await visit("/runs/new", "schedule", async (p) => {
            const chips = p.getByLabel("Runs on");
            await chips.fill("gpu");
            await chips.press("Enter");
            await chips.fill("gpu-");
            await slow(p.getByRole("listbox")).toBeVisible();
            await chips.press("ArrowDown");
          });
          await visit("/runs?q=vit-large", "run-running", async (p) => {
            await p.getByRole("link", { name: "vit-large-hot" }).click();
            await slow(p.getByTestId("run-logs")).toContainText("epoch 1/20");
          });
          await visit("/runs?q=sweep-lr-1", "run-queued", async (p) => {
            await p.getByRole("link", { name: "sweep-lr-1" }).click();
            await slow(p.getByTestId("explain")).toBeVisible();
          });
          await visit("/team", "team", async (p) => slow(p.getByRole("heading", { name: /^Team / })).toBeVisible());
          await visit("/tokens", "tokens", async (p) => slow(p.getByTestId("token-row").first()).toBeVisible());
          await visit("/audit", "audit", async (p) => slow(p.getByTestId("audit-row").first()).toBeVisible());
          await visit("/webhooks", "webhooks", async (p) => slow(p.getByRole("heading", { name: "Webhooks" })).toBeVisible());
          await visit(`/webhooks/${webhook.id}`, "webhook-deliveries", async (p) => slow(p.getByText("93.184.216.34").first()).toBeVisible());
          await visit("/runs/00000000-0000-4000-8000-000000000000", "run-not-found", async (p) => slow(p.getByRole("heading", { name: /not found/i })).toBeVisible());
          // A confirm dialog, open.
          await visit("/workers", "retire-dialog", async (p) => {
            await p.getByTestId("worker-row").first().getByRole("button", { name: "Retire" }).click();
            await slow(p.getByRole("dialog")).toBeVisible();
          });
        } finally {
          fleet.stop();
        }
      });
    });
  }
}
