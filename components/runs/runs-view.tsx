"use client";
// Runs: the queue and its history, live, with filters in the URL.
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RunFilters } from "@/components/runs/run-filters";
import { RunTable } from "@/components/runs/run-table";
import { useRuns } from "@/lib/client/hooks/use-runs";
import { useUrlFilters } from "@/lib/client/hooks/use-url-filters";
import type { RunPage, RunPriority, RunState } from "@/lib/contract/runs";

export function RunsView({ initial }: { initial: RunPage }) {
  const filters = useUrlFilters();
  const query = {
    state: filters.getAll("state") as RunState[],
    priority: filters.getAll("priority") as RunPriority[],
    label: filters.getAll("label"),
    q: filters.get("q"),
    cursor: filters.get("cursor"),
    limit: 50,
  };
  const isFiltered = Boolean(query.state.length || query.priority.length || query.label.length || query.q);
  const { data, error } = useRuns(query, isFiltered || query.cursor ? undefined : initial);
  const page = data ?? initial;
  return (
    <>
      <PageHeader
        title="Runs"
        description="The queue and its history. Runs are picked up by priority, then oldest first, by workers with every label they need."
        actions={<Link href="/runs/new" className="inline-flex items-center rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500">Schedule run</Link>}
      />
      <RunFilters />
      {error && <p role="alert" className="mb-3 text-sm text-rose-700">Could not refresh: {error.message}. Retrying…</p>}
      {page.items.length === 0 ? (
        isFiltered ? (
          <EmptyState title="No runs match these filters" action={<Button onClick={() => filters.set({ state: undefined, priority: undefined, label: undefined, q: undefined })}>Clear filters</Button>}>
            Try another state or fewer labels.
          </EmptyState>
        ) : (
          <EmptyState title="No runs yet" action={<Link href="/runs/new" className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500">Schedule the first run</Link>}>
            Schedule a run here, or from a script: <code className="rounded bg-slate-100 px-1">npx runyard runs schedule --runs-on gpu --config config.json</code>
          </EmptyState>
        )
      ) : (
        <RunTable runs={page.items} />
      )}
      {(page.nextCursor || query.cursor) && (
        <div className="mt-4 flex justify-end gap-2">
          {query.cursor && <Button size="sm" onClick={() => filters.set({ cursor: undefined })}>Newest</Button>}
          {page.nextCursor && <Button size="sm" onClick={() => filters.set({ cursor: page.nextCursor ?? undefined })}>Older →</Button>}
        </div>
      )}
    </>
  );
}
