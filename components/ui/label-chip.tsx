import type { ReactNode } from "react";

/** A label shown as a fixed chip: labels never change, so chips here have no edit affordance. */
export function LabelChip({ children, tone = "slate" }: { children: ReactNode; tone?: "slate" | "indigo" | "amber" }) {
  const tones = {
    slate: "bg-slate-100 text-slate-700 ring-slate-200",
    indigo: "bg-indigo-50 text-indigo-700 ring-indigo-200",
    amber: "bg-amber-50 text-amber-800 ring-amber-200",
  };
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-md px-2 py-0.5 font-mono text-xs ring-1 ring-inset ${tones[tone]}`}>
      {children}
    </span>
  );
}

export function LabelChips({ labels, emptyText = "no labels — takes every run" }: { labels: readonly string[]; emptyText?: string }) {
  if (labels.length === 0) return <span className="text-xs italic text-slate-500">{emptyText}</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {labels.map((label) => (
        <LabelChip key={label}>{label}</LabelChip>
      ))}
    </span>
  );
}
