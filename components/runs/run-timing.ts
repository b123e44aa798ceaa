import type { Run } from "@/lib/contract/runs";

/** Seconds from `from` to `to`, or to `now` when still open (null before the clock is known). */
function seconds(from: string | null, to: string | null, now: number | null): number | null {
  if (!from) return null;
  const end = to ? new Date(to).getTime() : now;
  return end === null ? null : (end - new Date(from).getTime()) / 1000;
}

/** How long the run waited to be picked up (still waiting: until now). */
export const waitedSeconds = (run: Run, now: number | null) =>
  run.state === "CANCELED" && !run.claimedAt ? seconds(run.createdAt, run.finishedAt, now) : seconds(run.createdAt, run.claimedAt, now);

/** How long it has run (still running: until now). */
export const ranSeconds = (run: Run, now: number | null) => seconds(run.startedAt ?? null, run.finishedAt, now);
