// The claim SQL and the "any eligible worker" SQL must decide exactly as canTake() does
// (SPEC §1). Generated cases — random label sets, random workers, random runs, empty label
// sets included — are claimed through the real SQL and compared with the pure function.
import { describe, expect, it } from "vitest";
import { pool, withTransaction } from "@/lib/db/pool";
import { canTake } from "@/lib/domain/matching";
import { normalizeLabels } from "@/lib/domain/labels";
import { CLAIM_SQL } from "@/lib/server/claims/claim-sql";
import { ELIGIBLE_WORKER_SQL } from "@/lib/server/matching/match-workers";
import { labelSetId } from "@/lib/server/runs/label-sets";
import { ensureTeam } from "@/lib/server/teams/ensure-team";
import { uniqueName } from "@/lib/testing/fixtures";
import { rng } from "@/lib/testing/random";

// A small universe makes subsets and near-misses (including case variants) frequent.
const UNIVERSE = ["gpu", "GPU", "gpu-A100", "cpu", "aws_1", "eu:west", "v1.2"];
const CASES = 25;

async function generatedCase(seed: number) {
  const random = rng(seed);
  const teamId = await ensureTeam(uniqueName("prop"));
  const workers: { id: string; labels: string[] }[] = [];
  for (let i = 0; i < 6; i++) {
    const labels = normalizeLabels(random.subset(UNIVERSE, i === 0 ? 0 : 4));
    const { rows } = await pool().query<{ id: string }>(
      "INSERT INTO workers (team_id, name, labels, max_concurrency) VALUES ($1, $2, $3, 100) RETURNING id",
      [teamId, `w-${seed}-${i}`, labels],
    );
    workers.push({ id: rows[0]!.id, labels });
  }
  const runs: { id: string; runsOn: string[] }[] = [];
  for (let i = 0; i < 14; i++) {
    const runsOn = normalizeLabels(random.subset(UNIVERSE, i === 0 ? 0 : 3));
    const { rows } = await pool().query<{ id: string }>(
      "INSERT INTO runs (team_id, label_set_id, runs_on) VALUES ($1, $2, $3) RETURNING id",
      [teamId, await labelSetId(teamId, runsOn), runsOn],
    );
    runs.push({ id: rows[0]!.id, runsOn });
  }
  return { teamId, workers, runs };
}

/** What the real claim hands this worker from a full queue (rolled back, so every worker sees the same queue). */
async function claimableBySql(workerId: string): Promise<Set<string>> {
  let claimed: string[] = [];
  await withTransaction(async (client) => {
    claimed = (await client.query<{ id: string }>(CLAIM_SQL, [workerId, 100, 15])).rows.map((r) => r.id);
    throw Object.assign(new Error("rollback"), { rollback: true });
  }).catch((error: { rollback?: boolean }) => {
    if (!error.rollback) throw error;
  });
  return new Set(claimed);
}

describe("the claim SQL agrees with canTake() on generated cases", () => {
  it(`hands each worker exactly the runs canTake() allows (${CASES} generated fleets)`, async () => {
    for (let seed = 1; seed <= CASES; seed++) {
      const { workers, runs } = await generatedCase(seed);
      for (const worker of workers) {
        const expected = new Set(runs.filter((r) => canTake(worker.labels, r.runsOn)).map((r) => r.id));
        const actual = await claimableBySql(worker.id);
        expect(actual, `seed ${seed}: worker [${worker.labels}] vs runs ${JSON.stringify(runs.map((r) => r.runsOn))}`).toEqual(expected);
      }
    }
  });

  it("finds an eligible worker for a runsOn exactly when canTake() says one exists", async () => {
    for (let seed = 101; seed <= 100 + CASES; seed++) {
      const { teamId, workers, runs } = await generatedCase(seed);
      for (const run of runs) {
        const { rows } = await pool().query<{ id: string }>(
          `SELECT w.id FROM workers w WHERE w.team_id = $1 AND ${ELIGIBLE_WORKER_SQL}`,
          [teamId, run.runsOn],
        );
        const expected = workers.filter((w) => canTake(w.labels, run.runsOn)).map((w) => w.id).sort();
        expect(rows.map((r) => r.id).sort(), `seed ${seed}: runsOn [${run.runsOn}]`).toEqual(expected);
      }
    }
  });
});

type PlanNode = { "Relation Name"?: string; "Actual Rows"?: number; "Actual Loops"?: number; "Rows Removed by Filter"?: number; Plans?: PlanNode[] };

/** Rows of `runs` the plan read (returned plus filtered out), over every scan node. */
function runsRowsRead(node: PlanNode): number {
  const own = node["Relation Name"] === "runs"
    ? ((node["Actual Rows"] ?? 0) + (node["Rows Removed by Filter"] ?? 0)) * (node["Actual Loops"] ?? 1)
    : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + runsRowsRead(child), 0);
}

describe("a poisoned queue head does not slow the claim down (SPEC §4)", () => {
  it("reads only the heads of eligible label sets, not the 20,000 older CRITICAL runs nobody can take", async () => {
    const teamId = await ensureTeam(uniqueName("poison"));
    const worker = await pool().query<{ id: string }>("INSERT INTO workers (team_id, name, labels) VALUES ($1, 'gpu-1', '{gpu}') RETURNING id", [teamId]);
    const poisoned = await labelSetId(teamId, ["nobody-has-this"]);
    await pool().query(
      `INSERT INTO runs (team_id, label_set_id, runs_on, priority, created_at)
       SELECT $1, $2, '{nobody-has-this}', 'CRITICAL', now() - interval '1 day' + make_interval(secs => i) FROM generate_series(1, 20000) i`,
      [teamId, poisoned],
    );
    const gpuSet = await labelSetId(teamId, ["gpu"]);
    await pool().query("INSERT INTO runs (team_id, label_set_id, runs_on, name) SELECT $1, $2, '{gpu}', 'gpu-' || i FROM generate_series(1, 5) i", [teamId, gpuSet]);
    await pool().query("ANALYZE runs");

    let plan: PlanNode | undefined;
    await withTransaction(async (client) => {
      const explained = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${CLAIM_SQL}`, [worker.rows[0]!.id, 1, 15]);
      plan = explained.rows[0]!["QUERY PLAN"][0].Plan;
      throw Object.assign(new Error("rollback"), { rollback: true });
    }).catch((error: { rollback?: boolean }) => {
      if (!error.rollback) throw error;
    });
    expect(runsRowsRead(plan!)).toBeLessThan(50);

    // The same queue read the naive way — walking the team's queue in priority order with a
    // subset filter — passes every poisoned run first; this is what the label-set design avoids.
    // (Bitmap scans are off so the planner cannot answer this query from the runs_on GIN index
    // instead, which avoids the poisoned runs but reads every matching one.)
    let naivePlan: PlanNode | undefined;
    await withTransaction(async (client) => {
      await client.query("SET LOCAL enable_bitmapscan = off");
      const naive = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) SELECT id FROM runs WHERE team_id = $1 AND state = 'OPEN' AND runs_on <@ '{gpu}'
          ORDER BY priority DESC, created_at, id LIMIT 1`,
        [teamId],
      );
      naivePlan = naive.rows[0]!["QUERY PLAN"][0].Plan;
    });
    expect(runsRowsRead(naivePlan!)).toBeGreaterThan(20_000);
  });
});
