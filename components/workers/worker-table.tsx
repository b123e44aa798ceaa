"use client";
import Link from "next/link";
import { LabelChips } from "@/components/ui/label-chip";
import { CopyButton } from "@/components/ui/copy-button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { FailingBadge, WorkerStateBadge } from "@/components/ui/state-badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { WorkerActions } from "@/components/workers/worker-actions";
import { WorkerLink } from "@/components/workers/worker-link";
import type { Worker } from "@/lib/contract/workers";

export function WorkerTable({ workers, isAdmin, refreshing }: { workers: Worker[]; isAdmin: boolean; refreshing?: boolean }) {
  return (
    <div className="table-cards overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200" aria-busy={refreshing || undefined}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3">Worker</th>
            <th scope="col" className="px-4 py-3">Labels</th>
            <th scope="col" className="px-4 py-3">State</th>
            <th scope="col" className="px-4 py-3">Current runs</th>
            <th scope="col" className="px-4 py-3 text-right">Done</th>
            <th scope="col" className="px-4 py-3 text-right">Failed</th>
            <th scope="col" className="px-4 py-3">Last seen</th>
            {isAdmin && <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {workers.map((worker) => (
            <tr key={worker.id} data-testid="worker-row" data-worker-name={worker.name} className="align-top hover:bg-slate-50/60">
              <td className="px-4 py-3">
                <div className="flex items-center gap-2">
                  <WorkerLink id={worker.id} name={worker.name} />
                  {worker.isDefault && <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide text-slate-500">default</span>}
                </div>
                <div className="mt-0.5 flex items-center gap-1 font-mono text-xs text-slate-500">
                  <span title={worker.id}>{worker.id.slice(0, 8)}…</span>
                  <CopyButton text={worker.id} label="Copy id" />
                </div>
                <AgentLine worker={worker} />
              </td>
              <td data-label="Labels" className="max-w-64 px-4 py-3">
                <LabelChips labels={worker.labels} />
              </td>
              <td data-label="State" className="px-4 py-3">
                <div className="flex flex-col items-start gap-1">
                  <WorkerStateBadge state={worker.state} draining={worker.draining} />
                  {worker.draining && (worker.state === "OFFLINE" || worker.state === "CRASHED") && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-[11px] font-medium text-amber-800">draining</span>}
                  {worker.failing && <FailingBadge streak={worker.failureStreak} />}
                </div>
              </td>
              <td data-label="Current runs" className="min-w-52 px-4 py-3">
                {worker.currentRuns.length === 0 ? (
                  <span className="text-xs text-slate-500">none · {worker.maxConcurrency} slot{worker.maxConcurrency === 1 ? "" : "s"}</span>
                ) : (
                  <ul className="space-y-1.5">
                    {worker.currentRuns.map((run) => (
                      <li key={run.id}>
                        <Link href={`/runs/${run.id}`} className="block truncate text-xs font-medium text-indigo-700 hover:underline">
                          {run.name ?? run.id.slice(0, 8)}
                        </Link>
                        <ProgressBar value={run.progress} label={`progress of ${run.name ?? run.id}`} />
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td data-label="Done" className="px-4 py-3 text-right tabular-nums text-slate-700">{worker.runsCompleted}</td>
              <td data-label="Failed" className={`px-4 py-3 text-right tabular-nums ${worker.runsFailed > 0 ? "text-rose-700" : "text-slate-700"}`} data-testid="worker-failed">{worker.runsFailed}</td>
              <td data-label="Last seen" className="whitespace-nowrap px-4 py-3 text-slate-600">
                <TimeAgo at={worker.lastSeenAt} />
              </td>
              {isAdmin && (
                <td className="px-4 py-3 text-right">
                  <WorkerActions worker={worker} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AgentLine({ worker }: { worker: Worker }) {
  const gpu = typeof worker.agent.facts.gpu === "string" ? worker.agent.facts.gpu : null;
  const parts = [worker.agent.hostname, gpu, worker.agent.version ? `agent ${worker.agent.version}` : null].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <div className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
      <span>{parts.join(" · ")}</span>
      {worker.agent.outdated && (
        <span data-testid="agent-outdated" title="This agent is older than the server: download /downloads/runyard-agent.mjs again and restart it"
          className="rounded bg-amber-100 px-1.5 py-0.5 text-[11px] font-medium text-amber-800">update agent</span>
      )}
    </div>
  );
}
