"use client";
// Overview: the queue per label set with the workers that could serve it, and the last hour.
import Link from "next/link";
import { SeriesChart } from "@/components/overview/series-chart";
import { EmptyState } from "@/components/ui/empty-state";
import { LabelChips } from "@/components/ui/label-chip";
import { PageHeader } from "@/components/ui/page-header";
import { Button } from "@/components/ui/button";
import { TimeAgo, formatDuration } from "@/components/ui/time-ago";
import { WorkerLink } from "@/components/workers/worker-link";
import { useWorkerAction } from "@/lib/client/hooks/use-worker-action";
import { useOverview } from "@/lib/client/hooks/use-overview";
import type { Overview } from "@/lib/contract/overview";

function Stat({ label, value, detail, tone = "text-slate-900", href }: { label: string; value: number | string; detail?: string; tone?: string; href?: string }) {
  const body = (
    <>
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className={`mt-1 text-2xl font-semibold tabular-nums ${tone}`}>{value}</div>
      {detail && <div className="mt-0.5 text-xs text-slate-500">{detail}</div>}
    </>
  );
  const className = "rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200";
  return href ? <Link href={href} className={`${className} hover:ring-indigo-300`}>{body}</Link> : <div className={className}>{body}</div>;
}

/** "Live" only while refreshes succeed: when the server cannot be reached the numbers are stale, and say so. */
function Freshness({ error, updatedAt }: { error: Error | null; updatedAt: number }) {
  if (!error) return <span data-testid="overview-freshness" className="inline-flex items-center gap-1.5"><span aria-hidden className="h-2 w-2 rounded-full bg-emerald-500" />live</span>;
  return (
    <span data-testid="overview-freshness" role="status" className="inline-flex items-center gap-1.5 font-medium text-amber-800">
      <span aria-hidden className="h-2 w-2 rounded-full bg-amber-500" />
      stale — the server cannot be reached (numbers from <TimeAgo at={new Date(updatedAt).toISOString()} />); retrying…
    </span>
  );
}

