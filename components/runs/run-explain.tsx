"use client";
// Why is this run not picked up? Counts every worker under the first reason that rules it out.
import Link from "next/link";
import { useRunExplain } from "@/lib/client/hooks/use-run-explain";

export function RunExplain({ runId }: { runId: string }) {
  const { data } = useRunExplain(runId, true);
  if (!data) return <div className="h-20 animate-pulse rounded-xl bg-slate-100" />;
  const { workers } = data;
  const rows = [
    ...workers.lacking.map((l) => ({ label: `lack ${l.labels.join(", ")}`, count: l.count, tone: "text-rose-700" })),
    { label: "offline", count: workers.offline, tone: "text-slate-600" },
    { label: "busy (no free slot)", count: workers.busy, tone: "text-sky-700" },
    { label: "draining", count: workers.draining, tone: "text-amber-700" },
    { label: "can take it now", count: workers.available, tone: "text-emerald-700" },
  ];
  return (
    <div data-testid="explain" className={`rounded-xl border p-4 ${data.pickable ? "border-emerald-200 bg-emerald-50" : "border-amber-200 bg-amber-50"}`}>
      <p className="font-semibold text-slate-900">{data.summary}</p>
      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-3">
        {rows.map((row) => (
          <div key={row.label} className="flex items-baseline gap-1.5">
            <dt className={`tabular-nums font-semibold ${row.tone}`}>{row.count}</dt>
            <dd className="text-slate-600">{row.label}</dd>
          </div>
        ))}
      </dl>
      {data.waitingBehind && (
        <p className="mt-3 text-sm text-slate-700">
          Waits behind <Link className="font-medium text-indigo-700 hover:underline" href={`/runs/${data.waitingBehind.id}`}>{data.waitingBehind.name ?? data.waitingBehind.id.slice(0, 8)}</Link> ({data.waitingBehind.state.toLowerCase()}), which holds the same dataset.
        </p>
      )}
      {data.hints.filter((h) => !h.startsWith("It waits behind")).map((hint) => <p key={hint} className="mt-1 text-sm text-slate-700">{hint}</p>)}
    </div>
  );
}
