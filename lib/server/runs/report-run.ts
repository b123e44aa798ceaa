// POST /runs/{id}/events: a worker reports on a run it holds — started (RUNNING), progress,
// a message, or the end (COMPLETED, FAILED, ABORTED). The lease token is the attempt number
// and fences off stale workers: a report for any other attempt gets 409 and changes nothing,
// so a worker presumed dead can never overwrite the attempt that replaced it.
//
// Complete-and-claim: a final report with `next` also claims the worker's next run(s) in the
// same transaction (one request and one commit instead of two per run). Batch reports
// (POST /workers/{id}/reports) apply many reports in one transaction, each item fenced by its
// own lease token; a stale item fails alone and changes nothing.
import type pg from "pg";
import type { z } from "zod";
import type { BatchReportBody, BatchReportResponse, BatchReportResult, ClaimedRun, NextClaim, RunReportBody, RunReportResponse } from "@/lib/contract/runs";
import { withTransaction } from "@/lib/db/pool";
import { withoutProgressLines } from "@/lib/domain/log-lines";
import { env } from "@/lib/env";
import { requireWorkerAccess, type Principal } from "@/lib/server/auth/authenticate";
import { jobTokenSecret } from "@/lib/server/auth/job-tokens";
import { claimInTransaction, claimRuns, countClaim, endClaim, type Attempt, type LockedWorker } from "@/lib/server/claims/claim-runs";
import { wakeups } from "@/lib/server/claims/wakeups";
import { AppError, notFound } from "@/lib/server/errors";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { itemProblem } from "@/lib/server/http/problem";
import { isStopping } from "@/lib/server/lifecycle";
import { retryOnConflict } from "@/lib/server/retry";
import { findRunRow } from "@/lib/server/runs/get-run";
import { RUN_COLUMNS, serializeRun, type RunRow } from "@/lib/server/runs/run-sql";
import { presence } from "@/lib/server/workers/presence";
import { failureStreakSql } from "@/lib/server/workers/worker-sql";

type Report = Omit<z.output<typeof RunReportBody>, "next">;
type Next = z.output<typeof NextClaim>;
const HELD = new Set(["LOCKED", "RUNNING"]);

/**
 * The fence, on a run row locked FOR UPDATE, then the report's writes. Throws stale_lease
 * (409) before writing anything when the report is not for the attempt the run is on.
 */
async function reportLockedRun(client: pg.PoolClient, principal: Principal, run: RunRow, report: Report, workerId?: string): Promise<RunRow> {
  if (run.attempt !== report.leaseToken) {
    throw new AppError("stale_lease", `lease token ${report.leaseToken} is stale: the run is on attempt ${run.attempt}; this report changes nothing`);
  }
  if (principal.workerId && run.worker_id !== principal.workerId) {
    throw new AppError("stale_lease", "this run is not held by the worker your token is bound to");
  }
  if (workerId && run.worker_id !== workerId) {
    throw new AppError("stale_lease", `this run is not held by worker ${workerId}; this report changes nothing`);
  }
  if (!HELD.has(run.state)) {
    // The same final report sent twice (a retry after a lost response) is answered, not refused.
    if (report.state === run.state) return (await findRunRow(client, principal.teamId, run.id))!;
    throw new AppError("stale_lease", `the run is ${run.state} (attempt ${run.attempt}); this report changes nothing`);
  }
  const updated = await applyReport(client, run, report);
  if (updated.state === "FAILED" && updated.worker_id) await autoDrain(client, principal.teamId, updated.worker_id);
  return updated;
}

/**
 * The claim half of complete-and-claim, inside the report's transaction. `attempt` (when it
 * claimed) goes to endClaim() after the commit, as a claim's would.
 */
async function claimNext(
  client: pg.PoolClient, principal: Principal, workerId: string | null, next: Next | undefined, secret: Buffer | undefined, locked: LockedWorker | null | undefined,
): Promise<{ runs: ClaimedRun[]; attempt?: Attempt } | undefined> {
  if (!next) return undefined;
  // A stopping instance hands out nothing new; the agent claims again (here or elsewhere).
  // A retired worker claims nothing (its runs were re-queued; the report was stale anyway).
  if (!workerId || isStopping() || locked === null) return { runs: [] };
  requireWorkerAccess(principal, workerId);
  const attempt = await claimInTransaction(client, principal.teamId, workerId, next.max ?? 1, secret!, locked);
  return { runs: attempt.runs, attempt };
}

/** After the commit: the claim in the report is counted, and the worker's record kept or forgotten, as a claim's. */
function noteClaimed(principal: Principal, workerId: string | null, claimed: { attempt?: Attempt } | undefined, seen: number) {
  if (!workerId || !claimed?.attempt) return;
  countClaim(principal.teamId);
  endClaim(principal.teamId, workerId, claimed.attempt, seen, false);
}

