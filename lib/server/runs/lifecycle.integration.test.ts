// The life of a run (SPEC §3–4): leases and their expiry, fencing of stale workers, cancel
// and abort, reports, logs, idempotent scheduling.
import { describe, expect, it } from "vitest";
import { RunyardApiError } from "@/lib/client/errors";
import { pool } from "@/lib/db/pool";
import { expireLeases } from "@/lib/server/runs/expire-leases";
import { rawRequest } from "@/lib/testing/fixtures";
import { teamWithWorkers } from "@/lib/testing/scenario";
import { version as serverVersion } from "@/package.json";

async function refusal(promise: Promise<unknown>): Promise<RunyardApiError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RunyardApiError);
  return error as RunyardApiError;
}

/** Makes a held run's lease run out now, as if its worker had gone silent. */
async function expireLeaseOf(runId: string) {
  await pool().query("UPDATE runs SET lease_expires_at = now() - interval '1 second' WHERE id = $1", [runId]);
  await pool().query("UPDATE workers SET last_seen_at = now() - interval '1 hour' WHERE id = (SELECT worker_id FROM runs WHERE id = $1)", [runId]);
}

describe("leases", () => {
  it("re-queues a run whose lease expired; the next claim is attempt 2 and the timeline says so", async () => {
    const { admin, workers: [dead, alive] } = await teamWithWorkers([{ labels: [] }, { labels: [] }]);
    const run = await admin.scheduleComputeWorkerRun({ name: "job" });
    const [first] = (await dead!.client.claimComputeWorkerRuns(dead!.id)).runs;
    await dead!.client.reportComputeWorkerRun(run.id, { leaseToken: first!.leaseToken, state: "RUNNING" });
    await expireLeaseOf(run.id);
    expect((await expireLeases()).requeued).toBeGreaterThanOrEqual(1);
    const requeued = await admin.getComputeWorkerRunInfo(run.id);
    expect(requeued).toMatchObject({ state: "OPEN", workerId: null, attempt: 1 });
    expect(requeued.events.map((e) => e.type)).toEqual(["SCHEDULED", "CLAIMED", "STARTED", "REQUEUED"]);
    expect((await admin.getComputeWorkerById(dead!.id)).state).toBe("CRASHED");

    const [second] = (await alive!.client.claimComputeWorkerRuns(alive!.id)).runs;
    expect(second).toMatchObject({ id: run.id, attempt: 2, leaseToken: 2, workerId: alive!.id });
  });

  it("marks a run CRASHED once its attempts are used up", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    const run = await admin.scheduleComputeWorkerRun({ maxAttempts: 1 });
    await w!.client.claimComputeWorkerRuns(w!.id);
    await expireLeaseOf(run.id);
    await expireLeases();
    const crashed = await admin.getComputeWorkerRunInfo(run.id);
    expect(crashed.state).toBe("CRASHED");
    expect(crashed.events.at(-1)).toMatchObject({ type: "CRASHED", message: "lease expired on the last of 1 attempts" });
  });

  it("heartbeats extend the leases of the runs the agent lists, and clear CRASHED", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    await admin.scheduleComputeWorkerRun({});
    const [run] = (await w!.client.claimComputeWorkerRuns(w!.id)).runs;
    await pool().query("UPDATE runs SET lease_expires_at = now() + interval '1 second' WHERE id = $1", [run!.id]);
    const beat = await w!.client.heartbeatComputeWorker(w!.id, { runs: [{ id: run!.id, leaseToken: run!.leaseToken }], info: { version: "1.2.3", hostname: "gpu-box", facts: { gpu: "A100" } } });
    expect(beat.held).toEqual([{ id: run!.id, leaseToken: 1 }]);
    expect(beat.lost).toEqual([]);
    expect(new Date((await admin.getComputeWorkerRunInfo(run!.id)).leaseExpiresAt!).getTime()).toBeGreaterThan(Date.now() + 5000);
    expect((await admin.getComputeWorkerById(w!.id)).agent).toEqual({ version: "1.2.3", hostname: "gpu-box", facts: { gpu: "A100" }, outdated: false });
  });

  it("flags an agent older than the server, and tells every agent the server's version", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    const beat = await w!.client.heartbeatComputeWorker(w!.id, { info: { version: "0.0.1" } });
    expect(beat.serverVersion).toBe(serverVersion);
    expect((await admin.getComputeWorkerById(w!.id)).agent).toMatchObject({ version: "0.0.1", outdated: true });
    await w!.client.heartbeatComputeWorker(w!.id, { info: { version: beat.serverVersion } });
    expect((await admin.getComputeWorkerById(w!.id)).agent.outdated).toBe(false);
  });

  it("does not keep alive a run the agent does not know it holds (a lost claim response): it expires and is re-queued", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    const run = await admin.scheduleComputeWorkerRun({});
    await w!.client.claimComputeWorkerRuns(w!.id); // the agent never saw this answer
    await pool().query("UPDATE runs SET lease_expires_at = now() - interval '1 second' WHERE id = $1", [run.id]);
    const beat = await w!.client.heartbeatComputeWorker(w!.id, { runs: [] });
    expect(beat.held).toEqual([]);
    await expireLeases();
    expect((await admin.getComputeWorkerRunInfo(run.id)).state).toBe("OPEN");
    expect((await admin.getComputeWorkerById(w!.id)).state).not.toBe("CRASHED"); // it is alive, it only lost track
  });

  it("tells an agent which runs it lost", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    const run = await admin.scheduleComputeWorkerRun({});
    const [claimed] = (await w!.client.claimComputeWorkerRuns(w!.id)).runs;
    await expireLeaseOf(run.id);
    await expireLeases();
    const beat = await w!.client.heartbeatComputeWorker(w!.id, { runs: [{ id: run.id, leaseToken: claimed!.leaseToken }] });
    expect(beat.lost).toEqual([run.id]);
  });
});

