// Every route's responses — successes and problems — match the published OpenAPI document.
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { RunyardClient } from "@/lib/client/runyard-client";
import { api } from "@/lib/contract/api";
import type { Operation } from "@/lib/contract/operations";
import { newTeam, rawRequest } from "@/lib/testing/fixtures";
import { inProcessFetch } from "@/lib/testing/in-process-fetch";
import { userInTeam } from "@/lib/testing/sessions";

type Recorded = { method: string; path: string; status: number; body: unknown };

function recordingClient(token: string, log: Recorded[]) {
  const recording: typeof fetch = async (input, init) => {
    const response = await inProcessFetch(input, init);
    const text = await response.clone().text();
    const isJson = /json/.test(response.headers.get("content-type") ?? "");
    log.push({ method: init?.method ?? "GET", path: new URL(String(input)).pathname, status: response.status, body: isJson && text ? JSON.parse(text) : text || undefined });
    return response;
  };
  return new RunyardClient({ baseUrl: "http://runyard.test", token, fetch: recording });
}

function operationFor(method: string, path: string): [string, Operation] | undefined {
  return (Object.entries(api) as [string, Operation][]).find(
    ([, op]) => op.method === method && new RegExp(`^${op.path.replace(/\{\w+\}/g, "[^/]+")}$`).test(path) && !(op.path.includes("{id}") && path.endsWith("/default")),
  );
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and documents every operation", async () => {
    const team = await newTeam();
    const doc = (await team.admin.getOpenApiDocument()) as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.openapi).toBe("3.1.0");
    const documented = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(documented.sort()).toEqual(Object.keys(api).sort());
  });

  it("describes every response the API gives, success or problem", async () => {
    const team = await newTeam();
    const log: Recorded[] = [];
    const admin = recordingClient(await team.tokenFor("admin"), log);
    const doc = (await admin.getOpenApiDocument()) as Record<string, unknown> & { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: unknown }> }> }>> };

    // Drive every operation once, the way an admin, a scheduler and an agent would.
    await admin.health();
    await admin.me();
    const gpu = await admin.registerComputeWorker({ name: "oa-gpu", labels: ["gpu", "gpu-A100"], maxConcurrency: 2 });
    await admin.registerComputeWorker({ name: "oa-gpu", labels: ["gpu", "gpu-A100"] });
    await admin.registerComputeWorker({ name: "oa-gpu", labels: ["cpu"] }).catch(() => undefined);
    const agent = await admin.getDefaultComputeWorker({ info: { hostname: "h", version: "1", facts: { gpu: "A100" } } });
    await admin.getComputeWorkers({ label: ["gpu"], state: ["IDLE", "OFFLINE"] });
    await admin.getComputeWorkerById(gpu.id);
    await admin.drainComputeWorker(gpu.id);
    await admin.resumeComputeWorker(gpu.id);
    const run = await admin.scheduleComputeWorkerRun({ name: "oa", runsOn: ["gpu"], dataset: "ds", config: { a: 1 }, priority: "HIGH" }, { idempotencyKey: "oa-1" });
    await admin.scheduleComputeWorkerRun({ name: "oa", runsOn: ["gpu"], dataset: "ds", config: { a: 1 }, priority: "HIGH" }, { idempotencyKey: "oa-1" });
    const lonely = await admin.scheduleComputeWorkerRun({ runsOn: ["GPU"] });
    await admin.explainComputeWorkerRun(lonely.id);
    await admin.matchComputeWorkers(["GPU"]);
    await admin.matchComputeWorkers(["gpu"]);
    await admin.getLabels();
    const { runs } = await admin.claimComputeWorkerRuns(gpu.id, { max: 2 });
    await admin.heartbeatComputeWorker(gpu.id, { runs: runs.map((r) => ({ id: r.id, leaseToken: r.leaseToken })) });
    await admin.reportComputeWorkerRun(run.id, { leaseToken: 1, state: "RUNNING", progress: 3, message: "go" });
    await admin.appendComputeWorkerRunLogs(run.id, { leaseToken: 1, lines: [{ line: "hello" }] });
    await admin.getComputeWorkerRunLogs(run.id);
    await admin.explainComputeWorkerRun(run.id);
    await admin.cancelComputeWorkerRun(run.id);
    await admin.reportComputeWorkerRun(run.id, { leaseToken: 1, state: "ABORTED" });
    await admin.reportComputeWorkerRun(run.id, { leaseToken: 9, state: "COMPLETED" }).catch(() => undefined);
    // Batch reports (one item stale) and complete-and-claim: their answers carry the claimed runs.
    for (const name of ["b1", "b2", "b3"]) await admin.scheduleComputeWorkerRun({ name, runsOn: ["gpu"] });
    const batch = (await admin.claimComputeWorkerRuns(gpu.id, { max: 2 })).runs;
    const reported = await admin.reportComputeWorkerRuns(gpu.id, {
      reports: [{ runId: batch[0]!.id, leaseToken: 1, state: "COMPLETED" }, { runId: run.id, leaseToken: 9, state: "COMPLETED" }],
      next: { max: 1 },
    });
    for (const claimed of [batch[1]!, ...(reported.next ?? [])]) {
      await admin.reportComputeWorkerRun(claimed.id, { leaseToken: claimed.leaseToken, state: "COMPLETED", next: { max: 1 } });
    }
    await admin.getComputeWorkerRunInfo(run.id);
    await admin.getComputeWorkerRuns({ state: ["ABORTED"] });
    await admin.cancelComputeWorkerRun(lonely.id);
    await admin.getComputeWorkerById("00000000-0000-0000-0000-000000000000").catch(() => undefined);
    await admin.deleteComputeWorker(agent.id);
    for (const [method, path, body] of [["POST", "/api/v1/runs", "{"], ["POST", "/api/v1/workers", JSON.stringify({ name: "x" })]] as const) {
      const response = await rawRequest(method, path, { token: await team.tokenFor("admin"), body });
      log.push({ method, path, status: response.status, body: response.body });
    }
    const scheduler = recordingClient(await team.tokenFor("scheduler"), log);
    await scheduler.registerComputeWorker({ name: "nope" }).catch(() => undefined);

    // Accounts: tokens, members and invitations, teams, the audit log.
    const adminToken = await team.tokenFor("admin");
    const drive = async (method: string, path: string, body?: unknown, token: string | undefined = adminToken) => {
      const response = await rawRequest(method, path, { token, body: body === undefined ? undefined : JSON.stringify(body) });
      log.push({ method, path: path.split("?")[0]!, status: response.status, body: response.body });
      return response.body;
    };
    const token = await drive("POST", "/api/v1/tokens", { name: "oa", scope: "worker", workerId: gpu.id, expiresInDays: 3 });
    await drive("GET", "/api/v1/tokens");
    await drive("DELETE", `/api/v1/tokens/${token.id}`);
    const invite = (await drive("POST", "/api/v1/members", { email: `${gpu.id.slice(0, 8)}@example.com`, role: "member" })).invite;
    await drive("POST", "/api/v1/account/invite", { token: invite.link.split("/invite/")[1], name: "Oa", password: "a long password" }, undefined);
    // An existing user accepts an invitation with their dashboard session.
    const joiner = await userInTeam((await newTeam()).teamId, "member");
    const joinInvite = (await drive("POST", "/api/v1/members", { email: joiner.email, role: "member" })).invite;
    const joined = await joiner.session.request("POST", "/api/v1/account/invite/join", { token: joinInvite.link.split("/invite/")[1] });
    log.push({ method: "POST", path: "/api/v1/account/invite/join", status: joined.status, body: joined.body });
    const members = await drive("GET", "/api/v1/members");
    await drive("PATCH", `/api/v1/members/${joiner.userId}`, { role: "admin" });
    await drive("DELETE", `/api/v1/members/${members.members[0].userId}`);
    await drive("GET", "/api/v1/teams");
    await drive("GET", "/api/v1/overview");
    await drive("GET", "/api/v1/audit?action=token.created");
    await drive("POST", "/api/v1/account/setup", { name: "x", email: "x@example.com", password: "a long password", adminToken: "nope" }, undefined);

    // Integrations: webhooks (a public IP literal passes the SSRF guard without DNS) and /metrics.
    const hook = await admin.createWebhook({ url: "http://93.184.216.34/oa", events: ["run.state_changed", "worker.state_changed"], description: "oa" });
    await admin.createWebhook({ url: "http://127.0.0.1/oa", events: ["run.state_changed"] }).catch(() => undefined);
    await admin.getWebhooks();
    await admin.getWebhook(hook.id);
    await admin.rotateWebhookSecret(hook.id);
    const ping = await admin.pingWebhook(hook.id);
    await admin.getWebhookDeliveries(hook.id, { status: "pending", limit: 5 });
    await admin.redeliverWebhook(hook.id, ping.id);
    await admin.deleteWebhook(hook.id);
    await admin.getMetrics();
    await recordingClient(await team.tokenFor("metrics"), log).getMetrics();
    await scheduler.getMetrics().catch(() => undefined);

    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ $id: "runyard", components: (doc as unknown as { components: unknown }).components }, "runyard");
    const covered = new Set<string>();
    for (const entry of log) {
      const found = operationFor(entry.method, entry.path);
      expect(found, `${entry.method} ${entry.path} is an operation`).toBeDefined();
      const [operationId, op] = found!;
      const documented = doc.paths[op.path]![op.method.toLowerCase()]!.responses[String(entry.status)];
      expect(documented, `${operationId} documents status ${entry.status}`).toBeDefined();
      const schema = Object.values(documented!.content)[0]!.schema as Record<string, unknown>;
      const resolved = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"runyard#/components/'));
      const validate = ajv.compile(resolved);
      expect(validate(entry.body), `${operationId} ${entry.status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      if (entry.status < 300) covered.add(operationId);
    }
    // First-run setup cannot succeed on a database other tests have put users in; its 201 is
    // exercised by setup.integration.test.ts on a database of its own.
    expect([...covered].sort()).toEqual(Object.keys(api).filter((id) => id !== "setup").sort());
  });

  it("declares 405, 413, 415 and 429 where they can happen, and the limits the server enforces", async () => {
    const team = await newTeam();
    type Schema = Record<string, unknown> & { properties?: Record<string, Schema> };
    const doc = (await team.admin.getOpenApiDocument()) as { info: { description: string }; paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: { content: Record<string, { schema: Schema }> } }>> };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        expect(op.responses["405"], `${method} ${path} 405`).toBeDefined();
        if (op.requestBody) {
          expect(op.responses["413"], `${method} ${path} 413`).toBeDefined();
          expect(op.responses["415"], `${method} ${path} 415`).toBeDefined();
        }
      }
    }
    // The public account routes are rate-limited per client address.
    for (const path of ["/api/v1/account/setup", "/api/v1/account/invite", "/api/v1/account/invite/join"]) {
      expect(doc.paths[path]!.post!.responses["429"], `${path} 429`).toBeDefined();
    }
    const heartbeat = doc.paths["/api/v1/workers/{id}/heartbeat"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(heartbeat.properties!.info!.properties!.facts).toMatchObject({ maxProperties: 64 });
    const schedule = doc.paths["/api/v1/runs"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(String(schedule.properties!.config!.description)).toMatch(/256 KiB/);
    expect(String(schedule.properties!.runsOn!.description)).toMatch(/32 distinct/);
    expect(doc.info.description).toMatch(/524288 bytes/);
    expect(doc.info.description).toMatch(/64 levels/);
  });
});
