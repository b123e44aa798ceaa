// GET /metrics: the caller's team in the Prometheus text format. Queue, fleet and finished-run
// series come from the database (the same on every instance: Prometheus may scrape any or all
// of them); request, claim, report, lease-expiry and webhook-attempt counters are this
// instance's own (sum them over instances in PromQL). docs/integrations.md lists every series.
import { Registry } from "prom-client";
import { pool } from "@/lib/db/pool";
import { env } from "@/lib/env";
import { canTake } from "@/lib/domain/matching";
import { loadFleet, type FleetWorker } from "@/lib/server/matching/match-workers";
import { finishedRunTotals, emptySetTotals, addSetTotals, DURATION_BUCKETS, WAIT_BUCKETS, type SetTotals } from "@/lib/server/metrics/finished-runs";
import { OTHER, runsOnValue, selectCounterSets, selectQueueSets, type QueueSet } from "@/lib/server/metrics/label-set-series";
import { ComputedFamily, ComputedHistogram, teamView, type Family } from "@/lib/server/metrics/metric-families";
import { LABEL_SETS_SQL, OUTBOX_SQL, QUEUE_SQL, TEAM_SQL } from "@/lib/server/metrics/metrics-sql";
import { processMetrics } from "@/lib/server/metrics/process-metrics";
import { notFound } from "@/lib/server/errors";

const FINAL_STATES = ["COMPLETED", "FAILED", "CANCELED", "ABORTED", "CRASHED"] as const;
const WORKER_STATES = ["idle", "busy", "offline", "crashed", "draining"] as const;
const gauge = (name: string, help: string) => new ComputedFamily(name, help, "gauge");
const counter = (name: string, help: string) => new ComputedFamily(name, help, "counter");

/** A worker's state as the metrics name it: draining (online, taking nothing new) apart. */
function workerState(w: FleetWorker): (typeof WORKER_STATES)[number] {
  if ((w.state === "IDLE" || w.state === "BUSY") && w.draining) return "draining";
  return w.state.toLowerCase() as (typeof WORKER_STATES)[number];
}

function queueFamilies(team: string, fleet: FleetWorker[], sets: QueueSet[], other: ReturnType<typeof selectQueueSets>["other"]) {
  const queued = gauge("runyard_runs_queued", "OPEN runs waiting for a worker, per label set (runs_on)");
  const running = gauge("runyard_runs_running", "Runs held by a worker (LOCKED or RUNNING), per label set");
  const oldest = gauge("runyard_queue_oldest_age_seconds", "Age of the oldest OPEN run of the label set (0 when none waits)");
  const workers = gauge("runyard_workers", "Registered workers that can take runs of the label set, by state (draining: online but taking nothing new)");
  const free = gauge("runyard_worker_free_slots", "Free run slots (maxConcurrency minus held runs) of online, not draining workers that can take the label set");
  for (const set of sets) {
    const labels = { team, runs_on: runsOnValue(set.labels) };
    queued.add(labels, set.queued);
    running.add(labels, set.running);
    oldest.add(labels, set.oldestS);
    const eligible = fleet.filter((w) => canTake(w.labels, set.labels));
    for (const state of WORKER_STATES) workers.add({ ...labels, state }, eligible.filter((w) => workerState(w) === state).length);
    free.add(labels, eligible.filter((w) => workerState(w) === "idle" || workerState(w) === "busy").reduce((n, w) => n + Math.max(0, w.free), 0));
  }
  if (other) {
    const labels = { team, runs_on: OTHER };
    queued.add(labels, other.queued);
    running.add(labels, other.running);
    oldest.add(labels, other.oldestS);
  }
  const fleetGauge = gauge("runyard_fleet_workers", "The team's registered (not retired) workers, by state");
  for (const state of WORKER_STATES) fleetGauge.add({ team, state }, fleet.filter((w) => workerState(w) === state).length);
  return [queued, running, oldest, workers, free, fleetGauge];
}

