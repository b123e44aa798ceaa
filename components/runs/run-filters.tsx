"use client";
import { LabelChipInput } from "@/components/runs/label-chip-input";
import { runStateWord } from "@/lib/domain/vocabulary";
import { UrlSearchInput, UrlToggles } from "@/components/ui/url-filters";
import { useLabels } from "@/lib/client/hooks/use-labels";
import { useUrlFilters } from "@/lib/client/hooks/use-url-filters";
import { RUN_PRIORITIES, RunState } from "@/lib/contract/runs";

export function RunFilters() {
  const filters = useUrlFilters();
  const labels = useLabels();
  return (
    <div className="mb-4 space-y-3 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200">
      <div className="grid gap-3 md:grid-cols-[minmax(12rem,18rem)_1fr]">
        <UrlSearchInput label="Search runs" placeholder="Search name, dataset or id…" />
        <LabelChipInput id="run-label-filter" ariaLabel="Filter by runsOn labels" value={filters.getAll("label")} onChange={(label) => filters.set({ label })} suggestions={labels.data?.labels} placeholder="Filter by runsOn labels…" />
      </div>
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
        <UrlToggles param="state" label="Filter by state" options={RunState.options} word={(v) => runStateWord(v as RunState)} />
        <UrlToggles param="priority" label="Filter by priority" options={[...RUN_PRIORITIES].reverse()} word={(v) => v.charAt(0) + v.slice(1).toLowerCase()} />
      </div>
    </div>
  );
}
