// Drain: the worker finishes what it holds and gets no new runs. Resume undoes it.
import type { Worker } from "@/lib/contract/workers";
import { pool } from "@/lib/db/pool";
import { notFound } from "@/lib/server/errors";
import { findWorker } from "@/lib/server/workers/worker-sql";

export async function setDraining(teamId: string, workerId: string, draining: boolean): Promise<Worker> {
  const { rowCount } = await pool().query(
    "UPDATE workers SET draining = $3 WHERE id = $1 AND team_id = $2 AND retired_at IS NULL",
    [workerId, teamId, draining],
  );
  const worker = rowCount ? await findWorker(pool(), teamId, workerId) : undefined;
  if (!worker) throw notFound("worker");
  return worker;
}
