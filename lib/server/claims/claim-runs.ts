// POST /workers/{id}/claim: hands this worker up to `max` runs it may take, atomically, and
// waits up to `waitSeconds` for one to appear (long-poll, woken through LISTEN/NOTIFY).
import type pg from "pg";
import type { ClaimResponse } from "@/lib/contract/runs";
import { withTransaction } from "@/lib/db/pool";
import { env } from "@/lib/env";
import { requireWorkerAccess, type Principal } from "@/lib/server/auth/authenticate";
import { jobTokenSecret, signJobToken } from "@/lib/server/auth/job-tokens";
import { CLAIM_SQL } from "@/lib/server/claims/claim-sql";
import { wakeups, type Subscription } from "@/lib/server/claims/wakeups";
import { processMetrics } from "@/lib/server/metrics/process-metrics";
import { presence } from "@/lib/server/workers/presence";
import { isStopping } from "@/lib/server/lifecycle";
import { AppError, notFound } from "@/lib/server/errors";
import { retryOnConflict } from "@/lib/server/retry";
import { serializeRun, type RunRow } from "@/lib/server/runs/run-sql";

/**
 * `eligible`: a wake-up may be spent on it (it is not draining). `drained`: it had room for
 * more than it took — it saw every run it could take, so its next poll may skip its first claim.
 */
export type Attempt = { runs: ClaimResponse["runs"]; teamId: string; labels: string[]; eligible: boolean; drained: boolean };

/** `room`: free slots, counted after the lock (absent when a report's own statement locked it). */
export type LockedWorker = { team_id: string; name: string; labels: string[]; draining: boolean; room?: number };

/**
 * Locks the worker row (serialising this worker's claims) and records the contact. Its free
 * capacity is counted by the claim statement that follows, whose snapshot postdates the lock.
 */
async function lockWorker(client: pg.PoolClient, teamId: string, workerId: string): Promise<LockedWorker> {
  const { rows } = await client.query<LockedWorker>({
    name: "runyard_lock_worker",
    text: `UPDATE workers w SET last_seen_at = now(), crashed_at = NULL
      WHERE w.id = $1 AND w.team_id = $2 AND w.retired_at IS NULL
      RETURNING w.team_id, w.name, w.labels, w.draining,
        (w.max_concurrency - (SELECT count(*) FROM runs h WHERE h.worker_id = w.id AND h.state IN ('LOCKED', 'RUNNING')))::int AS room`,
    values: [workerId, teamId],
  });
  if (!rows[0]) throw notFound("worker (retired workers cannot claim)");
  presence().wrote(workerId);
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
  if (worker.draining) return { runs: [], teamId: worker.team_id, labels: worker.labels, eligible: false, drained: false };
  // Named: each pooled connection parses and plans the claim once, not on every poll.
  const { rows } = await client.query<RunRow>({ name: "runyard_claim", text: CLAIM_SQL, values: [workerId, max, env().RUNYARD_LEASE_S] });
  const runs = rows.map((row) => ({
    ...serializeRun({ ...row, worker_name: worker.name }),
    leaseToken: row.attempt,
    leaseExpiresAt: row.lease_expires_at!.toISOString(),
    jobToken: signJobToken(secret, { runId: row.id, attempt: row.attempt, workerId }),
  }));
  // `drained`: it saw every run it could take. Unknown (no room count): not drained, so the
  // next poll claims — the safe side.
  if (worker.room === undefined) return { runs, teamId: worker.team_id, labels: worker.labels, eligible: true, drained: false };
  let drained = runs.length < Math.min(max, worker.room);
  if (!drained && runs.length > 0) {
    // It took all it had room for: is anything left it could take? (One probe of the open
    // queue per eligible label set; a run locked by another claim or behind a held dataset
    // counts as left, so this errs towards claiming on the next poll.)
    const { rows: left } = await client.query<{ more: boolean }>({
      name: "runyard_claim_more_left",
      text: `SELECT EXISTS (
          SELECT 1 FROM label_sets ls
           WHERE ls.team_id = $1 AND (cardinality($2::text[]) = 0 OR ls.labels <@ $2::text[])
             AND EXISTS (SELECT 1 FROM runs r WHERE r.label_set_id = ls.id AND r.state = 'OPEN')) AS more`,
      values: [worker.team_id, worker.labels],
    });
    drained = !left[0]?.more;
  }
  return { runs, teamId: worker.team_id, labels: worker.labels, eligible: true, drained };
}

