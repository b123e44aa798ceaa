// Clock and timing (issue 8): leases use the database's clock, not an app instance's. Two
// instances whose process clocks are 3 hours ahead and 3 hours behind serve one database; a
// lease kept alive by heartbeats is never expired early, and a lease left to run out is re-queued
// no earlier than it expires on the database's clock — and does get re-queued.
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { pool } from "@/lib/db/pool";
import { eventually } from "@/lib/testing/agent-harness";
import { printFigures, startChaosStack, type ChaosStack } from "@/lib/testing/chaos/chaos-stack";

const HOURS_3 = 3 * 3600 * 1000;
const LEASE_S = 3;
const PRELOAD = path.join(process.cwd(), "lib", "testing", "chaos", "shift-clock.cjs");

let stack: ChaosStack | undefined;
afterEach(async (context) => {
  if (context.task.result?.state === "fail") for (const server of stack?.servers ?? []) console.log(`[chaos] app output:\n${server.output().slice(-4000)}`);
  await stack?.stop();
  stack = undefined;
});

const dbNow = async () => (await pool().query<{ now: Date }>("SELECT now()")).rows[0]!.now.getTime();

describe("clock and timing", () => {
  it("instances with clocks 3 h ahead and 3 h behind agree on leases: the database's clock decides", async () => {
    stack = await startChaosStack({
      databaseUrl: inject("databaseUrl"),
      instances: 2,
      env: { RUNYARD_LEASE_S: String(LEASE_S), RUNYARD_SWEEP_INTERVAL_MS: "200", RUNYARD_WORKER_OFFLINE_AFTER_S: "10" },
      instanceEnv: (i) => ({ NODE_OPTIONS: `--require ${PRELOAD}`, CHAOS_CLOCK_SHIFT_MS: String(i === 0 ? HOURS_3 : -HOURS_3) }),
    });
    const s = stack;
    expect(s.servers[0]!.output()).toMatch(/clock shifted by 10800000 ms/);
    expect(s.servers[1]!.output()).toMatch(/clock shifted by -10800000 ms/);
    const [ahead, behind] = [s.client(0), s.client(1)];
    const worker = await ahead.registerComputeWorker({ name: "clock-worker", maxConcurrency: 2 });
    const kept = await behind.scheduleComputeWorkerRun({ name: "kept-alive" });
    const abandoned = await ahead.scheduleComputeWorkerRun({ name: "abandoned" });

    // Claimed through the instance 3 h ahead: the lease it hands out is on the database's clock.
    const before = await dbNow();
    const claimed = await s.client(0, "worker").claimComputeWorkerRuns(worker.id, { max: 2 });
    const after = await dbNow();
    expect(claimed.runs.map((r) => r.id).sort()).toEqual([kept.id, abandoned.id].sort());
    for (const run of claimed.runs) {
      const expires = Date.parse(run.leaseExpiresAt);
      expect(expires).toBeGreaterThanOrEqual(before + LEASE_S * 1000 - 1000);
      expect(expires).toBeLessThanOrEqual(after + LEASE_S * 1000 + 1000);
    }

    // Heartbeats for one run only, alternately through both instances, for three leases: both
    // instances sweep every 200 ms meanwhile, and neither may expire it.
    const keptToken = claimed.runs.find((r) => r.id === kept.id)!.leaseToken;
    const until = (await dbNow()) + 3 * LEASE_S * 1000;
    let beats = 0;
    while ((await dbNow()) < until) {
      const via = beats++ % 2 === 0 ? s.client(1, "worker") : s.client(0, "worker");
      const answer = await via.heartbeatComputeWorker(worker.id, { runs: [{ id: kept.id, leaseToken: keptToken }] });
      expect(answer.lost).toEqual([]);
      await new Promise((r) => setTimeout(r, 500));
    }
    const keptNow = await pool().query<{ state: string; attempt: number }>("SELECT state::text, attempt FROM runs WHERE id = $1", [kept.id]);
    expect(keptNow.rows[0]).toEqual({ state: "LOCKED", attempt: 1 });

    // The abandoned run's lease ran out (database clock) and it was re-queued — not before.
    const requeue = await eventually(async () => {
      const { rows } = await pool().query<{ at: Date }>("SELECT at FROM run_events WHERE run_id = $1 AND type = 'REQUEUED'", [abandoned.id]);
      return rows[0];
    }, "the abandoned run to be re-queued", 60_000);
    const claimedAt = Date.parse(claimed.runs.find((r) => r.id === abandoned.id)!.leaseExpiresAt);
    expect(requeue.at.getTime()).toBeGreaterThanOrEqual(claimedAt);
    printFigures("clock", { shifts: "+3h,-3h", heartbeats: beats, keptAlive: keptNow.rows[0]!.state, requeuedAfterExpiryMs: requeue.at.getTime() - claimedAt });
  });
});
