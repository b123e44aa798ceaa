// How runs are read from SQL and shaped for the wire.
import type { Run, RunPriority, RunState } from "@/lib/contract/runs";

export type RunRow = {
  id: string;
  team_id: string;
  name: string | null;
  dataset: string | null;
  config: Record<string, unknown>;
  runs_on: string[];
  priority: RunPriority;
  state: RunState;
  attempt: number;
  max_attempts: number;
  worker_id: string | null;
  worker_name?: string | null;
  lease_expires_at: Date | null;
  abort_requested_at: Date | null;
  progress: number;
  message: string | null;
  exit_code: number | null;
  created_at: Date;
  claimed_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
};

/** Columns of a run plus its worker's name; expects `runs r LEFT JOIN workers w ON w.id = r.worker_id`. */
export const RUN_COLUMNS = `r.id, r.team_id, r.name, r.dataset, r.config, r.runs_on, r.priority, r.state, r.attempt,
  r.max_attempts, r.worker_id, w.name AS worker_name, r.lease_expires_at, r.abort_requested_at, r.progress, r.message,
  r.exit_code, r.created_at, r.claimed_at, r.started_at, r.finished_at`;

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function serializeRun(row: RunRow, unmatchable: Run["unmatchable"] = null): Run {
  return {
    id: row.id,
    name: row.name,
    dataset: row.dataset,
    config: row.config,
    runsOn: row.runs_on,
    priority: row.priority,
    state: row.state,
    attempt: row.attempt,
    maxAttempts: row.max_attempts,
    workerId: row.worker_id,
    workerName: row.worker_name ?? null,
    leaseExpiresAt: iso(row.lease_expires_at),
    abortRequested: row.abort_requested_at !== null,
    progress: row.progress,
    message: row.message,
    exitCode: row.exit_code,
    createdAt: row.created_at.toISOString(),
    claimedAt: iso(row.claimed_at),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    unmatchable,
  };
}
