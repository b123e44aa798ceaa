"use client";
// One worker: what it is, how its runs went (counts, the current failure streak, recent runs),
// and Drain/Resume/Retire for admins. A worker that keeps failing says so at the top.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Fact } from "@/components/ui/fact";
import { LabelChips } from "@/components/ui/label-chip";
import { FailingBadge, RunStateBadge, WorkerStateBadge } from "@/components/ui/state-badge";
import { TimeAgo, formatDuration, useNow } from "@/components/ui/time-ago";
import { ranSeconds } from "@/components/runs/run-timing";
import { WorkerActions } from "@/components/workers/worker-actions";
import { useRuns } from "@/lib/client/hooks/use-runs";
import { useWorker } from "@/lib/client/hooks/use-worker";
import { useWorkerAction } from "@/lib/client/hooks/use-worker-action";
import type { Worker } from "@/lib/contract/workers";

function Count({ label, value, tone, testId }: { label: string; value: number; tone: string; testId: string }) {
  return (
    <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className={`mt-1 text-2xl font-semibold tabular-nums ${tone}`} data-testid={testId}>{value}</div>
    </div>
  );
}

export function WorkerDetail({ initial, isAdmin }: { initial: Worker; isAdmin: boolean }) {
  const { data } = useWorker(initial.id, initial);
  const worker = data ?? initial;
  const runs = useRuns({ workerId: worker.id, limit: 20 });
  const action = useWorkerAction();
  const now = useNow();
  const router = useRouter();
  const gpu = typeof worker.agent.facts.gpu === "string" ? worker.agent.facts.gpu : null;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link href="/workers" className="text-sm text-slate-500 hover:text-slate-800">← My Workers</Link>
          <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight text-slate-900">
            {worker.name}
            <WorkerStateBadge state={worker.state} draining={worker.draining} />
            {worker.draining && (worker.state === "OFFLINE" || worker.state === "CRASHED") && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800">draining</span>}
            {worker.failing && <FailingBadge streak={worker.failureStreak} />}
          </h1>
          <p className="mt-1 font-mono text-xs text-slate-500">{worker.id}</p>
        </div>
        {isAdmin && <WorkerActions worker={worker} onRetired={() => router.push("/workers")} />}
      </div>

      {worker.failing && (
        <div role="alert" className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-rose-200 bg-rose-50 p-4 text-sm text-rose-800">
          <p>
            <strong>Its last {worker.failureStreak} runs failed.</strong>{" "}
            {worker.draining ? "It is drained: it takes no new runs until it is resumed." : "While it keeps taking runs, it may fail every run its labels attract."}
          </p>
          {isAdmin && !worker.draining && (
            <Button size="sm" variant="primary" disabled={action.isPending} onClick={() => action.mutate({ id: worker.id, action: "drain" })}>
              Drain {worker.name}
            </Button>
          )}
        </div>
      )}

      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Count label="Completed" value={worker.runsCompleted} tone="text-emerald-700" testId="worker-completed" />
        <Count label="Failed" value={worker.runsFailed} tone={worker.runsFailed > 0 ? "text-rose-700" : "text-slate-900"} testId="worker-failed" />
        <Count label="Failure streak" value={worker.failureStreak} tone={worker.failing ? "text-rose-700" : "text-slate-900"} testId="worker-streak" />
        <Count label="Running now" value={worker.currentRuns.length} tone="text-sky-700" testId="worker-running" />
      </div>

      <section className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <dl className="grid grid-cols-2 gap-5 md:grid-cols-3">
          <Fact label="Host">{worker.agent.hostname ?? <span className="text-slate-500">not reported yet</span>}{gpu && <span className="text-slate-500"> · {gpu}</span>}</Fact>
          <Fact label="Agent version">
            {worker.agent.version ?? <span className="text-slate-500">no agent yet</span>}
            {worker.agent.outdated && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-[11px] font-medium text-amber-800">update agent</span>}
          </Fact>
          <Fact label="Labels"><LabelChips labels={worker.labels} emptyText="none (takes every run)" /></Fact>
          <Fact label="Registered"><TimeAgo at={worker.createdAt} /></Fact>
          <Fact label="Last seen"><TimeAgo at={worker.lastSeenAt} /></Fact>
          <Fact label="Slots">{worker.maxConcurrency}</Fact>
        </dl>
      </section>

      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading" className="mb-2 text-sm font-semibold text-slate-700">Recent runs</h2>
        {(runs.data?.items.length ?? 0) === 0 ? (
          <p className="rounded-xl bg-white p-6 text-sm text-slate-500 shadow-sm ring-1 ring-slate-200">{runs.isPending ? "Loading…" : "No runs on this worker yet."}</p>
        ) : (
          <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-3">Run</th>
                  <th scope="col" className="px-4 py-3">State</th>
                  <th scope="col" className="px-4 py-3">Started</th>
                  <th scope="col" className="px-4 py-3">Ran</th>
                  <th scope="col" className="px-4 py-3">Exit code</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {runs.data!.items.map((run) => (
                  <tr key={run.id} data-testid="worker-run-row">
                    <td className="px-4 py-3">
                      <Link href={`/runs/${run.id}`} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline">{run.name ?? <span className="font-mono text-xs">{run.id.slice(0, 8)}</span>}</Link>
                    </td>
                    <td className="px-4 py-3"><RunStateBadge state={run.state} /></td>
                    <td className="whitespace-nowrap px-4 py-3 text-slate-600"><TimeAgo at={run.startedAt ?? run.claimedAt} never="—" /></td>
                    <td className="whitespace-nowrap px-4 py-3 tabular-nums text-slate-600">{formatDuration(ranSeconds(run, now))}</td>
                    <td className="px-4 py-3 tabular-nums text-slate-600">{run.exitCode ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
