// /api/v1/webhooks as a team admin uses it: add (secret once), list, rotate, delete, ping,
// deliveries and redelivery — validated, SSRF-guarded, audited, and invisible to other teams.
import { describe, expect, it } from "vitest";
import { MAX_WEBHOOKS_PER_TEAM } from "@/lib/contract/webhooks";
import { pool } from "@/lib/db/pool";
import { newTeam, rawRequest } from "@/lib/testing/fixtures";

// A public IP literal passes the SSRF guard without DNS; nothing is delivered in this file.
const PUBLIC_URL = "http://93.184.216.34/runyard";

describe("adding an endpoint", () => {
  it("answers 201 with the secret once; lists and reads never show it again", async () => {
    const team = await newTeam();
    const created = await team.admin.createWebhook({ url: `${PUBLIC_URL}/a`, events: ["worker.state_changed", "run.state_changed", "run.state_changed"], description: "PagerDuty bridge" });
    expect(created.secret).toMatch(/^ryw_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ url: `${PUBLIC_URL}/a`, events: ["run.state_changed", "worker.state_changed"], description: "PagerDuty bridge", secretPrefix: created.secret.slice(0, 10) + "…" });
    const listed = await rawRequest("GET", "/api/v1/webhooks", { token: await team.tokenFor("admin") });
    expect(JSON.stringify(listed.body)).not.toContain(created.secret);
    expect(listed.body.items).toHaveLength(1);
    const one = await rawRequest("GET", `/api/v1/webhooks/${created.id}`, { token: await team.tokenFor("admin") });
    expect(JSON.stringify(one.body)).not.toContain(created.secret);
  });

  it.each([
    [{ url: "ftp://files.example.com/x", events: ["run.state_changed"] }, "url", "http or https"],
    [{ url: "not a url", events: ["run.state_changed"] }, "url", "absolute http"],
    [{ url: "https://user:pw@hooks.example.com/", events: ["run.state_changed"] }, "url", "user name or password"],
    [{ url: PUBLIC_URL, events: [] }, "events", "at least one event"],
    [{ url: PUBLIC_URL, events: ["run.created"] }, "events[0]", "run.state_changed, worker.state_changed"],
    [{ url: PUBLIC_URL, events: ["run.state_changed"], secret: "mine" }, "body", "unknown field(s): secret"],
  ])("refuses %j naming %s (400)", async (body, field, reason) => {
    const team = await newTeam();
    const response = await rawRequest("POST", "/api/v1/webhooks", { token: await team.tokenFor("admin"), body: JSON.stringify(body) });
    expect(response.status).toBe(400);
    expect(response.body.invalidParams).toContainEqual({ name: field, reason: expect.stringContaining(reason) });
  });

  it.each([
    ["http://127.0.0.1:9000/hook", "a loopback address"],
    ["http://localhost:3000/hook", "localhost resolves to"],
    ["http://[::1]/hook", "a loopback address"],
    ["http://10.0.0.5/hook", "a private address"],
    ["http://192.168.1.20:8080/", "a private address"],
    ["http://169.254.169.254/latest/meta-data/", "a link-local address"],
    ["http://[fd00::1]/hook", "a unique local address"],
    ["http://[::ffff:127.0.0.1]/hook", "an IPv4-mapped address"],
    ["http://2130706433/hook", "a loopback address"],
  ])("refuses the private target %s without RUNYARD_WEBHOOK_ALLOW_PRIVATE (400 naming url)", async (url, reason) => {
    const team = await newTeam();
    const response = await rawRequest("POST", "/api/v1/webhooks", { token: await team.tokenFor("admin"), body: JSON.stringify({ url, events: ["run.state_changed"] }) });
    expect(response.status).toBe(400);
    expect(response.body.invalidParams).toEqual([{ name: "url", reason: expect.stringContaining(reason) }]);
    expect(response.body.invalidParams[0].reason).toContain("RUNYARD_WEBHOOK_ALLOW_PRIVATE=1");
    expect((await team.admin.getWebhooks()).items).toEqual([]);
  });

  it(`allows at most ${MAX_WEBHOOKS_PER_TEAM} endpoints per team, also when added at once (409 beyond)`, async () => {
    const team = await newTeam();
    const results = await Promise.allSettled(Array.from({ length: MAX_WEBHOOKS_PER_TEAM + 5 }, (_, i) => team.admin.createWebhook({ url: `${PUBLIC_URL}/${i}`, events: ["run.state_changed"] })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(MAX_WEBHOOKS_PER_TEAM);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.status)).toEqual([409, 409, 409, 409, 409]);
  });
});

