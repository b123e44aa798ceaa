// Regression for what the chaos suite found (chaos/restarts.chaos.test.ts): after the database
// (or every app instance) was down for longer than the lease, held leases expired the moment the
// sweep ran again, and runs were re-queued while their agents were still running them.
import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/pool";
import { sweepLeases } from "@/lib/server/runs/expire-leases";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { teamWithWorkers } from "@/lib/testing/scenario";

// lease_sweeps is one row for the whole database: this file gets a database of its own.
beforeAll(async () => {
  await useFreshDatabase("credit-outage");
});

const leaseOf = async (runId: string) =>
  (await pool().query<{ state: string; ahead_s: number }>("SELECT state, extract(epoch FROM lease_expires_at - now())::float8 AS ahead_s FROM runs WHERE id = $1", [runId])).rows[0]!;

async function heldRunWithExpiredLease() {
  const { admin, workers: [w] } = await teamWithWorkers([{ labels: [] }]);
  const run = await admin.scheduleComputeWorkerRun({});
  await w!.client.claimComputeWorkerRuns(w!.id);
  // The agent's last heartbeat landed just before the outage; its lease ran out during it.
  await pool().query("UPDATE runs SET lease_expires_at = now() - interval '5 seconds' WHERE id = $1", [run.id]);
  return run.id;
}

describe("leases across an outage of the control plane", () => {
  it("after no sweep for longer than the lease, held leases are renewed for one lease instead of expiring", async () => {
    const runId = await heldRunWithExpiredLease();
    await pool().query("UPDATE lease_sweeps SET last_swept_at = now() - interval '1 minute'");
    const swept = await sweepLeases();
    expect(swept).toMatchObject({ requeued: 0, crashed: 0 });
    expect(swept.renewed).toBeGreaterThanOrEqual(1);
    const lease = await leaseOf(runId);
    expect(lease.state).toBe("LOCKED");
    expect(lease.ahead_s).toBeGreaterThan(10); // a full lease (15 s) from the database's now
    expect(lease.ahead_s).toBeLessThanOrEqual(15);
  });

  it("without an outage (sweeps running all along) an expired lease is re-queued as before", async () => {
    await sweepLeases(); // the sweeps are current
    const runId = await heldRunWithExpiredLease();
    const swept = await sweepLeases();
    expect(swept.renewed).toBe(0);
    expect(swept.requeued).toBeGreaterThanOrEqual(1);
    expect((await leaseOf(runId)).state).toBe("OPEN");
  });
});
