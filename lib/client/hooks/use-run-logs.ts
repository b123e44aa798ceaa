"use client";
import { useEffect, useRef, useState } from "react";
import { LIVE_MS, dashboardClient } from "@/lib/client/dashboard";
import type { LogEntry } from "@/lib/contract/runs";

const MAX_LINES = 5000;

/** Tails a run's log: fetches what is new after the last line seen, while `live`. */
export function useRunLogs(id: string, live: boolean) {
  const [lines, setLines] = useState<LogEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const cursor = useRef<string | undefined>(undefined);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        for (;;) {
          const page = await dashboardClient.getComputeWorkerRunLogs(id, { cursor: cursor.current, limit: 1000 });
          if (stopped) return;
          if (page.items.length > 0) setLines((old) => [...old, ...page.items].slice(-MAX_LINES));
          cursor.current = page.nextCursor ?? cursor.current;
          setError(null);
          if (page.items.length < 1000) break;
        }
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
  }, [id, live]);
  return { lines, error };
}
