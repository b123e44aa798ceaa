// How workers are read from SQL, with their derived state (SPEC §2). State is computed by the
// database, on the database's clock, so every app instance agrees on it.
import type pg from "pg";
import type { Worker, WorkerState } from "@/lib/contract/workers";
import type { RunState } from "@/lib/contract/runs";
import { isOlderVersion } from "@/lib/domain/versions";
import { env } from "@/lib/env";
import { version as serverVersion } from "@/package.json";

export function workerStateSql(alias = "w"): string {
  const offlineAfter = Number(env().RUNYARD_WORKER_OFFLINE_AFTER_S);
  return `CASE
    WHEN ${alias}.crashed_at IS NOT NULL THEN 'CRASHED'
    WHEN ${alias}.last_seen_at IS NULL OR ${alias}.last_seen_at < now() - make_interval(secs => ${offlineAfter}) THEN 'OFFLINE'
    WHEN EXISTS (SELECT 1 FROM runs h WHERE h.worker_id = ${alias}.id AND h.state IN ('LOCKED', 'RUNNING')) THEN 'BUSY'
    ELSE 'IDLE' END`;
}

export function workerColumns(alias = "w"): string {
  return `${alias}.id, ${alias}.name, ${alias}.labels, ${alias}.is_default, ${alias}.draining, ${alias}.max_concurrency,
    ${alias}.last_seen_at, ${alias}.created_at, ${alias}.agent_version, ${alias}.hostname, ${alias}.facts,
    ${alias}.runs_completed, ${workerStateSql(alias)} AS state`;
}

/**
 * A worker's failed runs and its failure streak (failed runs since its last completed one),
 * from the timeline's FAILED and COMPLETED events (index run_events_outcome_by_worker_idx).
 */
export type Failures = { runs_failed: number; failure_streak: number };

/** Failed runs and failure streaks of the workers on one page, in one query (after paging, not for every worker). */
export async function loadFailures(db: pg.Pool | pg.PoolClient, workerIds: string[]): Promise<Map<string, Failures>> {
  const byWorker = new Map<string, Failures>();
  if (workerIds.length === 0) return byWorker;
  const { rows } = await db.query<Failures & { id: string }>(
    `SELECT w.id, (SELECT count(*) FROM run_events f WHERE f.worker_id = w.id AND f.type = 'FAILED')::int AS runs_failed,
            ${failureStreakSql("w.id")} AS failure_streak
       FROM unnest($1::uuid[]) AS w(id)`,
    [workerIds],
  );
  for (const row of rows) byWorker.set(row.id, { runs_failed: row.runs_failed, failure_streak: row.failure_streak });
  return byWorker;
}

export function failureStreakSql(workerId: string): string {
  return `(SELECT count(*) FROM run_events f WHERE f.worker_id = ${workerId} AND f.type = 'FAILED'
      AND f.id > coalesce((SELECT max(c.id) FROM run_events c WHERE c.worker_id = ${workerId} AND c.type = 'COMPLETED'), 0))::int`;
}

export type WorkerRow = {
  id: string;
  name: string;
  labels: string[];
  is_default: boolean;
  draining: boolean;
  max_concurrency: number;
  last_seen_at: Date | null;
  created_at: Date;
  agent_version: string | null;
  hostname: string | null;
  facts: Record<string, unknown>;
  runs_completed: number;
  state: WorkerState;
};

type CurrentRunRow = { id: string; name: string | null; state: RunState; progress: number; worker_id: string };

/** Reads the runs each worker holds right now, in one query for the whole page. */
export async function loadCurrentRuns(db: pg.Pool | pg.PoolClient, workerIds: string[]) {
  const byWorker = new Map<string, Worker["currentRuns"]>();
  if (workerIds.length === 0) return byWorker;
  const { rows } = await db.query<CurrentRunRow>(
    `SELECT id, name, state, progress, worker_id FROM runs
      WHERE worker_id = ANY($1::uuid[]) AND state IN ('LOCKED', 'RUNNING') ORDER BY claimed_at`,
    [workerIds],
  );
  for (const row of rows) {
    const list = byWorker.get(row.worker_id) ?? [];
    list.push({ id: row.id, name: row.name, state: row.state, progress: row.progress });
    byWorker.set(row.worker_id, list);
  }
  return byWorker;
}

export function serializeWorker(row: WorkerRow, currentRuns: Worker["currentRuns"] = [], failures: Failures = { runs_failed: 0, failure_streak: 0 }): Worker {
  return {
    id: row.id,
    name: row.name,
    labels: row.labels,
    isDefault: row.is_default,
    state: row.state,
    draining: row.draining,
    maxConcurrency: row.max_concurrency,
    lastSeenAt: row.last_seen_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    agent: { version: row.agent_version, hostname: row.hostname, facts: row.facts ?? {}, outdated: isOlderVersion(row.agent_version, serverVersion) },
    runsCompleted: row.runs_completed,
    runsFailed: failures.runs_failed,
    failureStreak: failures.failure_streak,
    failing: failures.failure_streak >= env().RUNYARD_FAILING_AFTER_FAILURES,
    currentRuns,
  };
}

/** One active (not retired) worker of a team, or undefined. */
export async function findWorker(db: pg.Pool | pg.PoolClient, teamId: string, id: string): Promise<Worker | undefined> {
  const { rows } = await db.query<WorkerRow>(
    `SELECT ${workerColumns()} FROM workers w WHERE w.id = $1 AND w.team_id = $2 AND w.retired_at IS NULL`,
    [id, teamId],
  );
  const row = rows[0];
  if (!row) return undefined;
  // One after the other: `db` may be a transaction's client.
  const current = await loadCurrentRuns(db, [row.id]);
  const failures = await loadFailures(db, [row.id]);
  return serializeWorker(row, current.get(row.id), failures.get(row.id));
}