function finishedFamilies(team: string, totals: Map<string, SetTotals>, labelsOf: Map<string, string[]>, kept: string[], other: string[] | null) {
  const finished = counter("runyard_runs_finished_total", "Runs that ended, by label set and final state (from the database: the same on every instance)");
  const wait = new ComputedHistogram("runyard_run_wait_seconds", "Of finished runs that were picked up: seconds from scheduling to the claim of their last attempt", WAIT_BUCKETS);
  const took = new ComputedHistogram("runyard_run_duration_seconds", "Of finished runs that were picked up: seconds from start (or claim) to the end", DURATION_BUCKETS);
  const emit = (runsOn: string, t: SetTotals) => {
    for (const state of FINAL_STATES) finished.add({ team, runs_on: runsOn, state }, t.byState.get(state) ?? 0);
    wait.observeTotals({ team, runs_on: runsOn }, t.wait);
    took.observeTotals({ team, runs_on: runsOn }, t.took);
  };
  for (const id of kept) emit(runsOnValue(labelsOf.get(id) ?? []), totals.get(id) ?? emptySetTotals());
  if (other) {
    const sum = new Map<string, SetTotals>();
    for (const id of other) addSetTotals(sum, OTHER, totals.get(id) ?? emptySetTotals());
    emit(OTHER, sum.get(OTHER) ?? emptySetTotals());
  }
  return [finished, wait, took];
}

export async function scrapeMetrics(teamId: string, options: { maxLabelSets?: number } = {}): Promise<string> {
  const max = options.maxLabelSets ?? env().RUNYARD_METRICS_MAX_LABEL_SETS;
  const db = pool();
  const [teamRows, queueRows, newestRows, outboxRows, fleet, totals] = await Promise.all([
    db.query<{ name: string }>(TEAM_SQL, [teamId]),
    db.query<{ id: string; labels: string[]; queued: number; running: number; oldest_s: number }>(QUEUE_SQL, [teamId]),
    db.query<{ id: string; labels: string[]; total: number }>(LABEL_SETS_SQL, [teamId, max]),
    db.query<{ status: string; n: number }>(OUTBOX_SQL, [teamId]),
    loadFleet(teamId),
    finishedRunTotals(teamId),
  ]);
  const team = teamRows.rows[0]?.name;
  if (team === undefined) throw notFound("team");
  const totalSets = newestRows.rows[0]?.total ?? 0;
  const active = queueRows.rows.map((r) => ({ id: r.id, labels: r.labels, queued: r.queued, running: r.running, oldestS: r.oldest_s }));
  const queue = selectQueueSets(active, newestRows.rows, max, totalSets);

  const finishedCount = new Map([...totals].map(([id, t]) => [id, [...t.byState.values()].reduce((a, b) => a + b, 0)]));
  const counters = selectCounterSets(finishedCount, queue.kept.map((s) => s.id), max, totalSets);
  const labelsOf = new Map<string, string[]>([...newestRows.rows, ...active].map((s) => [s.id, s.labels]));
  const unknown = counters.kept.filter((id) => !labelsOf.has(id));
  if (unknown.length > 0) {
    const { rows } = await db.query<{ id: string; labels: string[] }>("SELECT id::text, labels FROM label_sets WHERE id = ANY($1::bigint[])", [unknown]);
    for (const row of rows) labelsOf.set(row.id, row.labels);
  }

  const labelSets = gauge("runyard_label_sets", "The team's label sets (distinct runsOn ever used); past RUNYARD_METRICS_MAX_LABEL_SETS the rest share runs_on=\"_other\"");
  labelSets.add({ team }, totalSets);
  const outbox = gauge("runyard_webhook_outbox", "Webhook deliveries not delivered: pending (being retried) or failed (gave up after 24 h)");
  for (const status of ["pending", "failed"]) outbox.add({ team, status }, outboxRows.rows.find((r) => r.status === status)?.n ?? 0);

  const registry = new Registry();
  const families = [
    ...queueFamilies(team, fleet, queue.kept, queue.other),
    ...finishedFamilies(team, totals, labelsOf, counters.kept, totalSets > max ? counters.other : null),
    labelSets,
    outbox,
  ];
  for (const family of families) registry.registerMetric(family as never);
  const local = processMetrics();
  for (const metric of local.teamMetrics.getMetricsAsArray()) registry.registerMetric(teamView(metric as unknown as Family, teamId, team) as never);
  return (await Registry.merge([registry, local.runtime]).metrics());
}
