// Registers a worker with labels fixed for its whole life (SPEC §1–2). Registering the same
// name again is idempotent with the same labels and a 409 with any others.
import { pool } from "@/lib/db/pool";
import type { Worker } from "@/lib/contract/workers";
import type { Principal } from "@/lib/server/auth/authenticate";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { AppError } from "@/lib/server/errors";
import { findWorker } from "@/lib/server/workers/worker-sql";

export type RegisterWorkerInput = { name: string; labels: string[]; maxConcurrency?: number };

function sameLabels(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((label, i) => label === b[i]);
}

export async function registerWorker(actor: Principal, input: RegisterWorkerInput): Promise<{ worker: Worker; created: boolean }> {
  const db = pool();
  // Insert-or-read in one statement: concurrent registrations of one name converge on one row.
  const { rows } = await db.query<{ id: string; labels: string[]; inserted: boolean }>(
    `WITH ins AS (
       INSERT INTO workers (team_id, name, labels, max_concurrency)
       VALUES ($1, $2, $3::text[], $4)
       ON CONFLICT (team_id, name) WHERE retired_at IS NULL DO NOTHING
       RETURNING id, labels
     )
     SELECT id, labels, true AS inserted FROM ins
     UNION ALL
     SELECT id, labels, false FROM workers
      WHERE team_id = $1 AND name = $2 AND retired_at IS NULL AND NOT EXISTS (SELECT 1 FROM ins)`,
    [actor.teamId, input.name, input.labels, input.maxConcurrency ?? 1],
  );
  const row = rows[0];
  if (!row) {
    // The conflicting row was retired between our insert and our read: try once more.
    return registerWorker(actor, input);
  }
  if (!row.inserted && !sameLabels(row.labels, input.labels)) {
    throw new AppError(
      "labels_immutable",
      `worker "${input.name}" already exists with labels [${row.labels.join(", ")}]; labels are immutable, so register a new worker (with another name) for labels [${input.labels.join(", ")}]`,
    );
  }
  const worker = await findWorker(db, actor.teamId, row.id);
  if (!worker) throw new AppError("conflict", `worker "${input.name}" was retired while registering; try again`);
  if (row.inserted) {
    await recordAudit(actor, { action: "worker.registered", targetType: "worker", targetId: worker.id, summary: `registered worker ${worker.name} [${worker.labels.join(", ")}]` });
  }
  return { worker, created: row.inserted };
}