export async function claimOnce(teamId: string, workerId: string, max: number): Promise<Attempt> {
  const secret = await jobTokenSecret();
  return retryOnConflict(() => withTransaction((client) => claimInTransaction(client, teamId, workerId, max, secret)));
}

/** Counts claim transactions (tests and the bench read it: wake-ups proportional to work). */
export const claimStats = { claims: 0 };

/**
 * The bookkeeping of every claim transaction — a claim, or the claim inside a
 * complete-and-claim or batch report: counted, with the team's notifications noted before it
 * (`wakeups().notificationsSeen(teamId)`, for endClaim).
 */
export function countClaim(teamId: string) {
  claimStats.claims++;
  processMetrics().claimTransactions.inc({ team: teamId });
}

/**
 * After the claim transaction committed: the worker's record between polls is kept (it saw
 * every run it could take) or forgotten (its next poll claims). `waiting`: a subscription
 * covered the claim (a notification meanwhile woke it or another waiter); without one, a
 * notification during the claim may be for a run its snapshot missed and no waiter took:
 * then the record is stale.
 */
export function endClaim(teamId: string, workerId: string, attempt: Attempt, seen: number, waiting: boolean) {
  if (attempt.drained) wakeups().lookedEmpty(workerId, attempt.teamId, attempt.labels, waiting ? wakeups().notificationsSeen(teamId) : seen);
  else wakeups().forget(workerId);
}

async function claimAndNote(teamId: string, workerId: string, max: number, waiting: boolean): Promise<Attempt> {
  countClaim(teamId);
  const seen = wakeups().notificationsSeen(teamId);
  const attempt = await claimOnce(teamId, workerId, max);
  endClaim(teamId, workerId, attempt, seen, waiting);
  return attempt;
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
  if (deadline <= Date.now()) return { runs: (await claimAndNote(principal.teamId, workerId, max, false)).runs };

  const w = wakeups();
  const endPoll = w.beginPoll(workerId);
  const release = presence().hold(workerId);
  // Subscribe before anything else, so no notification can slip between this poll's look at
  // the queue and its wait: with the labels known from its previous poll, or — its first poll
  // here — as "any labels" until its claim says them (it is claiming right then, so it is only
  // woken when no idle waiter can take the run).
  const known = w.known(workerId);
  const fresh = w.fresh(workerId);
  const subscription: Subscription = w.subscribe(known?.teamId ?? principal.teamId, known ? known.labels : null, true, workerId);
  try {
    let attempt: Attempt;
    if (fresh) {
      // Nothing it could take became claimable since its last look (LISTEN was up all along):
      // wait straight away, without a claim.
      attempt = { runs: [], teamId: fresh.teamId, labels: [...fresh.labels], eligible: true, drained: true };
    } else {
      subscription.claiming();
      attempt = await claimAndNote(principal.teamId, workerId, max, true);
    }
    while (attempt.runs.length === 0 && !signal?.aborted && !isStopping()) {
      subscription.rearm(attempt.eligible, attempt.labels, attempt.drained);
      const now = Date.now();
      if (now >= deadline) break;
      // Without a notification, a waiting claim looks at the queue only for the rare safety
      // re-check (RUNYARD_CLAIM_RECHECK_MS, jittered; after a LISTEN reconnect all waiters are woken).
      const recheckAt = w.recheckAt(workerId);
      const woken = await subscription.wait(Math.min(deadline, recheckAt) - now);
      if (signal?.aborted || isStopping()) break;
      // Not woken and not due for the re-check: the poll's time is up (timers may fire a
      // millisecond early, so this does not compare clocks). Woken at the deadline: look
      // anyway, the wake-up was spent on this worker.
      if (!woken && deadline <= recheckAt) break;
      subscription.claiming();
      attempt = await claimAndNote(principal.teamId, workerId, max, true);
    }
    if (signal?.aborted && attempt.runs.length === 0) throw new AppError("conflict", "the claim was abandoned by the client");
    return { runs: attempt.runs };
  } finally {
    subscription.cancel();
    endPoll();
    release();
  }
}
