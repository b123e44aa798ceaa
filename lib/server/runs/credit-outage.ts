// Leases and outages. A lease expires RUNYARD_LEASE_S after the last heartbeat — but while the
// database, or every app instance, is down, no agent can send one. Expiring those leases the
// moment the control plane is back would re-queue runs whose agents are still running them, and
// the job would run twice (fencing stops the second result, not the second execution). So each
// sweep first measures, on the database clock, how long ago the last successful sweep was; a gap
// longer than sweeps normally leave means the control plane was blind, and every held lease is
// renewed to at least one full lease from now: a live agent has one lease to call in again, a
// dead one is re-queued one lease later — never later than that, however long the outage was.
import type pg from "pg";
import { env } from "@/lib/env";

/** A gap between sweeps longer than this is an outage (a normal gap is one sweep interval). */
export function blindAfterMs(): number {
  const { RUNYARD_LEASE_S, RUNYARD_SWEEP_INTERVAL_MS } = env();
  return Math.min((RUNYARD_LEASE_S * 1000) / 2, Math.max(2000, 5 * RUNYARD_SWEEP_INTERVAL_MS));
}

/**
 * Call inside the sweep's transaction, before expiring: locks the one lease_sweeps row (so
 * concurrent instances measure the gap once), renews held leases after a blind gap, and
 * records this sweep. Returns the gap and how many leases were renewed.
 */
export async function creditOutage(client: pg.PoolClient): Promise<{ gapMs: number; renewed: number }> {
  const { rows } = await client.query<{ gap_ms: number }>(
    "SELECT (extract(epoch FROM now() - last_swept_at) * 1000)::float8 AS gap_ms FROM lease_sweeps WHERE id = 1 FOR UPDATE",
  );
  // The migration made the row; the upsert only puts it back should it ever be gone.
  await client.query(
    `INSERT INTO lease_sweeps (id, last_swept_at) VALUES (1, now())
     ON CONFLICT (id) DO UPDATE SET last_swept_at = GREATEST(lease_sweeps.last_swept_at, now())`,
  );
  const gapMs = rows[0]?.gap_ms ?? 0;
  if (gapMs <= blindAfterMs()) return { gapMs, renewed: 0 };
  const renewed = await client.query(
    `UPDATE runs SET lease_expires_at = GREATEST(lease_expires_at, now() + make_interval(secs => $1))
      WHERE state IN ('LOCKED', 'RUNNING')`,
    [env().RUNYARD_LEASE_S],
  );
  return { gapMs, renewed: renewed.rowCount ?? 0 };
}
