// POST /workers/{id}/claim: hands this worker up to `max` runs it may take, atomically, and
// waits up to `waitSeconds` for one to appear (long-poll, woken through LISTEN/NOTIFY).
import type pg from "pg";
import type { ClaimResponse } from "@/lib/contract/runs";
import { withTransaction } from "@/lib/db/pool";
import { env } from "@/lib/env";
import { requireWorkerAccess, type Principal } from "@/lib/server/auth/authenticate";
import { jobTokenSecret, signJobToken } from "@/lib/server/auth/job-tokens";
import { CLAIM_SQL } from "@/lib/server/claims/claim-sql";
import { wakeups } from "@/lib/server/claims/wakeups";
import { isStopping } from "@/lib/server/lifecycle";
import { AppError, notFound } from "@/lib/server/errors";
import { retryOnConflict } from "@/lib/server/retry";
import { serializeRun, type RunRow } from "@/lib/server/runs/run-sql";

type Attempt = { runs: ClaimResponse["runs"]; teamId: string; labels: string[] };

export type LockedWorker = { team_id: string; name: string; labels: string[]; draining: boolean };

/**
 * Locks the worker row (serialising this worker's claims) and records the contact. Its free
 * capacity is counted by the claim statement that follows, whose snapshot postdates the lock.
 */
async function lockWorker(client: pg.PoolClient, teamId: string, workerId: string): Promise<LockedWorker> {
  const { rows } = await client.query<LockedWorker>({
    name: "runyard_lock_worker",
    text: `UPDATE workers w SET last_seen_at = now(), crashed_at = NULL
      WHERE w.id = $1 AND w.team_id = $2 AND w.retired_at IS NULL
      RETURNING w.team_id, w.name, w.labels, w.draining`,
    values: [workerId, teamId],
  });
  if (!rows[0]) throw notFound("worker (retired workers cannot claim)");
  return rows[0];
}

/**
 * The claim inside a transaction the caller holds: locks the worker row (if the caller has not
 * already) and takes up to `max` runs. Complete-and-claim and batch reports call it after
 * their report writes, so the runs they just finished free the worker's capacity.
 */
export async function claimInTransaction(client: pg.PoolClient, teamId: string, workerId: string, max: number, secret: Buffer, locked?: LockedWorker): Promise<Attempt> {
  // `locked`: the caller's own statement already locked the worker row and recorded the contact.
  const worker = locked ?? (await lockWorker(client, teamId, workerId));
  if (worker.draining) return { runs: [], teamId: worker.team_id, labels: worker.labels };
  // Named: each pooled connection parses and plans the claim once, not on every poll.
  const { rows } = await client.query<RunRow>({ name: "runyard_claim", text: CLAIM_SQL, values: [workerId, max, env().RUNYARD_LEASE_S] });
  const runs = rows.map((row) => ({
    ...serializeRun({ ...row, worker_name: worker.name }),
    leaseToken: row.attempt,
    leaseExpiresAt: row.lease_expires_at!.toISOString(),
    jobToken: signJobToken(secret, { runId: row.id, attempt: row.attempt, workerId }),
  }));
  return { runs, teamId: worker.team_id, labels: worker.labels };
}

export async function claimOnce(teamId: string, workerId: string, max: number): Promise<Attempt> {
  const secret = await jobTokenSecret();
  return retryOnConflict(() => withTransaction((client) => claimInTransaction(client, teamId, workerId, max, secret)));
}

export async function claimRuns(options: {
  principal: Principal;
  workerId: string;
  max?: number;
  waitSeconds?: number;
  signal?: AbortSignal;
}): Promise<ClaimResponse> {
  const { principal, workerId, signal } = options;
  requireWorkerAccess(principal, workerId);
  // A stopping instance hands out nothing new; the agent retries shortly (on the next instance).
  if (isStopping()) throw new AppError("stopping", "this app instance is stopping; retry in a moment");
  const max = options.max ?? 1;
  const deadline = Date.now() + (options.waitSeconds ?? 0) * 1000;
  let attempt = await claimOnce(principal.teamId, workerId, max);
  // A stopping instance answers at once: the agent polls again, here or elsewhere.
  while (attempt.runs.length === 0 && Date.now() < deadline && !signal?.aborted && !isStopping()) {
    // Subscribe, then look again: a run scheduled between the two is either claimed now or
    // wakes us; it cannot fall in a gap.
    const subscription = wakeups().subscribe(attempt.teamId, attempt.labels);
    attempt = await claimOnce(principal.teamId, workerId, max);
    if (attempt.runs.length > 0 || signal?.aborted || isStopping()) {
      subscription.cancel();
      break;
    }
    // Even without a notification, a waiting claim looks at the queue this often (default 5 s).
    await subscription.wait(Math.min(deadline - Date.now(), env().RUNYARD_CLAIM_RECHECK_MS));
  }
  if (signal?.aborted && attempt.runs.length === 0) throw new AppError("conflict", "the claim was abandoned by the client");
  return { runs: attempt.runs };
}
