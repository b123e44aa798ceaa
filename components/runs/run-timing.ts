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

/**
 * The attempt as people should read it. Only a lost worker (lease expired) re-queues a run, up
 * to maxAttempts; a failure (exit code other than 0) is final, so a failed run is never shown
 * as "Attempt 1 of 3" as if two more were coming.
 */
export function attemptText(run: Pick<Run, "state" | "attempt" | "maxAttempts">): string {
  if (run.attempt === 0) return "not started";
  switch (run.state) {
    case "FAILED":
      return `${run.attempt} · failures are not retried`;
    case "COMPLETED":
    case "CANCELED":
    case "ABORTED":
      return String(run.attempt);
    case "CRASHED":
      return `${run.attempt} of ${run.maxAttempts} · its worker was lost each time`;
    default:
      return `${run.attempt} of ${run.maxAttempts} if its worker is lost`;
  }
}
