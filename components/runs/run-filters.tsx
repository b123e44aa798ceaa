"use client";
import { useEffect, useState } from "react";
import { LabelChipInput } from "@/components/runs/label-chip-input";
import { TextInput } from "@/components/ui/field";
import { runStateWord } from "@/components/ui/state-badge";
import { useLabels } from "@/lib/client/hooks/use-labels";
import { useUrlFilters } from "@/lib/client/hooks/use-url-filters";
import { RUN_PRIORITIES, RunState } from "@/lib/contract/runs";

function Toggles({ name, options, selected, word }: { name: string; options: readonly string[]; selected: string[]; word: (v: string) => string }) {
  const filters = useUrlFilters();
  return (
    <div role="group" aria-label={`Filter by ${name}`} className="flex flex-wrap gap-1">
      {options.map((value) => {
        const on = selected.includes(value);
        return (
          <button
            key={value}
            type="button"
            aria-pressed={on}
            onClick={() => filters.set({ [name]: on ? selected.filter((s) => s !== value) : [...selected, value] })}
            className={`rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset ${on ? "bg-slate-900 text-white ring-slate-900" : "bg-white text-slate-600 ring-slate-300 hover:bg-slate-50"}`}
          >
            {word(value)}
          </button>
        );
      })}
    </div>
  );
}

export function RunFilters() {
  const filters = useUrlFilters();
  const labels = useLabels();
  const [q, setQ] = useState(filters.get("q") ?? "");
  const current = filters.get("q") ?? "";
  useEffect(() => {
    if (q === current) return;
    const timer = setTimeout(() => filters.set({ q: q || undefined }), 250);
    return () => clearTimeout(timer);
  }, [q, current, filters]);
  return (
    <div className="mb-4 space-y-3 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200">
      <div className="grid gap-3 md:grid-cols-[minmax(12rem,18rem)_1fr]">
        <TextInput aria-label="Search runs" type="search" placeholder="Search name, dataset or id…" value={q} onChange={(e) => setQ(e.target.value)} />
        <LabelChipInput id="run-label-filter" ariaLabel="Filter by runsOn labels" value={filters.getAll("label")} onChange={(label) => filters.set({ label })} suggestions={labels.data?.labels} placeholder="Filter by runsOn labels…" />
      </div>
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
        <Toggles name="state" options={RunState.options} selected={filters.getAll("state")} word={(v) => runStateWord(v as RunState)} />
        <Toggles name="priority" options={[...RUN_PRIORITIES].reverse()} selected={filters.getAll("priority")} word={(v) => v.charAt(0) + v.slice(1).toLowerCase()} />
      </div>
    </div>
  );
}
