import type { WorkerState } from "@/lib/contract/workers";

const STYLES: Record<WorkerState, { dot: string; badge: string; word: string }> = {
  IDLE: { dot: "bg-emerald-500", badge: "bg-emerald-50 text-emerald-700 ring-emerald-200", word: "Idle" },
  BUSY: { dot: "bg-sky-500", badge: "bg-sky-50 text-sky-700 ring-sky-200", word: "Busy" },
  OFFLINE: { dot: "bg-slate-400", badge: "bg-slate-100 text-slate-600 ring-slate-200", word: "Offline" },
  CRASHED: { dot: "bg-rose-500", badge: "bg-rose-50 text-rose-700 ring-rose-200", word: "Crashed" },
};

export function WorkerStateBadge({ state }: { state: WorkerState }) {
  const style = STYLES[state];
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.badge}`}>
      <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${style.dot}`} />
      {style.word}
    </span>
  );
}