/** What the report's own worker lock returns, enough for the claim (lockWorker's columns). */
const WORKER_RETURNING = "team_id, name, labels, draining, retired_at IS NOT NULL AS retired";
type WorkerRow = LockedWorker & { retired: boolean };

/** The claim's view of the worker the report locked; null for a retired worker (it claims nothing). */
function lockedWorker(row: Partial<WorkerRow> | undefined): LockedWorker | null | undefined {
  if (!row || row.name === undefined || row.name === null) return undefined;
  if (row.retired) return null;
  return { team_id: row.team_id!, name: row.name, labels: row.labels!, draining: row.draining! };
}

/** Nothing was claimable in the transaction: wait as a claim long-poll would (the report is committed). */
async function waitForNext(principal: Principal, workerId: string | null, next: Next | undefined, claimed: ClaimedRun[] | undefined, signal?: AbortSignal): Promise<ClaimedRun[] | undefined> {
  if (!next || !claimed || claimed.length > 0 || !workerId || !next.waitSeconds || isStopping()) return claimed;
  try {
    return (await claimRuns({ principal, workerId, max: next.max ?? 1, waitSeconds: next.waitSeconds, signal })).runs;
  } catch {
    // The report is committed: it is answered whatever became of the wait.
    return [];
  }
}

export async function reportRun(principal: Principal, runId: string, body: z.output<typeof RunReportBody>, signal?: AbortSignal): Promise<RunReportResponse> {
  const { next, ...report } = body;
  const secret = next ? await jobTokenSecret() : undefined;
  const seen = wakeups().notificationsSeen(principal.teamId);
  const done = await retryOnConflict(() =>
    withTransaction(async (client) => {
      // Lock order everywhere: the worker row, then its runs. Finding the run's worker and
      // locking it (recording the contact) is one round trip; the run row is locked next.
      // The locked worker's row comes back too: a claim with `next` needs no second lock.
      const owner = await client.query<{ worker_id: string | null } & Partial<WorkerRow>>({
        name: "runyard_report_lock_worker_v2",
        text: `WITH owner AS (SELECT worker_id FROM runs WHERE id = $1 AND team_id = $2),
              touched AS (UPDATE workers SET last_seen_at = now(), crashed_at = NULL WHERE id = (SELECT worker_id FROM owner)
                          RETURNING ${WORKER_RETURNING})
         SELECT o.worker_id, t.* FROM owner o LEFT JOIN touched t ON true`,
        values: [runId, principal.teamId],
      });
      if (!owner.rows[0]) throw notFound("run");
      // It wrote the worker's last_seen_at, as lockWorker does for a claim.
      if (owner.rows[0].name != null) presence().wrote(owner.rows[0].worker_id!);
      const run = (await client.query<RunRow>({ name: "runyard_report_lock_run", text: "SELECT * FROM runs WHERE id = $1 FOR UPDATE", values: [runId] })).rows[0]!;
      const row = await reportLockedRun(client, principal, run, report);
      const locked = owner.rows[0].worker_id === run.worker_id ? lockedWorker(owner.rows[0]) : undefined;
      const claimed = await claimNext(client, principal, run.worker_id, next, secret, locked);
      return { run: serializeRun(row), claimed, workerId: run.worker_id };
    }),
  );
  noteClaimed(principal, done.workerId, done.claimed, seen);
  const claimed = await waitForNext(principal, done.workerId, next, done.claimed?.runs, signal);
  return claimed ? { ...done.run, next: claimed } : done.run;
}

/**
 * POST /workers/{id}/reports: many reports in one transaction. The worker row is locked once,
 * then every named run in id order (the same order for every batch: no deadlock between two).
 * Each item is fenced alone; a stale or unknown item gets its problem and writes nothing.
 */
export async function reportRuns(principal: Principal, workerId: string, body: z.output<typeof BatchReportBody>, signal?: AbortSignal): Promise<BatchReportResponse> {
  requireWorkerAccess(principal, workerId);
  const { next, reports } = body;
  const secret = next ? await jobTokenSecret() : undefined;
  const seen = wakeups().notificationsSeen(principal.teamId);
  const done = await retryOnConflict(() =>
    withTransaction(async (client) => {
      const worker = await client.query<WorkerRow>({
        name: "runyard_batch_lock_worker",
        text: `UPDATE workers SET last_seen_at = now(), crashed_at = NULL WHERE id = $1 AND team_id = $2 RETURNING ${WORKER_RETURNING}`,
        values: [workerId, principal.teamId],
      });
      if (!worker.rows[0]) throw notFound("worker");
      presence().wrote(workerId);
      const { rows } = await client.query<RunRow>({
        name: "runyard_batch_lock_runs",
        text: "SELECT * FROM runs WHERE id = ANY($1::uuid[]) AND team_id = $2 ORDER BY id FOR UPDATE",
        values: [reports.map((r) => r.runId), principal.teamId],
      });
      const byId = new Map(rows.map((row) => [row.id, row]));
      const results: BatchReportResult[] = [];
      for (const { runId, ...report } of reports) {
        const run = byId.get(runId);
        if (!run) {
          results.push({ runId, ok: false, problem: itemProblem(notFound("run")) });
          continue;
        }
        try {
          results.push({ runId, ok: true, run: serializeRun(await reportLockedRun(client, principal, run, report, workerId)) });
        } catch (error) {
          // Only refusals found before any write are answered per item; anything else (a
          // database error) aborts the whole batch, which then changes nothing.
          if (!(error instanceof AppError)) throw error;
          results.push({ runId, ok: false, problem: itemProblem(error) });
        }
      }
      const claimed = await claimNext(client, principal, workerId, next, secret, lockedWorker(worker.rows[0]));
      return { results, claimed };
    }),
  );
  noteClaimed(principal, workerId, done.claimed, seen);
  const claimed = await waitForNext(principal, workerId, next, done.claimed?.runs, signal);
  return claimed ? { results: done.results, next: claimed } : { results: done.results };
}

