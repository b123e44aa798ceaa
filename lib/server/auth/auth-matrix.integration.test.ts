// Every route × (no token, bad token, revoked, expired, wrong scope, another team's token):
// refused, and nothing of one team is visible or changeable by another.
import { beforeAll, describe, expect, it } from "vitest";
import { api } from "@/lib/contract/api";
import type { Operation, Scope } from "@/lib/contract/operations";
import { pool } from "@/lib/db/pool";
import { eventually } from "@/lib/testing/agent-harness";
import { newTeam, rawRequest, uniqueName } from "@/lib/testing/fixtures";
import { createToken } from "@/lib/server/auth/tokens";

type Sample = { params?: Record<string, string>; body?: unknown; query?: string };
type Ids = { workerId: string; runId: string; tokenId: string; userId: string; webhookId: string; deliveryId: string };

// A valid request for every operation: the matrix then varies only the credentials.
const SAMPLES: Record<keyof typeof api, (ids: Ids) => Sample> = {
  health: () => ({}),
  openapi: () => ({}),
  me: () => ({}),
  registerWorker: () => ({ body: { name: "matrix-worker", labels: ["gpu"] } }),
  defaultWorker: () => ({ body: {} }),
  listWorkers: () => ({}),
  getWorker: ({ workerId }) => ({ params: { id: workerId } }),
  retireWorker: ({ workerId }) => ({ params: { id: workerId } }),
  drainWorker: ({ workerId }) => ({ params: { id: workerId }, body: {} }),
  resumeWorker: ({ workerId }) => ({ params: { id: workerId }, body: {} }),
  claimRuns: ({ workerId }) => ({ params: { id: workerId }, body: {} }),
  heartbeat: ({ workerId }) => ({ params: { id: workerId }, body: {} }),
  scheduleRun: () => ({ body: { runsOn: ["gpu"] } }),
  listRuns: () => ({}),
  getRun: ({ runId }) => ({ params: { id: runId } }),
  cancelRun: ({ runId }) => ({ params: { id: runId }, body: {} }),
  explainRun: ({ runId }) => ({ params: { id: runId } }),
  reportRun: ({ runId }) => ({ params: { id: runId }, body: { leaseToken: 1, progress: 5 } }),
  reportRuns: ({ workerId, runId }) => ({ params: { id: workerId }, body: { reports: [{ runId, leaseToken: 1, progress: 5 }] } }),
  appendLogs: ({ runId }) => ({ params: { id: runId }, body: { leaseToken: 1, lines: [{ line: "x" }] } }),
  readLogs: ({ runId }) => ({ params: { id: runId } }),
  match: () => ({ query: "runsOn=gpu" }),
  labels: () => ({}),
  listTokens: () => ({}),
  createToken: () => ({ body: { name: "matrix", scope: "scheduler" } }),
  revokeToken: ({ tokenId }) => ({ params: { id: tokenId } }),
  listMembers: () => ({}),
  addMember: () => ({ body: { email: "someone@example.com", role: "member" } }),
  removeMember: ({ userId }) => ({ params: { userId } }),
  changeMemberRole: ({ userId }) => ({ params: { userId }, body: { role: "member" } }),
  listTeams: () => ({}),
  audit: () => ({}),
  overview: () => ({}),
  setup: () => ({ body: { name: "x", email: "x@example.com", password: "long enough password", adminToken: "nope" } }),
  acceptInvite: () => ({ body: { token: "not-a-real-invite", name: "x", password: "long enough password" } }),
  joinTeam: () => ({ body: { token: "not-a-real-invite" } }),
  metrics: () => ({}),
  listWebhooks: () => ({}),
  // A public IP literal: passes the SSRF guard without DNS (nothing is delivered in these tests).
  createWebhook: () => ({ body: { url: "http://93.184.216.34/matrix", events: ["run.state_changed"] } }),
  getWebhook: ({ webhookId }) => ({ params: { id: webhookId } }),
  deleteWebhook: ({ webhookId }) => ({ params: { id: webhookId } }),
  rotateWebhookSecret: ({ webhookId }) => ({ params: { id: webhookId }, body: {} }),
  pingWebhook: ({ webhookId }) => ({ params: { id: webhookId }, body: {} }),
  listWebhookDeliveries: ({ webhookId }) => ({ params: { id: webhookId } }),
  redeliverWebhook: ({ webhookId, deliveryId }) => ({ params: { id: webhookId, deliveryId }, body: {} }),
};

