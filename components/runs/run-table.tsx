"use client";
import Link from "next/link";
import { LabelChips } from "@/components/ui/label-chip";
import { ProgressBar } from "@/components/ui/progress-bar";
import { PriorityBadge, RunStateBadge } from "@/components/ui/state-badge";
import { TimeAgo, formatDuration, useNow } from "@/components/ui/time-ago";
import { CancelRunButton } from "@/components/runs/cancel-run-button";
import { ranSeconds, waitedSeconds } from "@/components/runs/run-timing";
import { WorkerLink } from "@/components/workers/worker-link";
import type { Run } from "@/lib/contract/runs";

const TONE = { COMPLETED: "emerald", FAILED: "rose", CRASHED: "rose", ABORTED: "slate", CANCELED: "slate" } as const;

export function RunTable({ runs }: { runs: Run[] }) {
  const now = useNow();
  return (
    <div className="table-cards overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3">Run</th>
            <th scope="col" className="px-4 py-3">State</th>
            <th scope="col" className="px-4 py-3">Runs on</th>
            <th scope="col" className="px-4 py-3">Worker</th>
            <th scope="col" className="px-4 py-3">Waited</th>
            <th scope="col" className="px-4 py-3">Ran</th>
            <th scope="col" className="px-4 py-3">Progress</th>
            <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((run) => (
            <tr key={run.id} data-testid="run-row" data-run-id={run.id} className="align-top hover:bg-slate-50/60">
              <td className="px-4 py-3">
                <div className="flex items-center gap-2">
                  <Link href={`/runs/${run.id}`} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline">
                    {run.name ?? <span className="font-mono text-xs">{run.id.slice(0, 8)}</span>}
                  </Link>
                  <PriorityBadge priority={run.priority} />
                </div>
                <div className="mt-0.5 text-xs text-slate-500">
                  <TimeAgo at={run.createdAt} />
                  {run.dataset && <> · dataset <span className="font-mono">{run.dataset}</span></>}
                  {run.attempt > 1 && <> · attempt {run.attempt}</>}
                </div>
              </td>
              <td data-label="State" className="px-4 py-3">
                <div className="flex flex-col items-start gap-1">
                  <RunStateBadge state={run.state} />
                  {run.abortRequested && ["LOCKED", "RUNNING"].includes(run.state) && <span className="text-[11px] text-orange-700">stopping…</span>}
                  {run.unmatchable && <span className="text-[11px] font-medium text-rose-700" title={`closest: ${run.unmatchable.closest?.name ?? "none"}`}>no worker can take it</span>}
                </div>
              </td>
              <td data-label="Runs on" className="max-w-56 px-4 py-3"><LabelChips labels={run.runsOn} emptyText="any worker" /></td>
              <td data-label="Worker" className="px-4 py-3 text-slate-700">{run.workerId ? <WorkerLink id={run.workerId} name={run.workerName} /> : <span className="text-slate-500">—</span>}</td>
              <td data-label="Waited" className="whitespace-nowrap px-4 py-3 tabular-nums text-slate-600">{formatDuration(waitedSeconds(run, now))}</td>
              <td data-label="Ran" className="whitespace-nowrap px-4 py-3 tabular-nums text-slate-600">{formatDuration(ranSeconds(run, now))}</td>
              <td data-label="Progress" className="w-40 px-4 py-3">
                {run.state === "OPEN" ? <span className="text-xs text-slate-500">queued</span> : <ProgressBar value={run.progress} tone={TONE[run.state as keyof typeof TONE] ?? "indigo"} />}
              </td>
              <td className="px-4 py-3 text-right"><CancelRunButton run={run} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
