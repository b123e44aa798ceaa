"use client";
// Live answer to "who could take this?" as the runsOn chips change.
import { WorkerStateBadge } from "@/components/ui/state-badge";
import { useMatchPreview } from "@/lib/client/hooks/use-match-preview";

/** `onUseLabel(wanted, has)`: one-click fix for a case mismatch ("did you mean gpu?"). */
export function MatchPreview({ runsOn, onUseLabel }: { runsOn: string[]; onUseLabel?: (wanted: string, has: string) => void }) {
  const { data, isPending, error } = useMatchPreview(runsOn);
  if (isPending) return <div className="h-24 animate-pulse rounded-xl bg-slate-100" aria-label="Checking which workers can take this" />;
  if (error || !data) return <p className="text-sm text-rose-700">Could not check workers: {error?.message}</p>;
  const { counts, eligible, closest, hints } = data;
  if (counts.eligible === 0) {
    return (
      <div data-testid="match-preview" data-eligible={0} className="rounded-xl border border-rose-200 bg-rose-50 p-4">
        <p className="font-semibold text-rose-800">{counts.workers === 0 ? "No workers are registered yet" : "No worker can take this run"}</p>
        {closest && (
          <p className="mt-1 text-sm text-rose-700">
            Closest: <strong>{closest.worker.name}</strong>, which lacks{" "}
            {closest.missing.map((label) => <code key={label} className="mx-0.5 rounded bg-white px-1 font-mono text-xs ring-1 ring-rose-200">{label}</code>)}.
          </p>
        )}
        {!closest && counts.workers > 0 && (
          <p className="mt-1 text-sm text-rose-700" data-testid="no-worker-has">
            No worker has {runsOn.length === 1 ? "the label" : "any of the labels"}{" "}
            {runsOn.map((label) => <code key={label} className="mx-0.5 rounded bg-white px-1 font-mono text-xs ring-1 ring-rose-200">{label}</code>)}.
          </p>
        )}
        {closest?.caseMismatches.map((m) => (
          <p key={m.wanted} className="mt-2 flex flex-wrap items-center gap-2 rounded-md bg-white p-2 text-sm text-rose-800 ring-1 ring-rose-200">
            <span>Labels are case-sensitive: you asked for <code className="font-mono">{m.wanted}</code>, the worker has <code className="font-mono">{m.has}</code>.</span>
            {onUseLabel && (
              <button type="button" onClick={() => onUseLabel(m.wanted, m.has)} className="rounded-md bg-rose-700 px-2 py-0.5 text-xs font-medium text-white hover:bg-rose-800">
                Use {m.has}
              </button>
            )}
          </p>
        ))}
        <p className="mt-2 text-xs text-rose-700">You can still schedule it: it waits until a worker with these labels is registered.</p>
      </div>
    );
  }
  const idle = counts.idle;
  return (
    <div data-testid="match-preview" data-eligible={counts.eligible} className={`rounded-xl border p-4 ${counts.online > 0 ? "border-emerald-200 bg-emerald-50" : "border-amber-200 bg-amber-50"}`}>
      <p className={`font-semibold ${counts.online > 0 ? "text-emerald-800" : "text-amber-800"}`}>
        {counts.eligible} worker{counts.eligible === 1 ? "" : "s"} can take this ({idle} idle)
      </p>
      {hints.map((hint) => <p key={hint} className="mt-1 text-sm text-amber-800">{hint}</p>)}
      <ul className="mt-3 space-y-1.5">
        {eligible.slice(0, 6).map((w) => (
          <li key={w.id} className="flex items-center justify-between gap-2 text-sm">
            <span className="truncate text-slate-800">{w.name}{w.labels.length === 0 && <span className="ml-1 text-xs text-slate-500">(takes every run)</span>}</span>
            <WorkerStateBadge state={w.state} draining={w.draining} />
          </li>
        ))}
        {eligible.length > 6 && <li className="text-xs text-slate-500">and {eligible.length - 6} more</li>}
      </ul>
    </div>
  );
}