function FailingWorkers({ workers, isAdmin }: { workers: Overview["failingWorkers"]; isAdmin: boolean }) {
  const action = useWorkerAction();
  if (workers.length === 0) return null;
  return (
    <div role="alert" data-testid="failing-workers" className="mt-3 rounded-lg bg-rose-50 px-4 py-3 text-sm text-rose-800 ring-1 ring-rose-200">
      <p className="font-medium">{workers.length === 1 ? "A worker is failing every run it takes" : `${workers.length} workers are failing every run they take`}:</p>
      <ul className="mt-2 space-y-1.5">
        {workers.map((w) => (
          <li key={w.id} className="flex flex-wrap items-center gap-2">
            <WorkerLink id={w.id} name={w.name} className="text-rose-900 underline" />
            <span>failed its last {w.failureStreak} runs{w.draining ? " · drained" : ""}</span>
            {isAdmin && !w.draining && (
              <Button size="sm" disabled={action.isPending} onClick={() => action.mutate({ id: w.id, action: "drain" })}>Drain {w.name}</Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function OverviewView({ initial, isAdmin = false }: { initial: Overview; isAdmin?: boolean }) {
  const { data, error, dataUpdatedAt } = useOverview(initial);
  const overview = data ?? initial;
  const { totals, labelSets, series } = overview;
  const w = totals.workers;
  if (w.total === 0 && labelSets.length === 0 && totals.completedLastHour === 0) {
    return (
      <>
        <PageHeader title="Overview" />
        <EmptyState title="Nothing here yet — two steps to a first run">
          <ol className="mx-auto mt-2 max-w-lg space-y-3 text-left">
            <li><strong>1. Start a worker</strong> on a machine: <code className="rounded bg-slate-100 px-1">npx runyard worker start -- python train.py</code> (or register one with labels on <Link className="text-indigo-700 underline" href="/workers">My Workers</Link>).</li>
            <li><strong>2. Schedule a run</strong> for it on <Link className="text-indigo-700 underline" href="/runs/new">Schedule run</Link>, or with <code className="rounded bg-slate-100 px-1">npx runyard runs schedule</code>.</li>
          </ol>
        </EmptyState>
      </>
    );
  }
  const times = series.map((p) => p.at);
  return (
    <>
      <PageHeader title="Overview" description={<>The queue by label set and the last hour · <Freshness error={error} updatedAt={dataUpdatedAt} /></>} />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <Stat label="Queued" value={totals.queued} href="/runs?state=OPEN" tone={totals.queued > 0 ? "text-amber-600" : undefined} />
        <Stat label="Running" value={totals.running} href="/runs?state=RUNNING&state=LOCKED" tone="text-indigo-600" />
        <Stat label="Workers online" value={w.idle + w.busy} detail={`${w.idle} idle · ${w.busy} busy · ${w.offline} offline${w.crashed > 0 ? ` · ${w.crashed} crashed` : ""}`} href="/workers" />
        <Stat label="Completed (1 h)" value={totals.completedLastHour} tone="text-emerald-600" href="/runs?state=COMPLETED" />
        <Stat label="Failed (1 h)" value={totals.failedLastHour} tone={totals.failedLastHour > 0 ? "text-rose-700" : undefined} href="/runs?state=FAILED&state=CRASHED" />
      </div>
      <FailingWorkers workers={overview.failingWorkers} isAdmin={isAdmin} />
      {w.crashed > 0 && (
        <p role="alert" className="mt-3 rounded-lg bg-rose-50 px-4 py-2 text-sm text-rose-800 ring-1 ring-rose-200">
          {w.crashed} worker{w.crashed === 1 ? "" : "s"} crashed while holding runs (those runs went back to the queue). <Link className="font-medium underline" href="/workers?state=CRASHED">See which</Link>
        </p>
      )}
      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        <SeriesChart title="Queue depth" times={times} series={[{ name: "queued", color: "#d97706", values: series.map((p) => p.queued), area: true }]} />
        <SeriesChart
          title="Wait until picked up"
          times={times}
          format={(v) => formatDuration(v)}
          axisFormat={(v) => (v < 60 ? `${Math.round(v)} s` : v < 3600 ? `${Math.round(v / 60)} min` : `${Math.round(v / 3600)} h`)}
          series={[
            { name: "p50", color: "#4f46e5", values: series.map((p) => p.waitP50S) },
            { name: "p95", color: "#e11d48", values: series.map((p) => p.waitP95S) },
          ]}
        />
      </div>
      <section className="mt-6" aria-labelledby="sets-heading">
        <h2 id="sets-heading" className="mb-2 text-sm font-semibold text-slate-700">Queue by label set</h2>
        {labelSets.length === 0 ? (
          <p className="rounded-xl bg-white p-6 text-sm text-slate-500 shadow-sm ring-1 ring-slate-200">Nothing queued or running, and nothing picked up in the last hour.</p>
        ) : (
          <div className="table-cards overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-3">Runs on</th>
                  <th scope="col" className="px-4 py-3 text-right">Queued</th>
                  <th scope="col" className="px-4 py-3 text-right">Running</th>
                  <th scope="col" className="px-4 py-3">Workers that can take them</th>
                  <th scope="col" className="px-4 py-3 text-right">Wait p50</th>
                  <th scope="col" className="px-4 py-3 text-right">Wait p95</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {labelSets.map((set) => {
                  const eligible = set.workers.idle + set.workers.busy + set.workers.drained + set.workers.offline + set.workers.crashed;
                  return (
                    <tr key={set.runsOn.join(",")} data-testid="label-set-row">
                      <td className="px-4 py-3"><LabelChips labels={set.runsOn} emptyText="any worker" /></td>
                      <td data-label="Queued" className={`px-4 py-3 text-right tabular-nums ${set.queued > 0 ? "font-semibold text-amber-700" : "text-slate-500"}`}>
                        <Link href={`/runs?state=OPEN${set.runsOn.map((l) => `&label=${encodeURIComponent(l)}`).join("")}`} className="hover:underline">{set.queued}</Link>
                      </td>
                      <td data-label="Running" className="px-4 py-3 text-right tabular-nums text-slate-700">{set.running}</td>
                      <td data-label="Workers" className="px-4 py-3">
                        {eligible === 0 ? (
                          <span className="font-medium text-rose-700">none registered</span>
                        ) : (
                          <span className="flex gap-3 text-xs">
                            <span><strong className="tabular-nums text-emerald-700">{set.workers.idle}</strong> idle</span>
                            <span><strong className="tabular-nums text-sky-700">{set.workers.busy}</strong> busy</span>
                            {set.workers.drained > 0 && <span><strong className="tabular-nums text-amber-700">{set.workers.drained}</strong> drained</span>}
                            <span><strong className="tabular-nums text-slate-500">{set.workers.offline}</strong> offline</span>
                            {set.workers.crashed > 0 && <span><strong className="tabular-nums text-rose-700">{set.workers.crashed}</strong> crashed</span>}
                          </span>
                        )}
                      </td>
                      <td data-label="Wait p50" className="px-4 py-3 text-right tabular-nums text-slate-700">{formatDuration(set.waitP50S)}</td>
                      <td data-label="Wait p95" className="px-4 py-3 text-right tabular-nums text-slate-700">{formatDuration(set.waitP95S)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