describe("fencing: a stale worker can never overwrite the attempt that replaced it", () => {
  it("refuses the COMPLETED of a worker whose lease expired with 409, and changes nothing", async () => {
    const { admin, workers: [stale, fresh] } = await teamWithWorkers([{ labels: [] }, { labels: [] }]);
    const run = await admin.scheduleComputeWorkerRun({});
    const [old] = (await stale!.client.claimComputeWorkerRuns(stale!.id)).runs;
    await expireLeaseOf(run.id);
    await expireLeases();
    const [current] = (await fresh!.client.claimComputeWorkerRuns(fresh!.id)).runs;
    await fresh!.client.reportComputeWorkerRun(run.id, { leaseToken: current!.leaseToken, state: "RUNNING", progress: 10 });
    const before = await admin.getComputeWorkerRunInfo(run.id);

    const error = await refusal(stale!.client.reportComputeWorkerRun(run.id, { leaseToken: old!.leaseToken, state: "COMPLETED" }));
    expect(error.status).toBe(409);
    expect(error.problem.code).toBe("stale_lease");
    expect(error.problem.detail).toMatch(/lease token 1 is stale: the run is on attempt 2/);
    expect(await admin.getComputeWorkerRunInfo(run.id)).toEqual(before);
    const logs = await refusal(stale!.client.appendComputeWorkerRunLogs(run.id, { leaseToken: 1, lines: [{ line: "late" }] }));
    expect(logs.status).toBe(409);
  });

  it("answers a repeated final report of the same attempt without changing anything (a retry after a lost response)", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    const run = await admin.scheduleComputeWorkerRun({});
    const [claimed] = (await w!.client.claimComputeWorkerRuns(w!.id)).runs;
    const first = await w!.client.reportComputeWorkerRun(run.id, { leaseToken: claimed!.leaseToken, state: "COMPLETED" });
    const again = await w!.client.reportComputeWorkerRun(run.id, { leaseToken: claimed!.leaseToken, state: "COMPLETED" });
    expect(again).toEqual(first);
    expect((await refusal(w!.client.reportComputeWorkerRun(run.id, { leaseToken: claimed!.leaseToken, state: "FAILED" }))).status).toBe(409);
    expect((await admin.getComputeWorkerById(w!.id)).runsCompleted).toBe(1);
  });
});

