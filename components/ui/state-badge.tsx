import type { RunPriority, RunState } from "@/lib/contract/runs";
import type { WorkerState } from "@/lib/contract/workers";
import { FAILING_WORD, RUN_STATE_WORDS, WORKER_STATUS_WORDS, workerStatus, type WorkerStatus } from "@/lib/domain/vocabulary";

type Style = { dot: string; badge: string; word: string; pulse?: boolean };

const WORKER: Record<WorkerStatus, Style> = {
  IDLE: { dot: "bg-emerald-500", badge: "bg-emerald-50 text-emerald-700 ring-emerald-200", word: WORKER_STATUS_WORDS.IDLE },
  BUSY: { dot: "bg-sky-500", badge: "bg-sky-50 text-sky-700 ring-sky-200", word: WORKER_STATUS_WORDS.BUSY, pulse: true },
  OFFLINE: { dot: "bg-slate-400", badge: "bg-slate-100 text-slate-600 ring-slate-200", word: WORKER_STATUS_WORDS.OFFLINE },
  CRASHED: { dot: "bg-rose-500", badge: "bg-rose-50 text-rose-700 ring-rose-200", word: WORKER_STATUS_WORDS.CRASHED },
  DRAINING: { dot: "bg-amber-500", badge: "bg-amber-50 text-amber-800 ring-amber-200", word: WORKER_STATUS_WORDS.DRAINING, pulse: true },
  DRAINED: { dot: "bg-amber-500", badge: "bg-amber-50 text-amber-800 ring-amber-200", word: WORKER_STATUS_WORDS.DRAINED },
};

const RUN: Record<RunState, Style> = {
  OPEN: { dot: "bg-amber-500", badge: "bg-amber-50 text-amber-800 ring-amber-200", word: RUN_STATE_WORDS.OPEN },
  LOCKED: { dot: "bg-sky-500", badge: "bg-sky-50 text-sky-700 ring-sky-200", word: RUN_STATE_WORDS.LOCKED },
  RUNNING: { dot: "bg-indigo-500", badge: "bg-indigo-50 text-indigo-700 ring-indigo-200", word: RUN_STATE_WORDS.RUNNING, pulse: true },
  COMPLETED: { dot: "bg-emerald-500", badge: "bg-emerald-50 text-emerald-700 ring-emerald-200", word: RUN_STATE_WORDS.COMPLETED },
  FAILED: { dot: "bg-rose-500", badge: "bg-rose-50 text-rose-700 ring-rose-200", word: RUN_STATE_WORDS.FAILED },
  CANCELED: { dot: "bg-slate-400", badge: "bg-slate-100 text-slate-600 ring-slate-200", word: RUN_STATE_WORDS.CANCELED },
  ABORTED: { dot: "bg-orange-500", badge: "bg-orange-50 text-orange-700 ring-orange-200", word: RUN_STATE_WORDS.ABORTED },
  CRASHED: { dot: "bg-rose-700", badge: "bg-rose-100 text-rose-800 ring-rose-300", word: RUN_STATE_WORDS.CRASHED },
};

function Badge({ style, testId }: { style: Style; testId: string }) {
  return (
    <span data-testid={testId} className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.badge}`}>
      <span aria-hidden className="relative flex h-1.5 w-1.5">
        {style.pulse && <span className={`absolute inline-flex h-full w-full animate-ping rounded-full opacity-60 ${style.dot}`} />}
        <span className={`relative inline-flex h-1.5 w-1.5 rounded-full ${style.dot}`} />
      </span>
      {style.word}
    </span>
  );
}

/** A worker's status: its state, or Drained/Draining when it takes no new runs (never a green "Idle"). */
export const WorkerStateBadge = ({ state, draining = false }: { state: WorkerState; draining?: boolean }) => (
  <Badge style={WORKER[workerStatus({ state, draining })]} testId="worker-state" />
);

/** A worker whose last runs all failed. */
export const FailingBadge = ({ streak }: { streak: number }) => (
  <span data-testid="worker-failing" title={`its last ${streak} runs failed`} className="inline-flex items-center gap-1 whitespace-nowrap rounded-full bg-rose-600 px-2 py-0.5 text-xs font-semibold text-white">
    {FAILING_WORD} · {streak} in a row
  </span>
);
export const RunStateBadge = ({ state }: { state: RunState }) => <Badge style={RUN[state]} testId="run-state" />;

const PRIORITY: Record<RunPriority, string> = {
  CRITICAL: "bg-rose-600 text-white",
  HIGH: "bg-orange-100 text-orange-800",
  MID: "bg-slate-100 text-slate-700",
  LOW: "bg-slate-50 text-slate-500",
};

/** MID is the default and is not shown in lists unless `always`. */
export function PriorityBadge({ priority, always = false }: { priority: RunPriority; always?: boolean }) {
  if (priority === "MID" && !always) return null;
  return <span className={`inline-flex whitespace-nowrap rounded px-1.5 py-0.5 text-[11px] font-semibold tracking-wide ${PRIORITY[priority]}`}>{priority}</span>;
}
