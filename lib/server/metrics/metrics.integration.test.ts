// GET /metrics on a seeded fleet (120 workers, ~1,900 runs), read with a real Prometheus
// text-format parser and checked against the database and the seed — not against the code.
import { beforeAll, describe, expect, it } from "vitest";
import { canTake } from "@/lib/domain/matching";
import { pool } from "@/lib/db/pool";
import { DURATION_BUCKETS, WAIT_BUCKETS, resetFinishedRunCache } from "@/lib/server/metrics/finished-runs";
import { scrapeMetrics } from "@/lib/server/metrics/scrape-metrics";
import { newTeam, rawRequest } from "@/lib/testing/fixtures";
import { QUEUED, seedMetricsFleet, type SeededWorker } from "@/lib/testing/metrics-fleet";
import { databaseSeries, parseScrape, samplesOf, valueOf, type Scrape } from "@/lib/testing/prometheus-scrape";

const STATE_OF: Record<SeededWorker["condition"], string> = { idle: "idle", busy: "busy", offline: "offline", never: "offline", crashed: "crashed", draining: "draining" };
const FINAL = ["COMPLETED", "FAILED", "CANCELED", "ABORTED", "CRASHED"];

let team: Awaited<ReturnType<typeof newTeam>>;
let workers: SeededWorker[];
let scrape: Scrape;

beforeAll(async () => {
  team = await newTeam();
  ({ workers } = await seedMetricsFleet(team.teamId));
  scrape = parseScrape(await (await team.client("metrics")).getMetrics());
});

describe("who may read /metrics", () => {
  it("a metrics or admin token; 401 without a token and 403 for other scopes, as problem+json", async () => {
    const anonymous = await rawRequest("GET", "/metrics");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toContain("application/problem+json");
    for (const scope of ["scheduler", "worker"] as const) {
      const refused = await rawRequest("GET", "/metrics", { token: await team.tokenFor(scope) });
      expect(refused.status, scope).toBe(403);
      expect(refused.body.detail).toContain("scope admin or metrics");
    }
    for (const client of [await team.client("metrics"), team.admin]) expect(await client.getMetrics()).toContain("# TYPE runyard_runs_queued gauge");
  });

  it("a metrics token reads nothing else", async () => {
    const response = await rawRequest("GET", "/api/v1/runs", { token: await team.tokenFor("metrics") });
    expect(response.status).toBe(403);
  });
});

describe("the queue per label set", () => {
  it("reports queued and running runs and the oldest queued age, as the database has them", async () => {
    const { rows } = await pool().query<{ runs_on: string[]; queued: number; running: number; oldest: number }>(
      `SELECT runs_on, count(*) FILTER (WHERE state = 'OPEN')::int AS queued, count(*) FILTER (WHERE state IN ('LOCKED', 'RUNNING'))::int AS running,
              coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE state = 'OPEN')), 0)::float8 AS oldest
         FROM runs WHERE team_id = $1 AND state IN ('OPEN', 'LOCKED', 'RUNNING') GROUP BY runs_on`,
      [team.teamId],
    );
    expect(rows.length).toBe(QUEUED.length);
    for (const row of rows) {
      const labels = { team: team.name, runs_on: row.runs_on.join(",") };
      expect(valueOf(scrape, "runyard_runs_queued", labels), labels.runs_on).toBe(row.queued);
      expect(valueOf(scrape, "runyard_runs_running", labels), labels.runs_on).toBe(row.running);
      // Scraped a moment before this query ran.
      expect(Math.abs(valueOf(scrape, "runyard_queue_oldest_age_seconds", labels) - row.oldest), labels.runs_on).toBeLessThan(60);
    }
    expect(samplesOf(scrape, "runyard_runs_queued").reduce((n, s) => n + s.value, 0)).toBe(QUEUED.reduce((n, [, count]) => n + count, 0));
    expect(valueOf(scrape, "runyard_runs_queued", { runs_on: "gpu" })).toBe(1200);
    expect(valueOf(scrape, "runyard_runs_queued", { runs_on: "" })).toBe(12);
    expect(valueOf(scrape, "runyard_label_sets", { team: team.name })).toBe(QUEUED.length);
  });

  it("counts the workers that can take each set by state, and their free slots", () => {
    for (const [runsOn] of QUEUED) {
      const eligible = workers.filter((w) => canTake(w.labels, runsOn));
      const labels = { team: team.name, runs_on: runsOn.join(",") };
      for (const state of ["idle", "busy", "offline", "crashed", "draining"]) {
        expect(valueOf(scrape, "runyard_workers", { ...labels, state }), `${labels.runs_on} ${state}`).toBe(eligible.filter((w) => STATE_OF[w.condition] === state).length);
      }
      const free = eligible.filter((w) => w.condition === "idle" || w.condition === "busy").reduce((n, w) => n + w.maxConcurrency - w.holds, 0);
      expect(valueOf(scrape, "runyard_worker_free_slots", labels), labels.runs_on).toBe(free);
    }
    // [tpu]: only the unlabeled workers could take it.
    expect(valueOf(scrape, "runyard_workers", { runs_on: "tpu", state: "idle" })).toBe(3);
    expect(samplesOf(scrape, "runyard_fleet_workers").reduce((n, s) => n + s.value, 0)).toBe(workers.length);
    expect(valueOf(scrape, "runyard_fleet_workers", { state: "draining" })).toBe(5);
  });
});

