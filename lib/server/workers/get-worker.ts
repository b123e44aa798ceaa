import type { Worker } from "@/lib/contract/workers";
import { pool } from "@/lib/db/pool";
import { notFound } from "@/lib/server/errors";
import { findWorker } from "@/lib/server/workers/worker-sql";

/** One active worker of the team; another team's or a retired worker is "not found". */
export async function getWorker(teamId: string, id: string): Promise<Worker> {
  const worker = await findWorker(pool(), teamId, id);
  if (!worker) throw notFound("worker");
  return worker;
}
