// What the API wrapper tells the process metrics about each request it answered: every route
// counts into the HTTP metrics; claims and reports also into their own.
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

const isClaim = (op: Operation) => op.method === api.claimRuns.method && op.path === api.claimRuns.path;
const isReport = (op: Operation) => op.method === api.reportRun.method && op.path === api.reportRun.path;

export function observeRequest(op: Operation, outcome: RequestOutcome): void {
  const metrics = processMetrics();
  const team = outcome.teamId ?? "";
  metrics.httpRequests.inc({ team, method: op.method, route: op.path, status: String(outcome.status) });
  metrics.httpDuration.observe({ team, method: op.method, route: op.path }, outcome.seconds);
  if (!outcome.teamId || outcome.status >= 300) return;
  if (isClaim(op)) {
    const taken = (outcome.output as { runs?: unknown[] } | undefined)?.runs?.length ?? 0;
    const result = taken > 0 ? "taken" : "empty";
    metrics.claims.inc({ team, result });
    if (taken > 0) metrics.claimedRuns.inc({ team }, taken);
    metrics.claimDuration.observe({ team, result }, outcome.seconds);
  } else if (isReport(op)) {
    const state = (outcome.input as { state?: string } | undefined)?.state;
    metrics.reportDuration.observe({ team, report: state ?? "progress" }, outcome.seconds);
  }
}