describe("reports", () => {
  it("moves a run LOCKED → RUNNING → COMPLETED with progress, message and timeline", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    const run = await admin.scheduleComputeWorkerRun({ name: "train" });
    const [c] = (await w!.client.claimComputeWorkerRuns(w!.id)).runs;
    await w!.client.reportComputeWorkerRun(run.id, { leaseToken: c!.leaseToken, state: "RUNNING" });
    const mid = await w!.client.reportComputeWorkerRun(run.id, { leaseToken: c!.leaseToken, progress: 42, message: "epoch 3/7" });
    expect(mid).toMatchObject({ state: "RUNNING", progress: 42, message: "epoch 3/7" });
    const done = await w!.client.reportComputeWorkerRun(run.id, { leaseToken: c!.leaseToken, state: "COMPLETED", exitCode: 0 });
    expect(done).toMatchObject({ state: "COMPLETED", progress: 100, exitCode: 0, leaseExpiresAt: null });
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();
    const detail = await admin.getComputeWorkerRunInfo(run.id);
    expect(detail.events.map((e) => e.type)).toEqual(["SCHEDULED", "CLAIMED", "STARTED", "MESSAGE", "COMPLETED"]);
    expect((await admin.getComputeWorkerById(w!.id)).state).toBe("IDLE");
  });

  it("records a failure with its exit code and last output", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    const run = await admin.scheduleComputeWorkerRun({});
    const [c] = (await w!.client.claimComputeWorkerRuns(w!.id)).runs;
    const failed = await w!.client.reportComputeWorkerRun(run.id, { leaseToken: c!.leaseToken, state: "FAILED", exitCode: 3, message: "CUDA out of memory" });
    expect(failed).toMatchObject({ state: "FAILED", exitCode: 3, message: "CUDA out of memory" });
  });
});

describe("cancel", () => {
  it("cancels an OPEN run at once; cancelling again is a no-op; a finished run cannot be cancelled", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    const open = await admin.scheduleComputeWorkerRun({});
    expect((await admin.cancelComputeWorkerRun(open.id)).state).toBe("CANCELED");
    expect((await admin.cancelComputeWorkerRun(open.id)).state).toBe("CANCELED");
    expect((await w!.client.claimComputeWorkerRuns(w!.id)).runs).toEqual([]);

    const done = await admin.scheduleComputeWorkerRun({});
    const [c] = (await w!.client.claimComputeWorkerRuns(w!.id)).runs;
    await w!.client.reportComputeWorkerRun(done.id, { leaseToken: c!.leaseToken, state: "COMPLETED" });
    const error = await refusal(admin.cancelComputeWorkerRun(done.id));
    expect(error.status).toBe(409);
    expect(error.problem.code).toBe("invalid_transition");
  });

  it("cancel while RUNNING is seen by the next heartbeat, and the worker's ABORTED ends it", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    const run = await admin.scheduleComputeWorkerRun({});
    const [c] = (await w!.client.claimComputeWorkerRuns(w!.id)).runs;
    await w!.client.reportComputeWorkerRun(run.id, { leaseToken: c!.leaseToken, state: "RUNNING" });
    expect((await w!.client.heartbeatComputeWorker(w!.id, { runs: [{ id: run.id, leaseToken: 1 }] })).abort).toEqual([]);
    const requested = await admin.cancelComputeWorkerRun(run.id);
    expect(requested).toMatchObject({ state: "RUNNING", abortRequested: true });
    expect((await w!.client.heartbeatComputeWorker(w!.id, { runs: [{ id: run.id, leaseToken: 1 }] })).abort).toEqual([run.id]);
    const aborted = await w!.client.reportComputeWorkerRun(run.id, { leaseToken: 1, state: "ABORTED" });
    expect(aborted.state).toBe("ABORTED");
    expect((await admin.getComputeWorkerRunInfo(run.id)).events.map((e) => e.type)).toEqual(["SCHEDULED", "CLAIMED", "STARTED", "ABORT_REQUESTED", "ABORTED"]);
  });

  it("ends a cancelled run ABORTED, not re-queued, when its worker dies before acknowledging", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    const run = await admin.scheduleComputeWorkerRun({});
    await w!.client.claimComputeWorkerRuns(w!.id);
    await admin.cancelComputeWorkerRun(run.id);
    await expireLeaseOf(run.id);
    await expireLeases();
    expect((await admin.getComputeWorkerRunInfo(run.id)).state).toBe("ABORTED");
  });
});

