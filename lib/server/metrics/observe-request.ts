// What the API wrapper tells the process metrics about each request it answered: every route
// counts into the HTTP metrics; claims and reports also into their own (a report that claims
// its successor — complete-and-claim, batch reports with `next` — counts as a claim too).
import { api } from "@/lib/contract/api";
import type { Operation } from "@/lib/contract/operations";
import { processMetrics } from "@/lib/server/metrics/process-metrics";

export type RequestOutcome = {
  /** The caller's team; null when the request was refused before a token was read. */
  teamId: string | null;
  status: number;
  seconds: number;
  /** The validated request body and the success body, when there were any. */
  input?: unknown;
  output?: unknown;
};

const is = (op: Operation, other: Operation) => op.method === other.method && op.path === other.path;

export function observeRequest(op: Operation, outcome: RequestOutcome): void {
  const metrics = processMetrics();
  const team = outcome.teamId ?? "";
  metrics.httpRequests.inc({ team, method: op.method, route: op.path, status: String(outcome.status) });
  metrics.httpDuration.observe({ team, method: op.method, route: op.path }, outcome.seconds);
  if (!outcome.teamId || outcome.status >= 300) return;
  if (is(op, api.claimRuns)) {
    const taken = (outcome.output as { runs?: unknown[] } | undefined)?.runs?.length ?? 0;
    const result = taken > 0 ? "taken" : "empty";
    countClaim(team, taken);
    metrics.claimDuration.observe({ team, result }, outcome.seconds);
  } else if (is(op, api.reportRun)) {
    const state = (outcome.input as { state?: string } | undefined)?.state;
    metrics.reportDuration.observe({ team, report: state ?? "progress" }, outcome.seconds);
    countNext(team, outcome.output);
  } else if (is(op, api.reportRuns)) {
    metrics.reportDuration.observe({ team, report: "batch" }, outcome.seconds);
    countNext(team, outcome.output);
  }
}

function countClaim(team: string, taken: number) {
  const metrics = processMetrics();
  metrics.claims.inc({ team, result: taken > 0 ? "taken" : "empty" });
  if (taken > 0) metrics.claimedRuns.inc({ team }, taken);
}

/** A report that asked for `next` (complete-and-claim) was also a claim. */
function countNext(team: string, output: unknown) {
  const next = (output as { next?: unknown[] } | undefined)?.next;
  if (next) countClaim(team, next.length);
}
