// Least privilege for workers: a worker token bound to one worker reads only the runs that
// worker holds or held — "held" meaning it claimed one of the run's attempts (a CLAIMED event
// by it) — and gets 404 for every other run, as for another team's. Run configs often hold
// secrets; a stolen agent token should not read the whole team's. Unbound worker tokens,
// schedulers, admins and dashboard users read every run of their team (docs/access.md).
import { pool } from "@/lib/db/pool";
import type { Principal } from "@/lib/server/auth/authenticate";
import { notFound } from "@/lib/server/errors";

/**
 * SQL condition on `r` (runs) for a list read by a bound worker; `param` is its worker id.
 * Answered by the partial index run_events_claimed_by_worker_idx (worker_id, run_id) WHERE
 * type = 'CLAIMED', so it costs the worker's own history, not the team's.
 */
export const heldByWorker = (param: string) => `r.id IN (SELECT run_id FROM run_events WHERE type = 'CLAIMED' AND worker_id = ${param}::uuid)`;

/** 404 unless the caller may read this run (only bound worker tokens are ever refused). */
export async function assertRunReadable(principal: Principal, runId: string): Promise<void> {
  if (!principal.workerId) return;
  const { rows } = await pool().query(
    "SELECT 1 FROM run_events WHERE type = 'CLAIMED' AND worker_id = $1 AND run_id = $2 LIMIT 1",
    [principal.workerId, runId],
  );
  if (rows.length === 0) throw notFound("run");
}