describe("managing an endpoint", () => {
  it("rotates the secret (shown once), deletes the endpoint with its deliveries, and the audit log says who did each", async () => {
    const team = await newTeam();
    const created = await team.admin.createWebhook({ url: PUBLIC_URL, events: ["run.state_changed"] });
    const rotated = await team.admin.rotateWebhookSecret(created.id);
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.secretRotatedAt).not.toBeNull();
    expect((await pool().query("SELECT secret FROM webhook_endpoints WHERE id = $1", [created.id])).rows[0].secret).toBe(rotated.secret);
    const ping = await team.admin.pingWebhook(created.id);
    expect(ping).toMatchObject({ event: "ping", status: "pending", attempts: 0, body: { id: ping.id, event: "ping", team: { id: team.teamId, name: team.name } } });
    await team.admin.scheduleComputeWorkerRun({ runsOn: ["gpu"] });
    expect((await team.admin.getWebhookDeliveries(created.id)).items.map((d) => d.event)).toEqual(["run.state_changed", "ping"]);
    expect((await team.admin.getWebhook(created.id)).deliveries).toEqual({ pending: 2, failed: 0, delivered: 0 });
    await team.admin.deleteWebhook(created.id);
    expect((await pool().query("SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1", [created.id])).rows[0].n).toBe(0);
    await expect(team.admin.getWebhook(created.id)).rejects.toMatchObject({ status: 404 });
    const audit = await team.admin.getAuditLog({ action: ["webhook.created", "webhook.rotated", "webhook.deleted"] });
    expect(audit.items.map((e) => [e.action, e.targetId, e.actor])).toEqual([
      ["webhook.deleted", created.id, expect.stringContaining("token")],
      ["webhook.rotated", created.id, expect.stringContaining("token")],
      ["webhook.created", created.id, expect.stringContaining("token")],
    ]);
    expect(audit.items[2]!.summary).toContain(PUBLIC_URL);
  });

  it("pages deliveries newest first past 100, filtered by status", async () => {
    const team = await newTeam();
    const hook = await team.admin.createWebhook({ url: PUBLIC_URL, events: ["run.state_changed"] });
    await pool().query(
      `INSERT INTO webhook_deliveries (endpoint_id, team_id, event, payload, status, created_at)
       SELECT $1, $2, 'run.state_changed', jsonb_build_object('n', i), CASE WHEN i % 10 = 0 THEN 'failed' ELSE 'delivered' END, now() - i * interval '1 second'
         FROM generate_series(1, 130) i`,
      [hook.id, team.teamId],
    );
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await team.admin.getWebhookDeliveries(hook.id, { limit: 50, cursor });
      seen.push(...page.items.map((d) => (d.body.data as { n: number }).n));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 130 }, (_, i) => i + 1));
    const failed = await team.admin.getWebhookDeliveries(hook.id, { status: "failed", limit: 500 });
    expect(failed.items.map((d) => (d.body.data as { n: number }).n)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130]);
    const forged = await rawRequest("GET", `/api/v1/webhooks/${hook.id}/deliveries?cursor=eyJ4IjoxfQ`, { token: await team.tokenFor("admin") });
    expect(forged.status).toBe(400);
  });

  it("redelivers a finished delivery with the same id and 24 hours of retries, and refuses one in flight (409)", async () => {
    const team = await newTeam();
    const hook = await team.admin.createWebhook({ url: PUBLIC_URL, events: ["run.state_changed"] });
    const ping = await team.admin.pingWebhook(hook.id);
    await pool().query("UPDATE webhook_deliveries SET status = 'failed', attempts = 30, give_up_at = now() - interval '1 minute' WHERE id = $1", [ping.id]);
    const again = await team.admin.redeliverWebhook(hook.id, ping.id);
    expect(again).toMatchObject({ id: ping.id, status: "pending", attempts: 30 });
    expect(Date.parse(again.giveUpAt) - Date.now()).toBeGreaterThan(23 * 3600_000);
    await pool().query("UPDATE webhook_deliveries SET leased_until = now() + interval '1 minute' WHERE id = $1", [ping.id]);
    await expect(team.admin.redeliverWebhook(hook.id, ping.id)).rejects.toMatchObject({ status: 409 });
    const other = await newTeam();
    await expect(other.admin.redeliverWebhook(hook.id, ping.id)).rejects.toMatchObject({ status: 404 });
    expect((await team.admin.getAuditLog({ action: ["webhook.redelivered"] })).items).toHaveLength(1);
  });
});
