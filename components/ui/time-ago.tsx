"use client";
// "4 s ago", kept current. Server and first client render agree (no hydration warnings) by
// rendering the absolute time until mounted.
import { useSyncExternalStore } from "react";

export function formatAgo(ms: number): string {
  if (ms < -1000) return `in ${formatAgo(-ms).replace(" ago", "")}`;
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null) return "—";
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

const subscribeToClock = (tick: () => void) => {
  const timer = setInterval(tick, 1000);
  return () => clearInterval(timer);
};
// Whole seconds, so consecutive reads within a second agree (a stable snapshot).
const readClock = () => Math.floor(Date.now() / 1000) * 1000;

/** The current time, ticking each second; null while rendering on the server. */
export function useNow(): number | null {
  return useSyncExternalStore(subscribeToClock, readClock, () => null);
}

export function TimeAgo({ at, never = "never" }: { at: string | null; never?: string }) {
  const now = useNow();
  if (!at) return <span className="text-slate-500">{never}</span>;
  const date = new Date(at);
  return (
    <time dateTime={at} title={date.toLocaleString()}>
      {now === null ? date.toISOString().slice(11, 19) : formatAgo(now - date.getTime())}
    </time>
  );
}
