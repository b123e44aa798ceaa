// POST /runs/{id}/cancel: an OPEN run is CANCELED at once; a held run gets an abort request
// that its worker sees at its next heartbeat (it then stops the job and reports ABORTED).
// Cancelling a cancelled run is a no-op; cancelling a finished one is a 409.
import type { Run, RunState } from "@/lib/contract/runs";
import { runStateWord } from "@/lib/domain/vocabulary";
import { pool } from "@/lib/db/pool";
import type { Principal } from "@/lib/server/auth/authenticate";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { AppError, notFound } from "@/lib/server/errors";
import { findRunRow } from "@/lib/server/runs/get-run";
import { serializeRun } from "@/lib/server/runs/run-sql";

export async function cancelRun(principal: Principal, id: string): Promise<Run> {
  const { rows } = await pool().query<{ state: string; changed: number }>(
    `WITH target AS (SELECT id, state FROM runs WHERE id = $1 AND team_id = $2 FOR UPDATE),
     changed AS (
       UPDATE runs r
          SET state = CASE WHEN t.state = 'OPEN' THEN 'CANCELED'::"RunState" ELSE r.state END,
              finished_at = CASE WHEN t.state = 'OPEN' THEN now() ELSE r.finished_at END,
              abort_requested_at = CASE WHEN t.state IN ('LOCKED', 'RUNNING') THEN coalesce(r.abort_requested_at, now()) ELSE r.abort_requested_at END
         FROM target t
        WHERE r.id = t.id AND (t.state = 'OPEN' OR (t.state IN ('LOCKED', 'RUNNING') AND r.abort_requested_at IS NULL))
       RETURNING r.id, r.state, r.attempt, r.worker_id
     ),
     ev AS (
       INSERT INTO run_events (run_id, type, attempt, worker_id, message)
       SELECT id, CASE WHEN state = 'CANCELED' THEN 'CANCELED' ELSE 'ABORT_REQUESTED' END, attempt, worker_id, 'by ' || $3 FROM changed
     )
     SELECT t.state, (SELECT count(*) FROM changed)::int AS changed FROM target t`,
    [id, principal.teamId, principal.actor],
  );
  const before = rows[0]?.state;
  if (!before) throw notFound("run");
  if (!["OPEN", "LOCKED", "RUNNING", "CANCELED"].includes(before)) {
    // In the words people see (Completed, not COMPLETED): this message is shown as it is.
    throw new AppError("invalid_transition", `the run already ended (${runStateWord(before as RunState)}); only Queued, Claimed and Running runs can be cancelled`);
  }
  const run = serializeRun((await findRunRow(pool(), principal.teamId, id))!);
  if (rows[0]!.changed > 0) {
    const what = run.state === "CANCELED" ? "cancelled" : "requested abort of";
    await recordAudit(principal, { action: "run.canceled", targetType: "run", targetId: id, summary: `${what} run ${run.name ?? id}` });
  }
  return run;
}
