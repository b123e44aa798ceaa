// The words people read for states — one vocabulary for the dashboard, the CLI and the API
// docs. The API keeps its stable enum values (OPEN, LOCKED…); people see these.
import type { RunState } from "@/lib/contract/runs";
import type { WorkerState } from "@/lib/contract/workers";

export const RUN_STATE_WORDS: Record<RunState, string> = {
  OPEN: "Queued",
  LOCKED: "Claimed",
  RUNNING: "Running",
  COMPLETED: "Completed",
  FAILED: "Failed",
  CANCELED: "Cancelled",
  ABORTED: "Aborted",
  CRASHED: "Crashed",
};

export const WORKER_STATE_WORDS: Record<WorkerState, string> = {
  IDLE: "Idle",
  BUSY: "Busy",
  OFFLINE: "Offline",
  CRASHED: "Crashed",
};

/**
 * What people see for a worker: its state, except that a drained worker is never shown as
 * "Idle" (it takes no runs) — it is "Drained", or "Draining" while it finishes what it holds.
 */
export type WorkerStatus = WorkerState | "DRAINING" | "DRAINED";

export const WORKER_STATUS_WORDS: Record<WorkerStatus, string> = { ...WORKER_STATE_WORDS, DRAINING: "Draining", DRAINED: "Drained" };

export function workerStatus(worker: { state: WorkerState; draining: boolean }): WorkerStatus {
  if (!worker.draining || worker.state === "OFFLINE" || worker.state === "CRASHED") return worker.state;
  return worker.state === "BUSY" ? "DRAINING" : "DRAINED";
}

export const workerStatusWord = (worker: { state: WorkerState; draining: boolean }): string => WORKER_STATUS_WORDS[workerStatus(worker)];

/** Shown next to the status of a worker whose last runs all failed. */
export const FAILING_WORD = "Failing";

export const runStateWord = (state: RunState): string => RUN_STATE_WORDS[state];
export const workerStateWord = (state: WorkerState): string => WORKER_STATE_WORDS[state];

/** A run's timeline events (run_events.type), as the dashboard and the CLI show them. */
export const RUN_EVENT_WORDS: Record<string, string> = {
  SCHEDULED: "Scheduled", CLAIMED: "Claimed", STARTED: "Started", MESSAGE: "Message", COMPLETED: "Completed", FAILED: "Failed",
  CANCELED: "Cancelled", ABORT_REQUESTED: "Abort requested", ABORTED: "Aborted", REQUEUED: "Re-queued", CRASHED: "Crashed",
  UNMATCHABLE: "No worker can take it",
};

export const runEventWord = (type: string): string => RUN_EVENT_WORDS[type] ?? type;

/** A state as people type it — the word (queued, Claimed) or the API name (OPEN) — or undefined. */
export function parseRunState(text: string): RunState | undefined {
  const wanted = text.trim().toLowerCase();
  const found = (Object.entries(RUN_STATE_WORDS) as [RunState, string][]).find(([state, word]) => state.toLowerCase() === wanted || word.toLowerCase() === wanted);
  return found?.[0] ?? (wanted === "canceled" ? "CANCELED" : undefined);
}

export function parseWorkerState(text: string): WorkerState | undefined {
  const wanted = text.trim().toLowerCase();
  return (Object.keys(WORKER_STATE_WORDS) as WorkerState[]).find((state) => state.toLowerCase() === wanted);
}
