// POST /runs/{id}/events: a worker reports on a run it holds — started (RUNNING), progress,
// a message, or the end (COMPLETED, FAILED, ABORTED). The lease token is the attempt number
// and fences off stale workers: a report for any other attempt gets 409 and changes nothing,
// so a worker presumed dead can never overwrite the attempt that replaced it.
import type { z } from "zod";
import type { Run, RunReportBody } from "@/lib/contract/runs";
import { withTransaction } from "@/lib/db/pool";
import { env } from "@/lib/env";
import type { Principal } from "@/lib/server/auth/authenticate";
import { AppError, notFound } from "@/lib/server/errors";
import { retryOnConflict } from "@/lib/server/retry";
import { findRunRow } from "@/lib/server/runs/get-run";
import { serializeRun, type RunRow } from "@/lib/server/runs/run-sql";

type Report = z.output<typeof RunReportBody>;
const HELD = new Set(["LOCKED", "RUNNING"]);

export async function reportRun(principal: Principal, runId: string, report: Report): Promise<Run> {
  return retryOnConflict(() =>
    withTransaction(async (client) => {
      const owner = await client.query<{ worker_id: string | null }>("SELECT worker_id FROM runs WHERE id = $1 AND team_id = $2", [runId, principal.teamId]);
      if (!owner.rows[0]) throw notFound("run");
      const workerId = owner.rows[0].worker_id;
      // Lock order everywhere: the worker row, then its runs.
      if (workerId) {
        await client.query("UPDATE workers SET last_seen_at = now(), crashed_at = NULL WHERE id = $1", [workerId]);
      }
      const run = (await client.query<RunRow>("SELECT * FROM runs WHERE id = $1 FOR UPDATE", [runId])).rows[0]!;
      if (run.attempt !== report.leaseToken) {
        throw new AppError("stale_lease", `lease token ${report.leaseToken} is stale: the run is on attempt ${run.attempt}; this report changes nothing`);
      }
      if (principal.workerId && run.worker_id !== principal.workerId) {
        throw new AppError("stale_lease", "this run is not held by the worker your token is bound to");
      }
      if (!HELD.has(run.state)) {
        // The same final report sent twice (a retry after a lost response) is answered, not refused.
        if (report.state === run.state) return serializeRun((await findRunRow(client, principal.teamId, runId))!);
        throw new AppError("stale_lease", `the run is ${run.state} (attempt ${run.attempt}); this report changes nothing`);
      }
      await applyReport(client, run, report);
      return serializeRun((await findRunRow(client, principal.teamId, runId))!);
    }),
  );
}

async function applyReport(client: import("pg").PoolClient, run: RunRow, report: Report): Promise<void> {
  const next = report.state ?? run.state;
  const ends = next === "COMPLETED" || next === "FAILED" || next === "ABORTED";
  const progress = next === "COMPLETED" ? 100 : (report.progress ?? run.progress);
  await client.query(
    `UPDATE runs SET state = $2::"RunState", progress = $3, message = coalesce($4, message), exit_code = coalesce($5, exit_code),
            started_at = CASE WHEN $2::"RunState" <> 'LOCKED' THEN coalesce(started_at, now()) ELSE started_at END,
            finished_at = CASE WHEN $6 THEN now() ELSE finished_at END,
            lease_expires_at = CASE WHEN $6 THEN NULL ELSE now() + make_interval(secs => $7) END
      WHERE id = $1`,
    [run.id, next, progress, report.message ?? null, report.exitCode ?? null, ends, env().RUNYARD_LEASE_S],
  );
  const event = ends ? next : next === "RUNNING" && run.state === "LOCKED" ? "STARTED" : report.message ? "MESSAGE" : null;
  if (event) {
    await client.query(
      "INSERT INTO run_events (run_id, type, attempt, worker_id, message, data) VALUES ($1, $2, $3, $4, $5, $6)",
      [run.id, event, run.attempt, run.worker_id, report.message ?? null, report.exitCode !== undefined ? JSON.stringify({ exitCode: report.exitCode }) : null],
    );
  }
  if (next === "COMPLETED") {
    await client.query("UPDATE workers SET runs_completed = runs_completed + 1 WHERE id = $1", [run.worker_id]);
  }
}
