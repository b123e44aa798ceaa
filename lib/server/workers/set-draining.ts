// Drain: the worker finishes what it holds and gets no new runs. Resume undoes it.
import type { Worker } from "@/lib/contract/workers";
import { pool, withTransaction } from "@/lib/db/pool";
import type { Principal } from "@/lib/server/auth/authenticate";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { notFound } from "@/lib/server/errors";
import { findWorker } from "@/lib/server/workers/worker-sql";

export async function setDraining(actor: Principal, workerId: string, draining: boolean): Promise<Worker> {
  await withTransaction(async (client) => {
    const { rows } = await client.query<{ name: string }>(
      "UPDATE workers SET draining = $3 WHERE id = $1 AND team_id = $2 AND retired_at IS NULL RETURNING name",
      [workerId, actor.teamId, draining],
    );
    if (!rows[0]) throw notFound("worker");
    // Resumed: its waiting long-poll (on whichever instance) looks at the queue now rather than
    // at its deadline — the same notification as a held run of this worker ending (wakeups.ts).
    if (!draining) await client.query("SELECT pg_notify('runyard_claimable', $1::text || '||0|' || $2::text)", [actor.teamId, workerId]);
    await recordAudit(
      actor,
      { action: draining ? "worker.drained" : "worker.resumed", targetType: "worker", targetId: workerId, summary: `${draining ? "drained" : "resumed"} worker ${rows[0].name}` },
      client,
    );
  });
  return (await findWorker(pool(), actor.teamId, workerId))!;
}
