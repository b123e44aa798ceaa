import type { RunPriority, RunState } from "@/lib/contract/runs";
import type { WorkerState } from "@/lib/contract/workers";
import { RUN_STATE_WORDS, WORKER_STATE_WORDS } from "@/lib/domain/vocabulary";

type Style = { dot: string; badge: string; word: string; pulse?: boolean };

const WORKER: Record<WorkerState, Style> = {
  IDLE: { dot: "bg-emerald-500", badge: "bg-emerald-50 text-emerald-700 ring-emerald-200", word: WORKER_STATE_WORDS.IDLE },
  BUSY: { dot: "bg-sky-500", badge: "bg-sky-50 text-sky-700 ring-sky-200", word: WORKER_STATE_WORDS.BUSY, pulse: true },
  OFFLINE: { dot: "bg-slate-400", badge: "bg-slate-100 text-slate-600 ring-slate-200", word: WORKER_STATE_WORDS.OFFLINE },
  CRASHED: { dot: "bg-rose-500", badge: "bg-rose-50 text-rose-700 ring-rose-200", word: WORKER_STATE_WORDS.CRASHED },
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

export const WorkerStateBadge = ({ state }: { state: WorkerState }) => <Badge style={WORKER[state]} testId="worker-state" />;
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
