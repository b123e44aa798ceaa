"use client";
import { useEffect, useMemo, useState } from "react";
import { LIVE_MS, dashboardClient } from "@/lib/client/dashboard";
import { LogBuffer } from "@/lib/client/log-lines";
import type { LogEntry } from "@/lib/contract/runs";

const PAGE = 5000;

/**
 * Tails a run's log: fetches what is new after the last line seen, while `live`, and once
 * more when it stops being live (the last lines of a run that just ended). Lines are kept
 * once each, in id order, all of them (the view renders only what is on screen).
 */
export function useRunLogs(id: string, live: boolean) {
  const buffer = useMemo(() => ({ id, logs: new LogBuffer() }), [id]);
  const [shown, setShown] = useState<{ id: string; lines: LogEntry[] }>({ id, lines: [] });
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    const { logs } = buffer;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        for (;;) {
          const page = await dashboardClient.getComputeWorkerRunLogs(id, { cursor: logs.after, limit: PAGE });
          if (stopped) return;
          if (logs.add(page.items, page.nextCursor) > 0) setShown({ id, lines: logs.lines.slice() });
          setError(null);
          if (page.items.length < PAGE) break;
        }
        setLoaded(true);
      } catch (e) {
        if (!stopped) setError((e as Error).message);
      }
      if (!stopped && live) timer = setTimeout(poll, LIVE_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, live, buffer]);
  return { lines: shown.id === id ? shown.lines : [], error, loaded };
}