describe("finished runs", () => {
  type Finished = { runs_on: string[]; state: string; wait: number | null; took: number | null };
  const finishedRows = async () =>
    (await pool().query<Finished>(
      `SELECT runs_on, state::text, extract(epoch FROM claimed_at - created_at)::float8 AS wait,
              extract(epoch FROM finished_at - coalesce(started_at, claimed_at))::float8 AS took
         FROM runs WHERE team_id = $1 AND finished_at IS NOT NULL`,
      [team.teamId],
    )).rows;

  it("are counted by label set and final state", async () => {
    const rows = await finishedRows();
    expect(rows.length).toBeGreaterThan(400);
    for (const [runsOn] of QUEUED) {
      for (const state of FINAL) {
        const expected = rows.filter((r) => r.runs_on.join(",") === runsOn.join(",") && r.state === state).length;
        expect(valueOf(scrape, "runyard_runs_finished_total", { runs_on: runsOn.join(","), state }), `${runsOn} ${state}`).toBe(expected);
      }
    }
    expect(scrape.types.get("runyard_runs_finished_total")).toBe("counter");
  });

  it("build cumulative histograms of their wait and run time", async () => {
    const rows = await finishedRows();
    for (const [name, bounds, pick] of [["runyard_run_wait_seconds", WAIT_BUCKETS, (r: Finished) => r.wait], ["runyard_run_duration_seconds", DURATION_BUCKETS, (r: Finished) => r.took]] as const) {
      expect(scrape.types.get(name)).toBe("histogram");
      for (const [runsOn] of QUEUED.slice(0, 5)) {
        const values = rows.filter((r) => r.runs_on.join(",") === runsOn.join(",")).map(pick).filter((v): v is number => v !== null);
        const labels = { team: team.name, runs_on: runsOn.join(",") };
        for (const le of bounds) expect(valueOf(scrape, `${name}_bucket`, { ...labels, le: String(le) }), `${name} ${labels.runs_on} le=${le}`).toBe(values.filter((v) => v <= le).length);
        expect(valueOf(scrape, `${name}_bucket`, { ...labels, le: "+Inf" })).toBe(values.length);
        expect(valueOf(scrape, `${name}_count`, labels)).toBe(values.length);
        expect(valueOf(scrape, `${name}_sum`, labels)).toBeCloseTo(values.reduce((a, b) => a + b, 0), 3);
      }
    }
  });

  it("are the same from a cold cache (a fresh instance) as from a warm one, and count a run finished just now", async () => {
    const series = async () => databaseSeries(parseScrape(await scrapeMetrics(team.teamId)), { withoutAges: true });
    const warm = await series();
    resetFinishedRunCache();
    expect(await series()).toEqual(warm);
    const before = valueOf(parseScrape(await scrapeMetrics(team.teamId)), "runyard_runs_finished_total", { runs_on: "cpu", state: "COMPLETED" });
    await pool().query(
      `UPDATE runs SET state = 'COMPLETED', claimed_at = now() - interval '5 seconds', started_at = now() - interval '4 seconds', finished_at = now()
        WHERE id = (SELECT id FROM runs WHERE team_id = $1 AND state = 'OPEN' AND runs_on = '{cpu}' LIMIT 1)`,
      [team.teamId],
    );
    const after = parseScrape(await scrapeMetrics(team.teamId));
    expect(valueOf(after, "runyard_runs_finished_total", { runs_on: "cpu", state: "COMPLETED" })).toBe(before + 1);
    resetFinishedRunCache();
    expect(databaseSeries(parseScrape(await scrapeMetrics(team.teamId)), { withoutAges: true })).toEqual(databaseSeries(after, { withoutAges: true }));
  });
});

