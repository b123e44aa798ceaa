// Webhooks from the built app to a real HTTP receiver: signed deliveries of a run's life, a
// receiver that is down and comes back, an app killed mid-delivery and restarted, two instances
// announcing worker changes once, and the SSRF guard of an app without RUNYARD_WEBHOOK_ALLOW_PRIVATE.
import { afterEach, describe, expect, inject, it } from "vitest";
import { RunyardClient } from "@/lib/client/runyard-client";
import { createToken } from "@/lib/server/auth/tokens";
import { ensureTeam } from "@/lib/server/teams/ensure-team";
import { eventually } from "@/lib/testing/agent-harness";
import { startAppServer, type AppServer } from "@/lib/testing/app-server";
import { uniqueName } from "@/lib/testing/fixtures";
import { startReceiver, verifySignature, type Receiver } from "@/lib/testing/webhook-receiver";

const FAST = {
  RUNYARD_WEBHOOK_ALLOW_PRIVATE: "1", RUNYARD_WEBHOOK_BACKOFF_BASE_MS: "300", RUNYARD_WEBHOOK_TIMEOUT_MS: "2000",
  RUNYARD_WEBHOOK_POLL_MS: "200", RUNYARD_WORKER_OFFLINE_AFTER_S: "4",
};

let servers: AppServer[] = [];
let receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await Promise.all(receivers.map((r) => r.close()));
  servers = [];
  receivers = [];
});

async function app(env: Record<string, string> = FAST, port?: number) {
  const server = await startAppServer({ databaseUrl: inject("databaseUrl"), env, port });
  servers.push(server);
  return server;
}

async function receiver(options: Parameters<typeof startReceiver>[0] = {}) {
  const started = await startReceiver(options);
  receivers.push(started);
  return started;
}

async function team() {
  const teamId = await ensureTeam(uniqueName("hooked"));
  const admin = (await createToken({ teamId, scope: "admin", name: "webhook test" })).secret;
  return { teamId, admin, client: (server: AppServer) => new RunyardClient({ baseUrl: server.url, token: admin, validateResponses: true }) };
}

describe("webhooks from running app instances", () => {
  it("keeps retrying a receiver that is down, and delivers the same delivery id once it is up", async () => {
    const server = await app();
    const t = await team();
    const probe = await receiver();
    const port = probe.port;
    await probe.close();
    receivers = [];
    const hook = await t.client(server).createWebhook({ url: `http://127.0.0.1:${port}/hook`, events: ["run.state_changed"] });
    const run = await t.client(server).scheduleComputeWorkerRun({ name: "while-down", runsOn: ["gpu"] });
    const pending = await eventually(async () => {
      const [d] = (await t.client(server).getWebhookDeliveries(hook.id)).items;
      return d && d.attempts >= 2 && d;
    }, "two failed attempts", 30_000);
    expect(pending).toMatchObject({ status: "pending", lastError: expect.stringContaining("ECONNREFUSED") });
    const up = await receiver({ port });
    const [got] = await eventually(() => up.received.length > 0 && up.received, "the delivery once the receiver is up", 30_000);
    expect(got!.headers["x-runyard-delivery"]).toBe(pending.id);
    expect(verifySignature(hook.secret, got!.raw, got!.headers["x-runyard-signature"])).toBe(true);
    expect(got!.body).toMatchObject({ id: pending.id, event: "run.state_changed", data: { previousState: null, run: { id: run.id, state: "OPEN" } } });
    await eventually(async () => (await t.client(server).getWebhook(hook.id)).deliveries.delivered === 1, "the delivery recorded as delivered", 10_000);
  });

  it("delivers after the app is killed mid-delivery and restarted, with the same X-Runyard-Delivery", async () => {
    const server = await app();
    const t = await team();
    const hooked = await receiver({ answer: () => "hang" });
    const hook = await t.client(server).createWebhook({ url: hooked.url(), events: ["run.state_changed"] });
    const ping = await t.client(server).pingWebhook(hook.id);
    await eventually(() => hooked.received.length === 1, "the delivery to be in flight", 30_000);
    server.process.kill("SIGKILL");
    await new Promise((resolve) => server.process.once("exit", resolve));
    hooked.answerWith(() => 200);
    const restarted = await app(FAST, server.port);
    await eventually(async () => (await t.client(restarted).getWebhookDeliveries(hook.id)).items[0]!.status === "delivered", "the delivery after the restart", 60_000);
    expect(hooked.received.map((r) => r.headers["x-runyard-delivery"])).toEqual([ping.id, ping.id]);
    expect(hooked.received.every((r) => verifySignature(hook.secret, r.raw, r.headers["x-runyard-signature"]))).toBe(true);
    expect((await t.client(restarted).getWebhook(hook.id)).lastDelivery).toMatchObject({ id: ping.id, status: "delivered", attempts: 2, responseStatus: 200 });
  });

  it("announces each worker state change once while two instances sweep: new, online, offline, draining", async () => {
    const [a, b] = await Promise.all([app(), app()]);
    const t = await team();
    const hooked = await receiver();
    await t.client(a).createWebhook({ url: hooked.url(), events: ["worker.state_changed"] });
    const worker = await t.client(b).registerComputeWorker({ name: "watched-gpu", labels: ["gpu"] });
    await eventually(() => hooked.ofEvent("worker.state_changed").length === 1, "the new worker announced", 30_000);
    await t.client(a).heartbeatComputeWorker(worker.id);
    // No more contact: OFFLINE after RUNYARD_WORKER_OFFLINE_AFTER_S (4 s), plus at most a sweep.
    await eventually(() => hooked.ofEvent("worker.state_changed").some((r) => (r.body.data as { worker: { state: string } }).worker.state === "OFFLINE" && (r.body.data as { previousState: string }).previousState === "IDLE"), "OFFLINE announced", 30_000);
    await t.client(b).drainComputeWorker(worker.id);
    await eventually(() => hooked.ofEvent("worker.state_changed").length >= 4, "the drain announced", 30_000);
    const seen = hooked.ofEvent("worker.state_changed").map((r) => {
      const data = r.body.data as { previousState: string | null; worker: { state: string; draining: boolean } };
      return [data.previousState, data.worker.state, data.worker.draining];
    });
    expect(seen).toEqual([[null, "OFFLINE", false], ["OFFLINE", "IDLE", false], ["IDLE", "OFFLINE", false], ["OFFLINE", "OFFLINE", true]]);
    expect(new Set(hooked.received.map((r) => r.headers["x-runyard-delivery"])).size).toBe(hooked.received.length);
  });

  it("refuses a private target without RUNYARD_WEBHOOK_ALLOW_PRIVATE (400 naming url)", async () => {
    const server = await app({});
    const t = await team();
    const local = await receiver();
    const response = await fetch(`${server.url}/api/v1/webhooks`, {
      method: "POST",
      headers: { authorization: `Bearer ${t.admin}`, "content-type": "application/json" },
      body: JSON.stringify({ url: local.url(), events: ["run.state_changed"] }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const problem = await response.json();
    expect(problem.invalidParams).toEqual([{ name: "url", reason: expect.stringContaining("127.0.0.1 is a loopback address: refused") }]);
    expect(local.received).toEqual([]);
  });
});
