export function ProgressBar({ value, tone = "indigo", label }: { value: number; tone?: "indigo" | "emerald" | "rose" | "slate"; label?: string }) {
  const colors = { indigo: "bg-indigo-500", emerald: "bg-emerald-500", rose: "bg-rose-500", slate: "bg-slate-400" };
  const clamped = Math.max(0, Math.min(100, value));
  return (
    <div className="flex items-center gap-2" role="progressbar" aria-valuenow={clamped} aria-valuemin={0} aria-valuemax={100} aria-label={label ?? "progress"}>
      <div className="h-1.5 w-full min-w-16 overflow-hidden rounded-full bg-slate-200">
        <div className={`h-full rounded-full transition-[width] duration-500 ${colors[tone]}`} style={{ width: `${clamped}%` }} />
      </div>
      <span className="w-9 text-right text-xs tabular-nums text-slate-600">{clamped}%</span>
    </div>
  );
}
