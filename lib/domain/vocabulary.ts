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

export const runStateWord = (state: RunState): string => RUN_STATE_WORDS[state];
export const workerStateWord = (state: WorkerState): string => WORKER_STATE_WORDS[state];
