// Complete-and-claim (a final report with `next`) and batch reports (POST /workers/{id}/reports):
// exactly-once holds — each item is fenced by its own lease token, a stale item changes
// nothing and fails alone, the claimed runs carry lease and job tokens like a plain claim.
import { describe, expect, it } from "vitest";
import { RunyardApiError } from "@/lib/client/errors";
import { pool } from "@/lib/db/pool";
import { jobTokenSecret, verifyJobToken } from "@/lib/server/auth/job-tokens";
import { expireLeases } from "@/lib/server/runs/expire-leases";
import { rawRequest } from "@/lib/testing/fixtures";
import { teamWithWorkers } from "@/lib/testing/scenario";

async function refusal(promise: Promise<unknown>): Promise<RunyardApiError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RunyardApiError);
  return error as RunyardApiError;
}

/** Everything about a run that a report could change: the row and its timeline. */
async function snapshot(runId: string) {
  const run = (await pool().query("SELECT state, attempt, worker_id, progress, message, exit_code, finished_at, lease_expires_at FROM runs WHERE id = $1", [runId])).rows[0];
  const events = (await pool().query("SELECT type, attempt FROM run_events WHERE run_id = $1 ORDER BY id", [runId])).rows;
  return { run, events };
}

async function completedCount(workerId: string): Promise<number> {
  return (await pool().query<{ runs_completed: number }>("SELECT runs_completed FROM workers WHERE id = $1", [workerId])).rows[0]!.runs_completed;
}

describe("complete-and-claim", () => {
  it("a final report with next completes the run and claims the next one in the same request, with its job token", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    const first = await admin.scheduleComputeWorkerRun({ name: "first" });
    const second = await admin.scheduleComputeWorkerRun({ name: "second" });
    const [claimed] = (await w!.client.claimComputeWorkerRuns(w!.id)).runs;
    expect(claimed!.id).toBe(first.id);
    const answer = await w!.client.reportComputeWorkerRun(first.id, { leaseToken: claimed!.leaseToken, state: "COMPLETED", next: { max: 1 } });
    expect(answer).toMatchObject({ id: first.id, state: "COMPLETED" });
    expect(answer.next).toHaveLength(1);
    const next = answer.next![0]!;
    expect(next).toMatchObject({ id: second.id, state: "LOCKED", workerId: w!.id, leaseToken: 1, attempt: 1 });
    expect(verifyJobToken(await jobTokenSecret(), next.jobToken)).toEqual({ runId: second.id, attempt: 1, workerId: w!.id });
    expect((await admin.getComputeWorkerRunInfo(second.id)).events.map((e) => e.type)).toEqual(["SCHEDULED", "CLAIMED"]);
    expect(await completedCount(w!.id)).toBe(1);
  });

  it("the run just finished frees the slot it claims into (max concurrency 1), and an empty queue answers next: []", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [], maxConcurrency: 1 }]);
    await admin.scheduleComputeWorkerRun({});
    const [claimed] = (await w!.client.claimComputeWorkerRuns(w!.id)).runs;
    const answer = await w!.client.reportComputeWorkerRun(claimed!.id, { leaseToken: 1, state: "FAILED", exitCode: 3, next: { max: 5 } });
    expect(answer.state).toBe("FAILED");
    expect(answer.next).toEqual([]);
    // A report without next answers no next at all.
    await admin.scheduleComputeWorkerRun({});
    const [again] = (await w!.client.claimComputeWorkerRuns(w!.id)).runs;
    expect("next" in (await w!.client.reportComputeWorkerRun(again!.id, { leaseToken: 1, state: "COMPLETED" }))).toBe(false);
  });

  it("with waitSeconds, waits after the commit for a run to appear (long-poll)", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    await admin.scheduleComputeWorkerRun({});
    const [claimed] = (await w!.client.claimComputeWorkerRuns(w!.id)).runs;
    const pending = w!.client.reportComputeWorkerRun(claimed!.id, { leaseToken: 1, state: "COMPLETED", next: { waitSeconds: 20 } });
    // The report is committed before the wait: the run reads COMPLETED while the request waits.
    for (let i = 0; (await admin.getComputeWorkerRunInfo(claimed!.id)).state !== "COMPLETED"; i++) {
      expect(i).toBeLessThan(400);
      await new Promise((r) => setTimeout(r, 25));
    }
    const later = await admin.scheduleComputeWorkerRun({ name: "later" });
    const answer = await pending;
    expect(answer.state).toBe("COMPLETED");
    expect(answer.next!.map((r) => r.id)).toEqual([later.id]);
  });

  it("a stale final report with next changes nothing and claims nothing (409)", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    const run = await admin.scheduleComputeWorkerRun({});
    const other = await admin.scheduleComputeWorkerRun({});
    await w!.client.claimComputeWorkerRuns(w!.id);
    const before = await snapshot(other.id);
    const error = await refusal(w!.client.reportComputeWorkerRun(run.id, { leaseToken: 2, state: "COMPLETED", next: { max: 1 } }));
    expect(error.status).toBe(409);
    expect(await snapshot(other.id)).toEqual(before);
    expect((await admin.getComputeWorkerRunInfo(run.id)).state).toBe("LOCKED");
  });

  it("next needs a final state (400 naming next); a draining worker completes but claims nothing", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    const run = await admin.scheduleComputeWorkerRun({});
    await admin.scheduleComputeWorkerRun({});
    await w!.client.claimComputeWorkerRuns(w!.id);
    const bad = await refusal(w!.client.reportComputeWorkerRun(run.id, { leaseToken: 1, state: "RUNNING", next: { max: 1 } }));
    expect(bad.status).toBe(400);
    expect(bad.reasonFor("next")).toMatch(/final state/);
    await admin.drainComputeWorker(w!.id);
    const answer = await w!.client.reportComputeWorkerRun(run.id, { leaseToken: 1, state: "COMPLETED", next: { max: 1 } });
    expect(answer).toMatchObject({ state: "COMPLETED", next: [] });
  });
});

