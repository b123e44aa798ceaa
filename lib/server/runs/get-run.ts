// GET /runs/{id}: one run with its event timeline and, for a run held back by dataset
// exclusivity, the run it waits behind.
import type pg from "pg";
import type { RunDetail } from "@/lib/contract/runs";
import { pool } from "@/lib/db/pool";
import { notFound } from "@/lib/server/errors";
import { unmatchableFlags } from "@/lib/server/matching/match-workers";
import { RUN_COLUMNS, serializeRun, type RunRow } from "@/lib/server/runs/run-sql";

const MAX_EVENTS = 500;

export async function findRunRow(db: pg.Pool | pg.PoolClient, teamId: string, id: string): Promise<RunRow | undefined> {
  const { rows } = await db.query<RunRow>(
    `SELECT ${RUN_COLUMNS} FROM runs r LEFT JOIN workers w ON w.id = r.worker_id WHERE r.id = $1 AND r.team_id = $2`,
    [id, teamId],
  );
  return rows[0];
}

/** The held run of the same dataset that an OPEN run waits behind, if any. */
export async function blockingRun(teamId: string, row: Pick<RunRow, "id" | "dataset" | "state">): Promise<RunDetail["waitingBehind"]> {
  if (row.state !== "OPEN" || !row.dataset) return null;
  const { rows } = await pool().query<{ id: string; name: string | null; state: RunDetail["state"] }>(
    `SELECT id, name, state FROM runs WHERE team_id = $1 AND dataset = $2 AND state IN ('LOCKED', 'RUNNING') AND id <> $3 LIMIT 1`,
    [teamId, row.dataset, row.id],
  );
  return rows[0] ?? null;
}

export async function getRun(teamId: string, id: string): Promise<RunDetail> {
  const row = await findRunRow(pool(), teamId, id);
  if (!row) throw notFound("run");
  const [events, waitingBehind, flags] = await Promise.all([
    pool().query<{ id: string; at: Date; type: string; attempt: number; worker_id: string | null; worker_name: string | null; message: string | null; data: unknown }>(
      `SELECT latest.id::text AS id, latest.at, latest.type, latest.attempt, latest.worker_id, w.name AS worker_name, latest.message, latest.data FROM (
         SELECT * FROM run_events WHERE run_id = $1 ORDER BY id DESC LIMIT ${MAX_EVENTS}) latest
         LEFT JOIN workers w ON w.id = latest.worker_id ORDER BY latest.id`,
      [id],
    ),
    blockingRun(teamId, row),
    row.state === "OPEN" ? unmatchableFlags(teamId, [row.runs_on]) : Promise.resolve(new Map()),
  ]);
  return {
    ...serializeRun(row, flags.get(row.runs_on.join(",")) ?? null),
    events: events.rows.map((e) => ({ id: e.id, at: e.at.toISOString(), type: e.type, attempt: e.attempt, workerId: e.worker_id, workerName: e.worker_name, message: e.message, data: e.data ?? null })),
    waitingBehind,
  };
}
