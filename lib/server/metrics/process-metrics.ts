// Counters and histograms of things that happen inside this app instance: HTTP requests,
// claims, reports, lease expiries found by this instance's sweep, webhook attempts made by
// this instance's delivery loop. They are per instance by nature: with several instances,
// sum them in PromQL (docs/integrations.md). Series carry the team's id in `team`; a scrape
// shows only the caller's team (metric-families.ts → teamView). Kept on globalThis because
// Next loads instrumentation.ts and the route handlers as separate module graphs.
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

function create() {
  // Process metrics (CPU, memory, event loop lag) in their standard names, without team.
  const runtime = new Registry();
  collectDefaultMetrics({ register: runtime });
  const teamMetrics = new Registry();
  const registers = [teamMetrics];
  return {
    runtime,
    teamMetrics,
    httpRequests: new Counter({
      name: "runyard_http_requests_total", help: "API requests answered by this instance, by route and status", labelNames: ["team", "method", "route", "status"], registers,
    }),
    httpDuration: new Histogram({
      name: "runyard_http_request_duration_seconds", help: "Time to answer API requests on this instance (long-polls included)", labelNames: ["team", "method", "route"], buckets: LATENCY_BUCKETS, registers,
    }),
    claims: new Counter({
      name: "runyard_claims_total", help: "Claim requests answered by this instance: taken (≥ 1 run handed out) or empty", labelNames: ["team", "result"], registers,
    }),
    claimTransactions: new Counter({
      name: "runyard_claim_transactions_total", help: "Claim transactions (looks at the queue) run by this instance; a long-poll that waits on LISTEN/NOTIFY runs none while it waits", labelNames: ["team"], registers,
    }),
    claimedRuns: new Counter({ name: "runyard_claimed_runs_total", help: "Runs handed out by claims on this instance", labelNames: ["team"], registers }),
    claimDuration: new Histogram({
      name: "runyard_claim_duration_seconds", help: "Time to answer a claim on this instance; a long-poll that finds nothing lasts its waitSeconds", labelNames: ["team", "result"], buckets: LATENCY_BUCKETS, registers,
    }),
    reportDuration: new Histogram({
      name: "runyard_report_duration_seconds", help: "Time to answer a worker's report on a run on this instance, by what it reported", labelNames: ["team", "report"], buckets: LATENCY_BUCKETS, registers,
    }),
    leaseExpiries: new Counter({
      name: "runyard_lease_expiries_total", help: "Held runs whose lease ran out, found by this instance's sweep: requeued, crashed (attempts used up) or aborted", labelNames: ["team", "result"], registers,
    }),
    webhookAttempts: new Counter({
      name: "runyard_webhook_deliveries_total", help: "Webhook delivery attempts made by this instance, by result", labelNames: ["team", "event", "result"], registers,
    }),
  };
}

export type ProcessMetrics = ReturnType<typeof create>;
const cache = globalThis as unknown as { runyardProcessMetrics?: ProcessMetrics };

export function processMetrics(): ProcessMetrics {
  cache.runyardProcessMetrics ??= create();
  return cache.runyardProcessMetrics;
}

export type LeaseExpiry = { team_id: string; state: "OPEN" | "CRASHED" | "ABORTED" };

/** Called by the lease sweep with the runs it expired. */
export function recordLeaseExpiries(rows: readonly LeaseExpiry[]): void {
  const { leaseExpiries } = processMetrics();
  for (const row of rows) leaseExpiries.inc({ team: row.team_id, result: row.state === "OPEN" ? "requeued" : row.state === "CRASHED" ? "crashed" : "aborted" });
}