/**
 * The report's writes — the run, its timeline event, the worker's completed count — and the
 * updated run with its worker's name, in one statement: a report is on every run's hot path.
 */
async function applyReport(client: import("pg").PoolClient, run: RunRow, report: Report): Promise<RunRow> {
  const next = report.state ?? run.state;
  const ends = next === "COMPLETED" || next === "FAILED" || next === "ABORTED";
  const progress = next === "COMPLETED" ? 100 : (report.progress ?? run.progress);
  // An older agent's failure summary may hold `::progress` lines: progress is not a message.
  const message = report.message === undefined ? undefined : withoutProgressLines(report.message) || undefined;
  const event = ends ? next : next === "RUNNING" && run.state === "LOCKED" ? "STARTED" : message ? "MESSAGE" : null;
  const { rows } = await client.query<RunRow>({
    name: "runyard_report_apply",
    text: `WITH updated AS (
       UPDATE runs SET state = $2::"RunState", progress = $3, message = coalesce($4, message), exit_code = coalesce($5, exit_code),
              started_at = CASE WHEN $2::"RunState" <> 'LOCKED' AND $10 THEN now() WHEN $2::"RunState" <> 'LOCKED' THEN coalesce(started_at, now()) ELSE started_at END,
              finished_at = CASE WHEN $6 THEN now() ELSE finished_at END,
              lease_expires_at = CASE WHEN $6 THEN NULL ELSE now() + make_interval(secs => $7) END
        WHERE id = $1
       RETURNING *
     ),
     event AS (
       INSERT INTO run_events (run_id, type, attempt, worker_id, message, data)
       SELECT id, $8::text, attempt, worker_id, $4, $9::jsonb FROM updated WHERE $8::text IS NOT NULL
     ),
     counted AS (
       UPDATE workers SET runs_completed = runs_completed + 1
        WHERE id = (SELECT worker_id FROM updated) AND $2::"RunState" = 'COMPLETED'
     )
     SELECT ${RUN_COLUMNS} FROM updated r LEFT JOIN workers w ON w.id = r.worker_id`,
    values: [run.id, next, progress, message ?? null, report.exitCode ?? null, ends, env().RUNYARD_LEASE_S, event,
      report.exitCode !== undefined ? JSON.stringify({ exitCode: report.exitCode }) : null,
      // This attempt starts now: "Ran" counts from the last attempt's start, not from an
      // earlier attempt's (whose worker was lost and the run went back to the queue).
      run.state === "LOCKED"],
  });
  return rows[0]!;
}

/**
 * RUNYARD_AUTO_DRAIN_AFTER_FAILURES (off by default): a worker whose last N runs all failed
 * is drained — it finishes nothing more from the queue, so a broken box cannot swallow a
 * label set's runs one after the other — and the audit log says so. Resuming it is a person's
 * call; its next failure drains it again until a run completes on it.
 */
async function autoDrain(client: import("pg").PoolClient, teamId: string, workerId: string): Promise<void> {
  const after = env().RUNYARD_AUTO_DRAIN_AFTER_FAILURES;
  if (after <= 0) return;
  const { rows } = await client.query<{ name: string; streak: number }>(
    `UPDATE workers w SET draining = true
      WHERE w.id = $1 AND w.team_id = $2 AND NOT w.draining AND w.retired_at IS NULL AND ${failureStreakSql("w.id")} >= $3
     RETURNING w.name, ${failureStreakSql("w.id")} AS streak`,
    [workerId, teamId, after],
  );
  const drained = rows[0];
  if (!drained) return;
  await recordAudit(
    { teamId, kind: "system", actor: "runyard" },
    {
      action: "worker.drained", targetType: "worker", targetId: workerId,
      summary: `drained worker ${drained.name} automatically after ${drained.streak} failed runs in a row (RUNYARD_AUTO_DRAIN_AFTER_FAILURES=${after})`,
      data: { automatic: true, failureStreak: drained.streak },
    },
    client,
  );
}
