import type { RunEvent } from "@/lib/contract/runs";
import { WorkerLink } from "@/components/workers/worker-link";
import { runEventWord } from "@/lib/domain/vocabulary";

const DOT: Record<string, string> = {
  SCHEDULED: "bg-slate-400", CLAIMED: "bg-sky-500", STARTED: "bg-indigo-500", MESSAGE: "bg-slate-300", COMPLETED: "bg-emerald-500",
  FAILED: "bg-rose-500", CANCELED: "bg-slate-500", ABORT_REQUESTED: "bg-orange-400", ABORTED: "bg-orange-600", REQUEUED: "bg-amber-500",
  CRASHED: "bg-rose-700", UNMATCHABLE: "bg-rose-400",
};

export function RunTimeline({ events }: { events: RunEvent[] }) {
  return (
    <ol className="relative space-y-4 border-l border-slate-200 pl-5" data-testid="timeline">
      {events.map((event) => (
        <li key={event.id} className="relative">
          <span aria-hidden className={`absolute -left-[26px] top-1.5 h-2.5 w-2.5 rounded-full ring-4 ring-white ${DOT[event.type] ?? "bg-slate-400"}`} />
          <div className="flex flex-wrap items-baseline gap-x-2">
            <span className="text-sm font-medium text-slate-900">{runEventWord(event.type)}</span>
            {event.attempt > 0 && <span className="text-xs text-slate-500">attempt {event.attempt}</span>}
            {event.workerId && <span className="text-xs text-slate-500">on <WorkerLink id={event.workerId} name={event.workerName} className="font-normal" /></span>}
            <time className="ml-auto text-xs tabular-nums text-slate-500" dateTime={event.at} title={event.at}>{new Date(event.at).toLocaleTimeString()}</time>
          </div>
          {event.message && <p className="mt-0.5 whitespace-pre-wrap break-words text-sm text-slate-600">{event.message}</p>}
        </li>
      ))}
    </ol>
  );
}
