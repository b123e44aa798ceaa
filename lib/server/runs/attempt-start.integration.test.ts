// "Ran 46 s" must not count the time a run spent back in the queue (issue 15): a run's
// startedAt is its last attempt's start, not its first one's.
import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db/pool";
import { expireLeases } from "@/lib/server/runs/expire-leases";
import { teamWithWorkers } from "@/lib/testing/scenario";

describe("startedAt", () => {
  it("is the start of the attempt that ran, after a lost worker's attempt went back to the queue", async () => {
    const { admin, workers: [lost, alive] } = await teamWithWorkers([{ labels: [] }, { labels: [] }]);
    const run = await admin.scheduleComputeWorkerRun({ name: "long-queue" });
    const [first] = (await lost!.client.claimComputeWorkerRuns(lost!.id)).runs;
    await lost!.client.reportComputeWorkerRun(run.id, { leaseToken: first!.leaseToken, state: "RUNNING" });
    // The first attempt started an hour ago, then its worker went silent.
    await pool().query("UPDATE runs SET started_at = now() - interval '1 hour', lease_expires_at = now() - interval '1 second' WHERE id = $1", [run.id]);
    await pool().query("UPDATE workers SET last_seen_at = now() - interval '1 hour' WHERE id = $1", [lost!.id]);
    await expireLeases();
    const [second] = (await alive!.client.claimComputeWorkerRuns(alive!.id)).runs;
    expect(second).toMatchObject({ id: run.id, attempt: 2 });
    const before = Date.now();
    await alive!.client.reportComputeWorkerRun(run.id, { leaseToken: second!.leaseToken, state: "RUNNING" });
    const done = await alive!.client.reportComputeWorkerRun(run.id, { leaseToken: second!.leaseToken, state: "COMPLETED" });
    const ran = (new Date(done.finishedAt!).getTime() - new Date(done.startedAt!).getTime()) / 1000;
    expect(new Date(done.startedAt!).getTime()).toBeGreaterThan(before - 60_000);
    expect(ran).toBeLessThan(60);
  });

  it("stays the attempt's start through progress reports", async () => {
    const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
    const run = await admin.scheduleComputeWorkerRun({});
    const [claimed] = (await w!.client.claimComputeWorkerRuns(w!.id)).runs;
    const started = await w!.client.reportComputeWorkerRun(run.id, { leaseToken: claimed!.leaseToken, state: "RUNNING" });
    const later = await w!.client.reportComputeWorkerRun(run.id, { leaseToken: claimed!.leaseToken, progress: 50 });
    expect(later.startedAt).toBe(started.startedAt);
  });
});
