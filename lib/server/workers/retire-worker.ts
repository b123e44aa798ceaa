// DELETE /workers/{id}: retires a worker. It leaves every list, its held runs go back to the
// queue at once (attempt kept: the next claim is the next attempt), and its id and any token
// bound to it can no longer claim or report.
import type { Worker } from "@/lib/contract/workers";
import { withTransaction } from "@/lib/db/pool";
import type { Principal } from "@/lib/server/auth/authenticate";
import { tokenCache } from "@/lib/server/auth/token-cache";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { notFound } from "@/lib/server/errors";
import { findWorker } from "@/lib/server/workers/worker-sql";

export async function retireWorker(actor: Principal, workerId: string): Promise<Worker> {
  const teamId = actor.teamId;
  const retired = await withTransaction(async (client) => {
    const worker = await findWorker(client, teamId, workerId);
    const { rowCount } = await client.query(
      "UPDATE workers SET retired_at = now(), draining = true WHERE id = $1 AND team_id = $2 AND retired_at IS NULL",
      [workerId, teamId],
    );
    if (!worker || !rowCount) throw notFound("worker");
    await client.query(
      `WITH requeued AS (
         UPDATE runs SET state = CASE WHEN abort_requested_at IS NULL THEN 'OPEN'::"RunState" ELSE 'ABORTED'::"RunState" END,
                lease_expires_at = NULL,
                worker_id = CASE WHEN abort_requested_at IS NULL THEN NULL ELSE worker_id END,
                finished_at = CASE WHEN abort_requested_at IS NULL THEN NULL ELSE now() END
          WHERE worker_id = $1 AND state IN ('LOCKED', 'RUNNING')
          RETURNING id, attempt, state
       )
       INSERT INTO run_events (run_id, type, attempt, worker_id, message)
       SELECT id, CASE WHEN state = 'OPEN' THEN 'REQUEUED' ELSE 'ABORTED' END, attempt, $1,
              'worker retired by ' || $2
         FROM requeued`,
      [workerId, actor.actor],
    );
    await recordAudit(actor, { action: "worker.retired", targetType: "worker", targetId: workerId, summary: `retired worker ${worker.name}` }, client);
    return { ...worker, draining: true, currentRuns: [] };
  });
  // Tokens bound to it stop working here at once (other instances hear the NOTIFY on commit).
  tokenCache().forget("worker", workerId);
  return retired;
}