function request(op: Operation, sample: Sample, token?: string) {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => sample.params?.[name] ?? "");
  return rawRequest(op.method, `${path}${sample.query ? `?${sample.query}` : ""}`, {
    token,
    body: op.method === "GET" || op.method === "DELETE" ? undefined : JSON.stringify(sample.body ?? {}),
  });
}

const protectedOps = (Object.entries(api) as [keyof typeof api, Operation][]).filter(([, op]) => op.scopes !== "public");

let ours: Awaited<ReturnType<typeof newTeam>>;
let theirs: Awaited<ReturnType<typeof newTeam>>;
let ids: Ids;

beforeAll(async () => {
  ours = await newTeam();
  theirs = await newTeam();
  const worker = await ours.admin.registerComputeWorker({ name: "our-gpu", labels: ["gpu"] });
  const run = await ours.admin.scheduleComputeWorkerRun({ runsOn: ["gpu"] });
  const token = await createToken({ teamId: ours.teamId, scope: "scheduler", name: "matrix target" });
  const userId = uniqueName("user");
  await pool().query("INSERT INTO users (id, name, email) VALUES ($1, 'Member', $2)", [userId, `${userId}@example.com`]);
  await pool().query("INSERT INTO team_members (team_id, user_id, role) VALUES ($1, $2, 'member')", [ours.teamId, userId]);
  const webhook = await ours.admin.createWebhook({ url: "http://93.184.216.34/ours", events: ["worker.state_changed"] });
  const ping = await ours.admin.pingWebhook(webhook.id);
  ids = { workerId: worker.id, runId: run.id, tokenId: token.id, userId, webhookId: webhook.id, deliveryId: ping.id };
});

describe("authentication and scopes on every route", () => {
  it("has a sample request for every operation", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(api).sort());
  });

  it.each(protectedOps)("%s refuses a request without a token (401)", async (name, op) => {
    expect((await request(op, SAMPLES[name](ids))).status).toBe(401);
  });

  it.each(protectedOps)("%s refuses a malformed or unknown token (401)", async (name, op) => {
    expect((await request(op, SAMPLES[name](ids), "not-a-token")).status).toBe(401);
    expect((await request(op, SAMPLES[name](ids), `ry_${"A".repeat(40)}`)).status).toBe(401);
  });

  it("refuses revoked and expired tokens (401)", async () => {
    const revoked = await createToken({ teamId: ours.teamId, scope: "scheduler", name: "to revoke" });
    expect((await request(api.listRuns, {}, revoked.secret)).status).toBe(200);
    // Changed behind the app's back (plain SQL): the token cache hears of it by NOTIFY, within
    // milliseconds (lib/server/auth/token-cache.ts) — long before its own 60 s bound.
    await pool().query("UPDATE api_tokens SET revoked_at = now() WHERE id = $1", [revoked.id]);
    await eventually(async () => (await request(api.listRuns, {}, revoked.secret)).status === 401, "the revoked token to be refused", 10_000);
    const team = await newTeam();
    const expiring = await team.tokenFor("admin");
    expect((await request(api.listRuns, {}, expiring)).status).toBe(200);
    await pool().query("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE team_id = $1", [team.teamId]);
    await eventually(async () => (await request(api.listRuns, {}, expiring)).status === 401, "the expired token to be refused", 10_000);
  });

  const wrongScopes = protectedOps.flatMap(([name, op]) =>
    (["scheduler", "worker", "metrics"] as Scope[]).filter((s) => !(op.scopes as readonly Scope[]).includes(s)).map((scope) => [name, scope, op] as const),
  );
  it.each(wrongScopes)("%s refuses a token of scope %s (403)", async (name, scope, op) => {
    const team = await newTeam();
    const worker = await team.admin.registerComputeWorker({ name: "w-scope", labels: [] });
    const run = await team.admin.scheduleComputeWorkerRun({});
    const token = await createToken({ teamId: team.teamId, scope: "scheduler", name: "target" });
    const placeholder = "00000000-0000-4000-8000-000000000000";
    const response = await request(op, SAMPLES[name]({ workerId: worker.id, runId: run.id, tokenId: token.id, userId: "nobody", webhookId: placeholder, deliveryId: placeholder }), await team.tokenFor(scope));
    expect(response.status).toBe(403);
    expect(response.body.code).toBe("forbidden");
  });
});

