"use client";
// One run: state, progress, why it waits, its timeline and its live log.
import Link from "next/link";
import { useMemo } from "react";
import { CancelRunButton } from "@/components/runs/cancel-run-button";
import { RerunButton } from "@/components/runs/rerun-button";
import { RunExplain } from "@/components/runs/run-explain";
import { RunLogs } from "@/components/runs/run-logs";
import { RunTimeline } from "@/components/runs/run-timeline";
import { attemptText, ranSeconds, waitedSeconds } from "@/components/runs/run-timing";
import { Fact } from "@/components/ui/fact";
import { LabelChips } from "@/components/ui/label-chip";
import { ProgressBar } from "@/components/ui/progress-bar";
import { PriorityBadge, RunStateBadge } from "@/components/ui/state-badge";
import { TimeAgo, formatDuration, useNow } from "@/components/ui/time-ago";
import { WorkerLink } from "@/components/workers/worker-link";
import { useRun } from "@/lib/client/hooks/use-run";
import type { RunDetail as RunDetailT } from "@/lib/contract/runs";

/** Which worker claimed each attempt, for the log's "Attempt 2 on a100-box-1" dividers. */
function workersByAttempt(events: RunDetailT["events"]): Map<number, string> {
  const map = new Map<number, string>();
  for (const e of events) if (e.type === "CLAIMED" && e.workerId) map.set(e.attempt, e.workerName ?? e.workerId.slice(0, 8));
  return map;
}

export function RunDetail({ initial }: { initial: RunDetailT }) {
  const { data } = useRun(initial.id, initial);
  const run = data ?? initial;
  const now = useNow();
  const held = run.state === "LOCKED" || run.state === "RUNNING";
  const attemptWorkers = useMemo(() => workersByAttempt(run.events), [run.events]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link href="/runs" className="text-sm text-slate-500 hover:text-slate-800">← Runs</Link>
          <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight text-slate-900">
            {run.name ?? "Run"}
            <RunStateBadge state={run.state} />
            <PriorityBadge priority={run.priority} always />
          </h1>
          <p className="mt-1 font-mono text-xs text-slate-500">{run.id}</p>
        </div>
        <div className="flex items-start gap-2">
          <CancelRunButton run={run} size="md" />
          <RerunButton run={run} />
        </div>
      </div>

      {run.unmatchable && run.state === "OPEN" && (
        <div role="alert" className="rounded-xl border border-rose-200 bg-rose-50 p-4 text-sm text-rose-800">
          <strong>No registered worker can take this run.</strong>{" "}
          {run.unmatchable.closest ? <>The closest, {run.unmatchable.closest.name}, lacks {run.unmatchable.missing.join(", ")}.</> : <>No worker has {run.unmatchable.missing.length === 1 ? "the label" : "any of the labels"} {run.unmatchable.missing.join(", ")}.</>}
          {run.unmatchable.caseMismatches.map((m) => <span key={m.wanted}> Labels are case-sensitive: “{m.wanted}” is not “{m.has}”.</span>)}
        </div>
      )}

      <section className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        {run.state !== "OPEN" && <div className="mb-5"><ProgressBar value={run.progress} tone={run.state === "FAILED" || run.state === "CRASHED" ? "rose" : run.state === "COMPLETED" ? "emerald" : "indigo"} /></div>}
        {run.message && <p className="mb-5 whitespace-pre-wrap rounded-lg bg-slate-50 p-3 font-mono text-xs text-slate-700" data-testid="run-message">{run.message}</p>}
        <dl className="grid grid-cols-2 gap-5 md:grid-cols-4">
          <Fact label="Runs on"><LabelChips labels={run.runsOn} emptyText="any worker" /></Fact>
          <Fact label="Worker">{run.workerId ? <WorkerLink id={run.workerId} name={run.workerName} /> : "—"}</Fact>
          <Fact label="Attempt"><span data-testid="run-attempt">{attemptText(run)}</span></Fact>
          <Fact label="Dataset">{run.dataset ? <span className="font-mono">{run.dataset}</span> : "—"}</Fact>
          <Fact label="Scheduled"><TimeAgo at={run.createdAt} /></Fact>
          <Fact label="Waited">{formatDuration(waitedSeconds(run, now))}</Fact>
          <Fact label="Ran">{formatDuration(ranSeconds(run, now))}</Fact>
          <Fact label="Exit code">{run.exitCode ?? "—"}</Fact>
        </dl>
      </section>

      {run.state === "OPEN" && (
        <section aria-labelledby="explain-heading">
          <h2 id="explain-heading" className="mb-2 text-sm font-semibold text-slate-700">Why is it not picked up?</h2>
          <RunExplain runId={run.id} />
        </section>
      )}

      <div className="grid gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
        <section aria-labelledby="timeline-heading" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <h2 id="timeline-heading" className="mb-4 text-sm font-semibold text-slate-700">Timeline</h2>
          <RunTimeline events={run.events} />
        </section>
        <section aria-labelledby="logs-heading" className="min-w-0 space-y-4">
          <h2 id="logs-heading" className="text-sm font-semibold text-slate-700">Log</h2>
          <RunLogs runId={run.id} live={held} attempts={run.attempt} workers={attemptWorkers} />
          <details className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <summary className="cursor-pointer text-sm font-semibold text-slate-700">Config</summary>
            <pre className="mt-3 overflow-x-auto rounded-lg bg-slate-50 p-3 font-mono text-xs text-slate-800">{JSON.stringify(run.config, null, 2)}</pre>
          </details>
        </section>
      </div>
    </div>
  );
}
