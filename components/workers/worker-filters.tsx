"use client";
import { useEffect, useState } from "react";
import { LabelChipInput } from "@/components/runs/label-chip-input";
import { TextInput } from "@/components/ui/field";
import { useLabels } from "@/lib/client/hooks/use-labels";
import { useUrlFilters } from "@/lib/client/hooks/use-url-filters";
import { WORKER_STATE_OPTIONS } from "@/components/workers/worker-states";

export function WorkerFilters() {
  const filters = useUrlFilters();
  const labels = useLabels();
  const [q, setQ] = useState(filters.get("q") ?? "");
  const states = filters.getAll("state");
  const current = filters.get("q") ?? "";
  useEffect(() => {
    if (q === current) return;
    const timer = setTimeout(() => filters.set({ q: q || undefined }), 250);
    return () => clearTimeout(timer);
  }, [q, current, filters]);
  return (
    <div className="mb-4 grid gap-3 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200 md:grid-cols-[minmax(12rem,16rem)_1fr_auto] md:items-center">
      <TextInput aria-label="Search by name" placeholder="Search by name…" value={q} onChange={(e) => setQ(e.target.value)} type="search" />
      <LabelChipInput
        id="label-filter"
        ariaLabel="Filter by labels"
        value={filters.getAll("label")}
        onChange={(label) => filters.set({ label })}
        suggestions={labels.data?.labels.filter((l) => l.workers > 0)}
        placeholder="Filter by labels (workers having all of them)…"
      />
      <div role="group" aria-label="Filter by state" className="flex flex-wrap gap-1">
        {WORKER_STATE_OPTIONS.map((option) => {
          const on = states.includes(option.value);
          return (
            <button
              key={option.value}
              type="button"
              aria-pressed={on}
              onClick={() => filters.set({ state: on ? states.filter((s) => s !== option.value) : [...states, option.value] })}
              className={`rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset ${on ? "bg-slate-900 text-white ring-slate-900" : "bg-white text-slate-600 ring-slate-300 hover:bg-slate-50"}`}
            >
              {option.label}
            </button>
          );
        })}
      </div>
    </div>
  );
}
