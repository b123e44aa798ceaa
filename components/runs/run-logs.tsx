"use client";
// The run's log, tailed live while the run is held; stderr lines are marked.
import { useEffect, useRef, useState } from "react";
import { useRunLogs } from "@/lib/client/hooks/use-run-logs";

export function RunLogs({ runId, live }: { runId: string; live: boolean }) {
  const { lines, error } = useRunLogs(runId, live);
  const box = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  useEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines, follow]);
  return (
    <div className="palette-fixed overflow-hidden rounded-xl bg-slate-950 ring-1 ring-slate-800">
      <div className="flex items-center justify-between border-b border-slate-800 px-4 py-2 text-xs text-slate-400">
        <span className="flex items-center gap-2">
          {live && <span className="h-2 w-2 animate-pulse rounded-full bg-emerald-400" aria-hidden />}
          {live ? "Live" : "Log"} · {lines.length} line{lines.length === 1 ? "" : "s"}
        </span>
        <label className="flex items-center gap-1.5"><input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} className="accent-indigo-500" /> Follow</label>
      </div>
      <div ref={box} data-testid="run-logs" tabIndex={0} role="region" aria-label="Run log" className={`${lines.length === 0 && !live ? "h-20" : "h-80"} overflow-auto p-4 font-mono text-xs leading-relaxed focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-400`}>
        {lines.length === 0 ? (
          <p className="text-slate-400">{error ? `Could not read the log: ${error}` : live ? "Waiting for output…" : "No output."}</p>
        ) : (
          lines.map((line) => (
            <div key={line.id} className={`whitespace-pre-wrap break-all ${line.stream === "stderr" ? "text-rose-300" : "text-slate-200"}`}>
              {line.line || "\u00a0"}
            </div>
          ))
        )}
      </div>
    </div>
  );
}
