// The lease sweep (SPEC §4): a held run whose lease ran out goes back to the queue (OPEN, so
// its next claim is attempt+1), or ends CRASHED once its attempts are used up, or ABORTED if
// its cancellation was requested. Runs every second in every app instance: row locks with
// SKIP LOCKED make concurrent sweeps share the work instead of doing it twice, and every
// time comparison uses the database's clock, never an app instance's.
import type pg from "pg";
import { pool, withTransaction } from "@/lib/db/pool";
import { env } from "@/lib/env";
import { recordLeaseExpiries } from "@/lib/server/metrics/process-metrics";
import { creditOutage } from "@/lib/server/runs/credit-outage";

export type SweepResult = { requeued: number; crashed: number; aborted: number };

type Expired = { state: "OPEN" | "CRASHED" | "ABORTED"; worker_id: string; team_id: string };

/** Runs only, no worker rows: a sweep never holds run locks while it waits for a worker's. */
async function expireHeld(batch: number, db: pg.Pool | pg.PoolClient): Promise<Expired[]> {
  const { rows } = await db.query<Expired>(
    `WITH expired AS (
       SELECT id, worker_id FROM runs
        WHERE state IN ('LOCKED', 'RUNNING') AND lease_expires_at < now()
        ORDER BY lease_expires_at
        LIMIT $1
        FOR UPDATE SKIP LOCKED
     ),
     changed AS (
       UPDATE runs r
          SET state = CASE WHEN r.abort_requested_at IS NOT NULL THEN 'ABORTED'::"RunState"
                           WHEN r.attempt >= r.max_attempts THEN 'CRASHED'::"RunState"
                           ELSE 'OPEN'::"RunState" END,
              worker_id = CASE WHEN r.abort_requested_at IS NULL AND r.attempt < r.max_attempts THEN NULL ELSE r.worker_id END,
              finished_at = CASE WHEN r.abort_requested_at IS NULL AND r.attempt < r.max_attempts THEN NULL ELSE now() END,
              lease_expires_at = NULL
         FROM expired e
        WHERE r.id = e.id
       RETURNING r.id, r.team_id, r.state, r.attempt, r.max_attempts, e.worker_id
     ),
     events AS (
       INSERT INTO run_events (run_id, type, attempt, worker_id, message)
       SELECT id, CASE state WHEN 'OPEN' THEN 'REQUEUED' ELSE state::text END, attempt, worker_id,
              CASE state
                WHEN 'OPEN' THEN 'lease expired (no heartbeat); back in the queue for attempt ' || (attempt + 1) || ' of ' || max_attempts
                WHEN 'CRASHED' THEN 'lease expired on the last of ' || max_attempts || ' attempts'
                ELSE 'lease expired after cancellation was requested' END
         FROM changed
     )
     SELECT state, worker_id, team_id FROM changed`,
    [batch],
  );
  return rows;
}

/** Separately from (after) the runs' update: the lock order everywhere is worker, then runs. */
async function markCrashed(rows: Expired[]): Promise<void> {
  if (rows.length > 0) {
    // A worker whose leases expired went silent while holding runs: it is CRASHED until its
    // next contact. Not one that is still calling in (it merely lost track of a claim).
    await pool().query(
      `UPDATE workers SET crashed_at = now()
        WHERE id = ANY($1::uuid[]) AND crashed_at IS NULL
          AND (last_seen_at IS NULL OR last_seen_at < now() - make_interval(secs => $2))`,
      [[...new Set(rows.map((r) => r.worker_id))], env().RUNYARD_LEASE_S],
    );
  }
}

function counts(rows: Expired[]): SweepResult {
  return {
    requeued: rows.filter((r) => r.state === "OPEN").length,
    crashed: rows.filter((r) => r.state === "CRASHED").length,
    aborted: rows.filter((r) => r.state === "ABORTED").length,
  };
}

export async function expireLeases(batch = 1000): Promise<SweepResult> {
  const rows = await expireHeld(batch, pool());
  recordLeaseExpiries(rows);
  await markCrashed(rows);
  return counts(rows);
}

/**
 * One sweep as the app instances run it: after an outage, renew held leases first (see
 * credit-outage.ts), then expire — in one transaction, so nothing expires before the credit.
 * Workers are marked CRASHED after it commits (the lock order is worker, then runs).
 */
export async function sweepLeases(batch = 1000): Promise<SweepResult & { renewed: number; gapMs: number }> {
  const { rows, renewed, gapMs } = await withTransaction(async (client) => {
    const credit = await creditOutage(client);
    return { ...credit, rows: await expireHeld(batch, client) };
  });
  recordLeaseExpiries(rows);
  await markCrashed(rows);
  return { ...counts(rows), renewed, gapMs };
}