describe("batch reports", () => {
  it("reports many runs in one request; each item answered in order; next claims into the freed slots", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [], maxConcurrency: 3 }]);
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await admin.scheduleComputeWorkerRun({ name: `r${i}` }));
    const claimed = (await w!.client.claimComputeWorkerRuns(w!.id, { max: 3 })).runs;
    expect(claimed).toHaveLength(3);
    const answer = await w!.client.reportComputeWorkerRuns(w!.id, {
      reports: [
        { runId: claimed[0]!.id, leaseToken: 1, state: "COMPLETED" },
        { runId: claimed[1]!.id, leaseToken: 1, state: "FAILED", exitCode: 2, message: "boom" },
        { runId: claimed[2]!.id, leaseToken: 1, state: "RUNNING", progress: 40 },
      ],
      next: { max: 3 },
    });
    expect(answer.results.map((r) => [r.runId, r.ok])).toEqual(claimed.map((r) => [r.id, true]));
    expect(answer.results.map((r) => (r.ok ? r.run.state : null))).toEqual(["COMPLETED", "FAILED", "RUNNING"]);
    // Two slots were freed (the third run is still running): two runs come back, never a third.
    expect(answer.next!.map((r) => r.id)).toEqual([runs[3]!.id, runs[4]!.id]);
    for (const run of answer.next!) expect(verifyJobToken(await jobTokenSecret(), run.jobToken)).toMatchObject({ runId: run.id, workerId: w!.id });
    expect(await completedCount(w!.id)).toBe(1);
    const failed = await admin.getComputeWorkerRunInfo(claimed[1]!.id);
    expect(failed).toMatchObject({ state: "FAILED", exitCode: 2, message: "boom" });
  });

  it("a stale item fails alone with its problem and changes nothing; the others land", async () => {
    const { admin, workers: [w, other] } = await teamWithWorkers([{ labels: [], maxConcurrency: 3 }, { labels: [] }]);
    for (let i = 0; i < 3; i++) await admin.scheduleComputeWorkerRun({});
    const [a, b, c] = (await w!.client.claimComputeWorkerRuns(w!.id, { max: 3 })).runs;
    // b's lease expires and another worker takes it: w's report on b is now stale.
    await pool().query("UPDATE runs SET lease_expires_at = now() - interval '1 second' WHERE id = $1", [b!.id]);
    await expireLeases();
    const [taken] = (await other!.client.claimComputeWorkerRuns(other!.id)).runs;
    expect(taken).toMatchObject({ id: b!.id, attempt: 2 });
    const before = await snapshot(b!.id);
    const count = await completedCount(other!.id);
    const answer = await w!.client.reportComputeWorkerRuns(w!.id, {
      reports: [
        { runId: a!.id, leaseToken: 1, state: "COMPLETED" },
        { runId: b!.id, leaseToken: 1, state: "COMPLETED" },
        // Right attempt number but another worker's run: stale as well.
        { runId: c!.id, leaseToken: 1, state: "COMPLETED" },
      ],
    });
    expect(answer.results[0]).toMatchObject({ runId: a!.id, ok: true });
    expect(answer.results[1]).toMatchObject({ runId: b!.id, ok: false, problem: { status: 409, code: "stale_lease" } });
    expect(answer.results[2]).toMatchObject({ runId: c!.id, ok: true });
    expect(await snapshot(b!.id)).toEqual(before);
    expect(await completedCount(other!.id)).toBe(count);
    expect((await admin.getComputeWorkerRunInfo(a!.id)).state).toBe("COMPLETED");
  });

  it("an item for another worker's run, the same attempt number, is stale; an unknown run is 404 alone", async () => {
    const { admin, workers: [w, other] } = await teamWithWorkers([{ labels: [] }, { labels: [] }]);
    await admin.scheduleComputeWorkerRun({});
    const [theirs] = (await other!.client.claimComputeWorkerRuns(other!.id)).runs;
    const before = await snapshot(theirs!.id);
    // An admin token may report for any worker, but an item must be a run of the worker named in the path.
    const answer = await admin.reportComputeWorkerRuns(w!.id, {
      reports: [
        { runId: theirs!.id, leaseToken: 1, state: "COMPLETED" },
        { runId: "00000000-0000-4000-8000-000000000000", leaseToken: 1, state: "COMPLETED" },
      ],
    });
    expect(answer.results).toMatchObject([
      { ok: false, problem: { status: 409, code: "stale_lease" } },
      { ok: false, problem: { status: 404, code: "not_found" } },
    ]);
    expect(await snapshot(theirs!.id)).toEqual(before);
  });

  it("a repeated final item (a retry after a lost answer) is answered, not refused, and counted once", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    await admin.scheduleComputeWorkerRun({});
    const [run] = (await w!.client.claimComputeWorkerRuns(w!.id)).runs;
    const body = { reports: [{ runId: run!.id, leaseToken: 1, state: "COMPLETED" as const }] };
    await w!.client.reportComputeWorkerRuns(w!.id, body);
    const again = await w!.client.reportComputeWorkerRuns(w!.id, body);
    expect(again.results[0]).toMatchObject({ ok: true, run: { state: "COMPLETED" } });
    expect(await completedCount(w!.id)).toBe(1);
    const events = (await admin.getComputeWorkerRunInfo(run!.id)).events.map((e) => e.type);
    expect(events.filter((t) => t === "COMPLETED")).toHaveLength(1);
  });

  it("refuses with 400 naming the field: duplicates, empty batches, unknown fields", async () => {
    const { workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    const id = "00000000-0000-4000-8000-000000000000";
    const cases: [unknown, string][] = [
      [{ reports: [] }, "reports"],
      [{ reports: [{ runId: id, leaseToken: 1 }, { runId: id, leaseToken: 1 }] }, "reports"],
      [{ reports: [{ runId: id, leaseToken: 1, extra: true }] }, "reports[0]"],
      [{ reports: [{ runId: id, leaseToken: 0 }] }, "reports[0].leaseToken"],
    ];
    for (const [body, field] of cases) {
      const response = await rawRequest("POST", `/api/v1/workers/${w!.id}/reports`, { token: w!.client.options.token, body: JSON.stringify(body) });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.invalidParams.map((p: { name: string }) => p.name).join(" "), JSON.stringify(body)).toContain(field);
    }
  });
});
