"use client";
// The run's log, tailed live while the run is held; stderr lines are marked, attempts divided.
// Only the rows on screen are rendered (fixed row height), so 100,000 lines scroll smoothly.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useRunLogs } from "@/lib/client/hooks/use-run-logs";
import { logRows } from "@/lib/client/log-lines";

/** Pixel height of one row: `text-xs` with `leading-5`, lines never wrap (the view scrolls sideways). */
const ROW = 20;
const OVERSCAN = 20;
const PAD = 16;
const NO_WORKERS: ReadonlyMap<number, string> = new Map();

export function RunLogs({ runId, live, attempts = 1, workers = NO_WORKERS }: { runId: string; live: boolean; attempts?: number; workers?: ReadonlyMap<number, string> }) {
  const { lines, error, loaded } = useRunLogs(runId, live);
  const rows = useMemo(() => logRows(lines, workers, attempts), [lines, workers, attempts]);
  const box = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const [view, setView] = useState({ top: 0, height: 320 });
  const programmatic = useRef(false);

  const toEnd = useCallback(() => {
    const el = box.current;
    if (!el) return;
    programmatic.current = true;
    el.scrollTop = el.scrollHeight;
    setView({ top: el.scrollTop, height: el.clientHeight });
  }, []);

  useLayoutEffect(() => {
    if (follow) toEnd();
  }, [rows, follow, toEnd]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setView({ top: el.scrollTop, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const el = box.current!;
    setView({ top: el.scrollTop, height: el.clientHeight });
    if (programmatic.current) {
      programmatic.current = false;
      return;
    }
    // Scrolling up stops following; scrolling back to the end starts it again.
    setFollow(el.scrollTop + el.clientHeight >= el.scrollHeight - ROW * 2);
  };

  const first = Math.max(0, Math.floor((view.top - PAD) / ROW) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((view.top - PAD + view.height) / ROW) + OVERSCAN);
  const visible = rows.slice(first, last);
  const empty = lines.length === 0;

  return (
    <div className="palette-fixed overflow-hidden rounded-xl bg-slate-950 ring-1 ring-slate-800">
      <div className="flex items-center justify-between gap-3 border-b border-slate-800 px-4 py-2 text-xs text-slate-300">
        <span className="flex items-center gap-2" data-testid="run-logs-count">
          {live && <span className="h-2 w-2 animate-pulse rounded-full bg-emerald-400" aria-hidden />}
          {live ? "Live" : "Log"} · {lines.length.toLocaleString("en-US")} line{lines.length === 1 ? "" : "s"}
        </span>
        <span className="flex items-center gap-3">
          <label className="flex items-center gap-1.5"><input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} className="accent-indigo-500" /> Follow</label>
          <button type="button" onClick={() => { setFollow(true); toEnd(); }} disabled={empty} className="rounded px-2 py-0.5 font-medium text-slate-200 ring-1 ring-slate-700 hover:bg-slate-800 disabled:opacity-50">
            Jump to end
          </button>
        </span>
      </div>
      <div
        ref={box}
        onScroll={onScroll}
        tabIndex={0}
        role="region"
        aria-label="Run log"
        data-testid="run-logs"
        data-rows={rows.length}
        className={`${empty && !live ? "h-20" : "h-80"} overflow-auto font-mono text-xs leading-5 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-400`}
        style={{ padding: PAD }}
      >
        {empty ? (
          <p className="text-slate-400">{error ? `Could not read the log: ${error}` : !loaded ? "Loading the log…" : live ? "Waiting for output…" : "No output."}</p>
        ) : (
          <div className="w-max min-w-full">
            <div style={{ height: first * ROW }} aria-hidden />
            {visible.map((row, i) =>
              row.kind === "attempt" ? (
                <div key={row.key} data-row={first + i} data-testid="log-attempt" className="flex h-5 items-center gap-2 text-[11px] font-semibold uppercase tracking-wide text-amber-300">
                  <span aria-hidden className="h-px w-4 bg-amber-300/40" />
                  Attempt {row.attempt}{row.worker ? ` on ${row.worker}` : ""}
                  <span aria-hidden className="h-px w-16 bg-amber-300/40" />
                </div>
              ) : (
                <div key={row.key} data-row={first + i} data-line-id={row.entry.id} className={`h-5 whitespace-pre ${row.entry.stream === "stderr" ? "text-rose-300" : "text-slate-200"}`}>
                  {row.entry.line || "\u00a0"}
                </div>
              ),
            )}
            <div style={{ height: (rows.length - last) * ROW }} aria-hidden />
          </div>
        )}
      </div>
    </div>
  );
}
