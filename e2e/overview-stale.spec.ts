// The overview says "live" only while it can refresh (issue 15): when the server cannot be
// reached, its numbers are marked stale instead of being shown as live.
import { expect, test } from "./support/fixtures";

test("the overview says its numbers are stale while the server cannot be reached, and live again after", async ({ page, team }) => {
  await team.signIn(page);
  await team.api.scheduleComputeWorkerRun({ name: "something-queued", runsOn: ["nobody"] });
  await page.goto("/");
  const freshness = page.getByTestId("overview-freshness");
  await expect(freshness).toHaveText("live");
  await page.route("**/api/v1/overview", (route) => route.abort("connectionrefused"));
  await expect(freshness).toContainText("stale — the server cannot be reached", { timeout: 30_000 });
  await expect(freshness).not.toHaveText("live");
  await page.unroute("**/api/v1/overview");
  await expect(freshness).toHaveText("live", { timeout: 30_000 });
});
