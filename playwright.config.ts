import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

// Debian's Chromium by default (Playwright cannot download browsers here); set
// RUNYARD_CHROMIUM_PATH to use another, or to "" to use Playwright's own browser.
const chromium = process.env.RUNYARD_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : "");

const launchArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/support/global-setup.ts",
  outputDir: "test-results/e2e",
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: true,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-report.json" }]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium || undefined,
      args: launchArgs,
    },
  },
  projects: [
    // First-run setup needs an install without users, so it runs before every other spec.
    { name: "first-run", testMatch: /first-run\.spec\.ts/, use: { browserName: "chromium", viewport: { width: 1440, height: 900 } } },
    { name: "chromium", testIgnore: /(first-run|field|outage)\.spec\.ts/, dependencies: ["first-run"], use: { browserName: "chromium", viewport: { width: 1440, height: 900 } } },
    // Field deployment (issue 12): its own `npm start` on a fresh data dir, reached as
    // http://runyard.test:PORT — a LAN name, never localhost, and not a secure origin.
    {
      name: "field",
      testMatch: /(field|outage)\.spec\.ts/,
      use: {
        browserName: "chromium",
        viewport: { width: 1440, height: 900 },
        launchOptions: { executablePath: chromium || undefined, args: [...launchArgs, "--host-resolver-rules=MAP runyard.test 127.0.0.1"] },
      },
    },
  ],
});