describe("scheduling", () => {
  it("replays an Idempotency-Key with the same body (200, same run) and refuses it with another (409)", async () => {
    const { admin, tokenFor } = await teamWithWorkers([]);
    const body = { name: "nightly", runsOn: ["gpu"], config: { lr: 0.1, layers: [1, 2] } };
    const first = await admin.scheduleComputeWorkerRun(body, { idempotencyKey: "nightly-2026-11-25" });
    const token = await tokenFor("admin");
    const replay = await rawRequest("POST", "/api/v1/runs", { token, body: JSON.stringify({ config: { layers: [1, 2], lr: 0.1 }, runsOn: ["gpu"], name: "nightly" }), headers: { "idempotency-key": "nightly-2026-11-25" } });
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(first.id);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const other = await refusal(admin.scheduleComputeWorkerRun({ ...body, name: "other" }, { idempotencyKey: "nightly-2026-11-25" }));
    expect(other.status).toBe(409);
    expect(other.problem.code).toBe("idempotency_conflict");
    expect((await admin.getComputeWorkerRuns()).items).toHaveLength(1);
  });

  it("flags at once a run that no registered worker could ever take, naming the closest worker and the case mismatch", async () => {
    const { admin } = await teamWithWorkers([{ name: "gpu-box-1", labels: ["gpu", "gpu-A100"] }, { name: "cpu-box", labels: ["cpu"] }]);
    const run = await admin.scheduleComputeWorkerRun({ runsOn: ["GPU", "gpu-A100"] });
    expect(run.state).toBe("OPEN");
    expect(run.unmatchable).toMatchObject({ closest: { name: "gpu-box-1" }, missing: ["GPU"], caseMismatches: [{ wanted: "GPU", has: "gpu" }] });
    expect((await admin.getComputeWorkerRunInfo(run.id)).events.map((e) => e.type)).toEqual(["SCHEDULED", "UNMATCHABLE"]);
    const fine = await admin.scheduleComputeWorkerRun({ runsOn: ["gpu"] });
    expect(fine.unmatchable).toBeNull();
  });

  it.each([
    { what: "a bad label", body: { runsOn: ["gpu", "bad label"] }, field: "runsOn[1]" },
    { what: "an unknown priority", body: { priority: "URGENT" }, field: "priority" },
    { what: "a config that is not an object", body: { config: [1, 2] }, field: "config" },
    { what: "a config over 256 KiB", body: { config: { blob: "x".repeat(300 * 1024) } }, field: "config" },
    { what: "maxAttempts 0", body: { maxAttempts: 0 }, field: "maxAttempts" },
    { what: "an unknown field", body: { name: "ok", extra: true }, field: "body" },
    { what: "a NUL character in config", body: { config: { bad: "nul\u0000byte" } }, field: "body" },
  ])("refuses $what with 400 naming $field, and schedules nothing", async ({ body, field }) => {
    const { admin, tokenFor } = await teamWithWorkers([]);
    const response = await rawRequest("POST", "/api/v1/runs", { token: await tokenFor("scheduler"), body: JSON.stringify(body) });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe("validation_failed");
    if (field !== "body") expect(response.body.invalidParams.map((p: { name: string }) => p.name)).toContain(field);
    expect((await admin.getComputeWorkerRuns()).items).toEqual([]);
  });
});

describe("logs", () => {
  it("appends lines of the current attempt and reads them back after a cursor", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    const run = await admin.scheduleComputeWorkerRun({});
    const [c] = (await w!.client.claimComputeWorkerRuns(w!.id)).runs;
    await w!.client.appendComputeWorkerRunLogs(run.id, { leaseToken: c!.leaseToken, lines: [{ line: "one" }, { line: "two", stream: "stderr" }] });
    const first = await admin.getComputeWorkerRunLogs(run.id);
    expect(first.items.map((l) => [l.line, l.stream, l.attempt])).toEqual([["one", "stdout", 1], ["two", "stderr", 1]]);
    await w!.client.appendComputeWorkerRunLogs(run.id, { leaseToken: c!.leaseToken, lines: [{ line: "three" }] });
    const next = await admin.getComputeWorkerRunLogs(run.id, { cursor: first.nextCursor! });
    expect(next.items.map((l) => l.line)).toEqual(["three"]);
    const none = await admin.getComputeWorkerRunLogs(run.id, { cursor: next.nextCursor! });
    expect(none).toEqual({ items: [], nextCursor: next.nextCursor });
  });
});
