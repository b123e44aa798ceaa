"use client";
import { LabelChipInput } from "@/components/runs/label-chip-input";
import { UrlSearchInput, UrlToggles } from "@/components/ui/url-filters";
import { useLabels } from "@/lib/client/hooks/use-labels";
import { useUrlFilters } from "@/lib/client/hooks/use-url-filters";
import { WorkerState } from "@/lib/contract/workers";

const WORDS: Record<WorkerState, string> = { IDLE: "Idle", BUSY: "Busy", OFFLINE: "Offline", CRASHED: "Crashed" };

export function WorkerFilters() {
  const filters = useUrlFilters();
  const labels = useLabels();
  return (
    <div className="mb-4 grid gap-3 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200 md:grid-cols-[minmax(12rem,16rem)_1fr_auto] md:items-center">
      <UrlSearchInput label="Search by name" placeholder="Search by name…" />
      <LabelChipInput
        id="label-filter"
        ariaLabel="Filter by labels"
        value={filters.getAll("label")}
        onChange={(label) => filters.set({ label })}
        suggestions={labels.data?.labels.filter((l) => l.workers > 0)}
        placeholder="Filter by labels (workers having all of them)…"
      />
      <UrlToggles param="state" label="Filter by state" options={WorkerState.options} word={(v) => WORDS[v as WorkerState]} />
    </div>
  );
}
