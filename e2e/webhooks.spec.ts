// The Webhooks pages as a team admin uses them, at desk and phone width: adding an endpoint
// (secret shown once, a private target refused beside the field), deliveries in colour and
// words, redelivery. The e2e app runs without RUNYARD_WEBHOOK_ALLOW_PRIVATE.
import path from "node:path";
import { pool } from "@/lib/db/pool";
import { expect, test } from "./support/fixtures";

const SHOTS = path.join(process.cwd(), "test-results", "screenshots");
// A public address, accepted by the SSRF guard (no test sends anything to it).
const PUBLIC = "http://93.184.216.34/hooks/runyard";

test("an admin adds an endpoint: a private target is refused beside the field, the secret is shown once", async ({ page, team }) => {
  await team.signIn(page);
  await page.goto("/webhooks");
  await expect(page.getByText("No webhook endpoints yet")).toBeVisible();
  await page.getByRole("button", { name: "Add endpoint" }).first().click();
  await page.getByLabel("Payload URL").fill("http://127.0.0.1:9000/hook");
  await page.getByRole("button", { name: "Add endpoint" }).last().click();
  await expect(page.getByRole("alert").filter({ hasText: "127.0.0.1 is a loopback address: refused" })).toBeVisible();
  await expect(page.getByLabel("Payload URL")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Payload URL").fill(PUBLIC);
  await page.getByText("worker.state_changed").click();
  await page.getByLabel("Description").fill("Slack bridge");
  await page.screenshot({ path: path.join(SHOTS, "webhook-add.png") });
  await page.getByRole("button", { name: "Add endpoint" }).last().click();
  await expect(page.getByRole("heading", { name: "Copy the signing secret now" })).toBeVisible();
  const secret = (await page.getByTestId("webhook-secret").textContent())!;
  expect(secret).toMatch(/^ryw_[A-Za-z0-9_-]{43}$/);
  await page.getByRole("button", { name: "Done" }).click();
  const row = page.getByTestId("webhook-row");
  await expect(row).toContainText(PUBLIC);
  await expect(row).toContainText("run.state_changed");
  await expect(row).toContainText("worker.state_changed");
  await page.reload();
  await expect(page.getByTestId("webhook-row")).toBeVisible();
  expect(await page.content()).not.toContain(secret);
  const audit = await team.api.getAuditLog({ action: ["webhook.created"] });
  expect(audit.items[0]!.actor).toContain("@example.com");
});

test("deliveries show their state in colour and words, filter by status, and redeliver", async ({ page, team }) => {
  await team.signIn(page);
  const hook = await team.api.createWebhook({ url: PUBLIC, events: ["run.state_changed"], description: "Autoscaler" });
  // As if its name now resolved to an internal address (DNS rebinding): the app's delivery loop
  // refuses every attempt at send time — and the test sends nothing off this machine.
  await pool().query("UPDATE webhook_endpoints SET url = 'http://127.0.0.1:9/hooks/runyard' WHERE id = $1", [hook.id]);
  for (let i = 0; i < 6; i++) await team.api.scheduleComputeWorkerRun({ name: `resnet-${i}`, runsOn: ["gpu", "gpu-A100"] });
  // History, as a receiver that answered would have left it (the e2e machine reaches no receiver).
  await pool().query(
    `UPDATE webhook_deliveries d SET status = s.status, attempts = s.attempts, response_status = s.code, last_error = s.error,
            last_attempt_at = now() - s.n * interval '1 minute', duration_ms = 40 + s.n * 7, delivered_at = CASE WHEN s.status = 'delivered' THEN now() END
       FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM webhook_deliveries WHERE endpoint_id = $1) o,
            LATERAL (SELECT o.n, CASE WHEN o.n = 2 THEN 'failed' ELSE 'delivered' END AS status, CASE WHEN o.n = 2 THEN 31 ELSE 1 END AS attempts,
                            CASE WHEN o.n = 2 THEN 503 ELSE 200 END AS code, CASE WHEN o.n = 2 THEN 'answered 503 Service Unavailable' END AS error) s
      WHERE d.id = o.id`,
    [hook.id],
  );
  await page.goto("/webhooks");
  await expect(page.getByTestId("webhook-row")).toContainText("1 failed");
  await page.screenshot({ path: path.join(SHOTS, "webhooks.png"), fullPage: true });
  await page.getByRole("link", { name: "Deliveries →" }).click();
  await expect(page.getByTestId("delivery-row")).toHaveCount(6);
  await expect(page.getByTestId("delivery-row").getByTestId("delivery-status").filter({ hasText: "Delivered" })).toHaveCount(5);
  const failed = page.getByTestId("delivery-row").filter({ hasText: "Failed" });
  await expect(failed).toContainText("HTTP 503");
  await expect(failed).toContainText("answered 503 Service Unavailable");
  await page.screenshot({ path: path.join(SHOTS, "webhook-deliveries.png"), fullPage: true });
  await page.getByRole("button", { name: "Failed", exact: true }).click();
  await expect(page.getByTestId("delivery-row")).toHaveCount(1);
  await failed.getByRole("button", { name: "Redeliver" }).click();
  // Due again at once: the app's delivery loop takes it, and its guard refuses the target.
  await expect(page.getByRole("cell", { name: "No deliveries with this status." })).toBeVisible();
  await page.getByRole("button", { name: "All", exact: true }).click();
  const retrying = page.getByTestId("delivery-row").filter({ has: page.getByTestId("delivery-status").filter({ hasText: "Retrying" }) });
  await expect(retrying).toHaveCount(1);
  await expect(retrying).toContainText("127.0.0.1 is a loopback address: refused");
  expect((await team.api.getAuditLog({ action: ["webhook.redelivered"] })).items).toHaveLength(1);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/webhooks/${hook.id}`);
  await expect(page.getByTestId("delivery-card")).toHaveCount(6);
  await expect(page.getByTestId("delivery-row").first()).toBeHidden();
  // Nothing wider than the phone: no sideways scrolling of the page.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: path.join(SHOTS, "webhook-deliveries-phone.png"), fullPage: true });
  await page.goto("/webhooks");
  await expect(page.getByTestId("webhook-row")).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, "webhooks-phone.png"), fullPage: true });
});

test("members see that webhooks are for admins", async ({ page, team }) => {
  await team.signIn(page, "member");
  await page.goto("/webhooks");
  await expect(page.getByRole("alert").filter({ hasText: "Admins only" })).toContainText("Webhooks are managed by team admins");
});
