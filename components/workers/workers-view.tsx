"use client";
// My Workers: the fleet, live. Filters are in the URL; the table refreshes every 1.5 s.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RegisterWorkerDialog } from "@/components/workers/register-worker-dialog";
import { WorkerFilters } from "@/components/workers/worker-filters";
import { WorkerTable } from "@/components/workers/worker-table";
import { useUrlFilters } from "@/lib/client/hooks/use-url-filters";
import { useWorkers } from "@/lib/client/hooks/use-workers";
import type { WorkerPage, WorkerState } from "@/lib/contract/workers";

export function WorkersView({ initial, isAdmin, origin, agentSha256 }: { initial: WorkerPage; isAdmin: boolean; origin: string; agentSha256: string | null }) {
  const filters = useUrlFilters();
  const query = {
    q: filters.get("q"),
    label: filters.getAll("label"),
    state: filters.getAll("state") as WorkerState[],
    cursor: filters.get("cursor"),
    limit: 50,
  };
  const isFiltered = Boolean(query.q || query.label.length || query.state.length);
  const { data, error, isFetching } = useWorkers(query, isFiltered || query.cursor ? undefined : initial);
  const [registering, setRegistering] = useState(false);
  const page = data ?? initial;
  return (
    <>
      <PageHeader
        title="My Workers"
        description="Machines that take runs whose runsOn labels they all have. A worker without labels takes every run."
        actions={isAdmin && <Button variant="primary" onClick={() => setRegistering(true)}>Register worker</Button>}
      />
      <WorkerFilters />
      {error && <p role="alert" className="mb-3 text-sm text-rose-700">Could not refresh: {error.message}. Retrying…</p>}
      {page.items.length === 0 ? (
        isFiltered ? (
          <EmptyState title="No workers match these filters" action={<Button onClick={() => filters.set({ q: undefined, label: undefined, state: undefined })}>Clear filters</Button>}>
            Try fewer labels, or another state.
          </EmptyState>
        ) : (
          <EmptyState title="No workers yet" action={isAdmin ? <Button variant="primary" onClick={() => setRegistering(true)}>Register a worker</Button> : undefined}>
            <p>Register a worker with the labels that describe its machine, then start its agent there. Or just start an agent without an id: it takes a <em>default worker</em> with no labels, which takes every run.</p>
            <pre className="palette-fixed mx-auto mt-4 max-w-xl whitespace-pre-wrap rounded-lg [overflow-wrap:anywhere] bg-slate-900 p-3 text-left text-xs text-slate-100">node runyard-agent.mjs worker start -- python train.py</pre>
          </EmptyState>
        )
      ) : (
        <WorkerTable workers={page.items} isAdmin={isAdmin} refreshing={isFetching} />
      )}
      {(page.nextCursor || query.cursor) && (
        <div className="mt-4 flex justify-end gap-2">
          {query.cursor && <Button size="sm" onClick={() => filters.set({ cursor: undefined })}>First page</Button>}
          {page.nextCursor && <Button size="sm" onClick={() => filters.set({ cursor: page.nextCursor ?? undefined })}>Next page →</Button>}
        </div>
      )}
      <RegisterWorkerDialog open={registering} onClose={() => setRegistering(false)} origin={origin} agentSha256={agentSha256} />
    </>
  );
}