describe("cardinality", () => {
  it("past the label-set limit, the busiest sets keep their series and the rest are summed into _other", async () => {
    const bounded = parseScrape(await scrapeMetrics(team.teamId, { maxLabelSets: 2 }));
    const { rows } = await pool().query<{ queued: number; finished: number }>(
      "SELECT count(*) FILTER (WHERE state = 'OPEN')::int AS queued, count(*) FILTER (WHERE finished_at IS NOT NULL)::int AS finished FROM runs WHERE team_id = $1",
      [team.teamId],
    );
    const queued = samplesOf(bounded, "runyard_runs_queued");
    expect(queued.map((s) => s.labels.runs_on).sort()).toEqual(["_other", "gpu", "gpu,gpu-A100"]);
    expect(queued.reduce((n, s) => n + s.value, 0)).toBe(rows[0]!.queued);
    expect(valueOf(bounded, "runyard_queue_oldest_age_seconds", { runs_on: "_other" })).toBeGreaterThan(0);
    const finished = samplesOf(bounded, "runyard_runs_finished_total");
    expect(new Set(finished.map((s) => s.labels.runs_on)).size).toBe(3);
    expect(finished.reduce((n, s) => n + s.value, 0)).toBe(rows[0]!.finished);
    expect(samplesOf(bounded, "runyard_run_wait_seconds_count").length).toBe(3);
  });
});

describe("this instance's own counters", () => {
  it("count claims (taken, empty), reports and requests of the caller's team only", async () => {
    const small = await newTeam();
    const worker = await small.admin.registerComputeWorker({ name: "counted", labels: ["gpu"] });
    await small.admin.scheduleComputeWorkerRun({ runsOn: ["gpu"] });
    const agent = await small.client("worker", worker.id);
    const { runs } = await agent.claimComputeWorkerRuns(worker.id);
    await agent.claimComputeWorkerRuns(worker.id);
    await agent.reportComputeWorkerRun(runs[0]!.id, { leaseToken: runs[0]!.leaseToken, state: "RUNNING" });
    const own = parseScrape(await small.admin.getMetrics());
    const labels = { team: small.name };
    expect(valueOf(own, "runyard_claims_total", { ...labels, result: "taken" })).toBe(1);
    expect(valueOf(own, "runyard_claims_total", { ...labels, result: "empty" })).toBe(1);
    expect(valueOf(own, "runyard_claimed_runs_total", labels)).toBe(1);
    expect(valueOf(own, "runyard_report_duration_seconds_count", { ...labels, report: "RUNNING" })).toBe(1);
    expect(valueOf(own, "runyard_http_requests_total", { ...labels, method: "POST", route: "/api/v1/workers/{id}/claim", status: "200" })).toBe(2);
    expect(own.samples.some((s) => s.labels.team === team.name)).toBe(false);
    expect(samplesOf(scrape, "runyard_claims_total", { team: small.name })).toEqual([]);
  });
});
