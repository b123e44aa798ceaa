import type { WorkerState } from "@/lib/contract/workers";

export const WORKER_STATE_OPTIONS: { value: WorkerState; label: string }[] = [
  { value: "IDLE", label: "Idle" },
  { value: "BUSY", label: "Busy" },
  { value: "OFFLINE", label: "Offline" },
  { value: "CRASHED", label: "Crashed" },
];