describe("teams never see or touch each other's objects", () => {
  const byId = protectedOps.filter(([, op]) => op.params);
  it.each(byId)("%s answers 404 for another team's object, and changes nothing", async (name, op) => {
    const before = await ours.admin.getComputeWorkerRunInfo(ids.runId);
    const response = await request(op, SAMPLES[name](ids), await theirs.tokenFor("admin"));
    expect(response.status).toBe(404);
    expect(await ours.admin.getComputeWorkerRunInfo(ids.runId)).toEqual(before);
    expect((await ours.admin.getComputeWorkerById(ids.workerId)).draining).toBe(false);
    const token = await pool().query("SELECT revoked_at FROM api_tokens WHERE id = $1", [ids.tokenId]);
    expect(token.rows[0].revoked_at).toBeNull();
    const member = await pool().query("SELECT 1 FROM team_members WHERE team_id = $1 AND user_id = $2", [ours.teamId, ids.userId]);
    expect(member.rowCount).toBe(1);
    const webhook = await pool().query("SELECT secret_rotated_at FROM webhook_endpoints WHERE id = $1", [ids.webhookId]);
    expect(webhook.rows).toEqual([{ secret_rotated_at: null }]);
  });

  it("lists, labels, match, tokens, members and audit show another team nothing of ours", async () => {
    const theirToken = await theirs.tokenFor("admin");
    const tokens = (await request(api.listTokens, {}, theirToken)).body.items.map((t: { id: string }) => t.id);
    expect(tokens).not.toContain(ids.tokenId);
    expect((await request(api.listMembers, {}, theirToken)).body.members).toEqual([]);
    expect((await request(api.audit, {}, theirToken)).body.items).toEqual([]);
    expect((await theirs.admin.getComputeWorkers()).items).toEqual([]);
    expect((await theirs.admin.getComputeWorkerRuns()).items).toEqual([]);
    expect((await theirs.admin.getLabels()).labels).toEqual([]);
    expect((await theirs.admin.matchComputeWorkers(["gpu"])).counts.workers).toBe(0);
    expect((await theirs.admin.getWebhooks()).items).toEqual([]);
    const scrape = await theirs.admin.getMetrics();
    expect(scrape).not.toContain(ours.name);
    expect(scrape).toContain(`team="${theirs.name}"`);
  });

  it("a worker token bound to one worker cannot act as another (403)", async () => {
    const other = await ours.admin.registerComputeWorker({ name: "our-other", labels: ["gpu"] });
    const bound = await ours.tokenFor("worker", other.id);
    for (const op of [api.claimRuns, api.heartbeat]) {
      expect((await request(op, { params: { id: ids.workerId }, body: {} }, bound)).status).toBe(403);
    }
    const batch = { params: { id: ids.workerId }, body: { reports: [{ runId: ids.runId, leaseToken: 1, state: "COMPLETED" }] } };
    expect((await request(api.reportRuns, batch, bound)).status).toBe(403);
  });
});
