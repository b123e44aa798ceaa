// Fuzzed input (issue 8): thousands of generated hostile requests against every route of the
// running app. A 5xx is a bug; every error under /api is problem+json; and afterwards the
// database's invariants hold and another team's data is untouched.
import { afterEach, describe, expect, inject, it } from "vitest";
import { pool } from "@/lib/db/pool";
import { chaosSize } from "@/lib/testing/chaos/chaos-size";
import { printFigures, startChaosStack, type ChaosStack } from "@/lib/testing/chaos/chaos-stack";
import { fuzzer, type FuzzRequest } from "@/lib/testing/chaos/fuzz";

const size = chaosSize();
let stack: ChaosStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

/** Rows that say what a team has; compared before and after the fuzzing of another team. */
async function teamSnapshot(teamId: string) {
  const runs = await pool().query("SELECT id, state, attempt, worker_id, config, runs_on FROM runs WHERE team_id = $1 ORDER BY id", [teamId]);
  const workers = await pool().query("SELECT id, name, labels, draining, retired_at FROM workers WHERE team_id = $1 ORDER BY id", [teamId]);
  const tokens = await pool().query("SELECT id, revoked_at FROM api_tokens WHERE team_id = $1 ORDER BY id", [teamId]);
  return { runs: runs.rows, workers: workers.rows, tokens: tokens.rows };
}

/** Invariants of the scheduling tables; each query lists the rows that break one. */
const INVARIANTS: Record<string, string> = {
  "attempt never exceeds maxAttempts": "SELECT id FROM runs WHERE attempt > max_attempts",
  "an OPEN run names no worker and no lease": "SELECT id FROM runs WHERE state = 'OPEN' AND (worker_id IS NOT NULL OR lease_expires_at IS NOT NULL)",
  "a held run's worker is of its team and not retired":
    "SELECT r.id FROM runs r JOIN workers w ON w.id = r.worker_id WHERE r.state IN ('LOCKED', 'RUNNING') AND (w.team_id <> r.team_id OR w.retired_at IS NOT NULL)",
  "a terminal run has exactly one terminal event":
    `SELECT r.id FROM runs r WHERE r.state IN ('COMPLETED', 'FAILED', 'CANCELED', 'ABORTED', 'CRASHED')
       AND (SELECT count(*) FROM run_events e WHERE e.run_id = r.id AND e.type IN ('COMPLETED', 'FAILED', 'CANCELED', 'ABORTED', 'CRASHED')) <> 1`,
  "a run that is not terminal has no terminal event":
    `SELECT r.id FROM runs r WHERE r.state NOT IN ('COMPLETED', 'FAILED', 'CANCELED', 'ABORTED', 'CRASHED')
       AND EXISTS (SELECT 1 FROM run_events e WHERE e.run_id = r.id AND e.type IN ('COMPLETED', 'FAILED', 'CANCELED', 'ABORTED', 'CRASHED'))`,
  "a worker's name is valid; default workers are unlabeled": "SELECT id FROM workers WHERE name !~ '^[A-Za-z0-9][A-Za-z0-9 _-]{2,63}$' OR (is_default AND cardinality(labels) > 0)",
  "labels are sorted, distinct and valid":
    `SELECT id FROM runs WHERE runs_on <> ARRAY(SELECT DISTINCT unnest(runs_on) ORDER BY 1)
     UNION ALL SELECT id FROM workers WHERE labels <> ARRAY(SELECT DISTINCT unnest(labels) ORDER BY 1)
     UNION ALL SELECT id FROM workers WHERE EXISTS (SELECT 1 FROM unnest(labels) l WHERE l !~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$')`,
};

describe("fuzzed input", () => {
  it(`${size.fuzzRequests} generated requests against every route: no 5xx, problem+json errors, invariants intact`, async () => {
    stack = await startChaosStack({ databaseUrl: inject("databaseUrl"), env: { RUNYARD_LEASE_S: "3", RUNYARD_SWEEP_INTERVAL_MS: "200" } });
    const s = stack;
    const admin = s.client(0);
    const worker = await admin.registerComputeWorker({ name: "fuzz-worker", labels: ["gpu"], maxConcurrency: 4 });
    const other = await admin.registerComputeWorker({ name: "fuzz-other", labels: ["cpu"] });
    const runs = await Promise.all(Array.from({ length: 4 }, (_, i) => admin.scheduleComputeWorkerRun({ name: `fuzz-${i}`, runsOn: ["gpu"], dataset: i % 2 ? "ds" : undefined })));
    const claimed = await s.client(0, "worker").claimComputeWorkerRuns(worker.id, { max: 1 });
    const revoked = await admin.createApiToken({ name: "to revoke", scope: "admin" });
    await admin.revokeApiToken(revoked.id);
    const boundToOther = await admin.createApiToken({ name: "bound", scope: "worker", workerId: other.id });

    // A bystander team whose data no request of this team may change.
    const bystander = await startBystander(s);
    const before = await teamSnapshot(bystander.teamId);

    const seed = Number(process.env.RUNYARD_FUZZ_SEED ?? Date.now() % 1_000_000);
    const next = fuzzer(seed, {
      tokens: { admin: await s.tokenFor("admin"), scheduler: await s.tokenFor("scheduler"), worker: await s.tokenFor("worker"), boundToOther: boundToOther.secret, revoked: revoked.secret },
      workerIds: [worker.id, other.id, bystander.workerId],
      runIds: [...runs.map((r) => r.id)],
      heldRun: claimed.runs[0] && { id: claimed.runs[0].id, leaseToken: claimed.runs[0].leaseToken },
      foreignRunId: bystander.runId,
    });

    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let serverErrors = 0;
    let nonProblem = 0;
    let sent = 0;
    const base = s.servers[0]!.url;
    const started = Date.now();
    const send = async (i: number, req: FuzzRequest) => {
      let status: number;
      let type: string;
      let text: string;
      try {
        const response = await fetch(base + req.path, { method: req.method, headers: req.headers, body: req.body as BodyInit | undefined, redirect: "manual" });
        status = response.status;
        type = response.headers.get("content-type") ?? "";
        text = req.method === "HEAD" ? "" : await response.text();
      } catch (error) {
        status = 599;
        type = "";
        text = `fetch failed: ${(error as Error).message} ${String((error as { cause?: unknown }).cause)}`;
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const describe = () => `#${i} (seed ${seed}) ${req.method} ${req.path.slice(0, 120)} [${req.route}] body ${String(typeof req.body === "string" ? req.body.slice(0, 80) : req.body)} → ${status} ${type} ${text.slice(0, 200)}`;
      if (status >= 500) {
        serverErrors++;
        if (failures.length < 40) failures.push(describe());
      } else if (status >= 400 && req.method !== "HEAD" && !type.startsWith("application/problem+json")) {
        nonProblem++;
        if (failures.length < 40) failures.push(`not problem+json: ${describe()}`);
      }
    };
    const CONCURRENCY = 8;
    let index = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (index < size.fuzzRequests) {
          const i = index++;
          await send(i, next());
          sent++;
        }
      }),
    );

    const health = await fetch(`${base}/api/health`);
    const broken: Record<string, unknown[]> = {};
    for (const [name, sql] of Object.entries(INVARIANTS)) {
      const { rows } = await pool().query(sql);
      if (rows.length > 0) broken[name] = rows.slice(0, 5);
    }
    const after = await teamSnapshot(bystander.teamId);
    const defaults = await pool().query<{ n: number }>("SELECT count(*)::int AS n FROM workers WHERE team_id = $1 AND is_default", [s.teamId]);
    printFigures("fuzz", {
      form: size.form, seed, requests: sent, "5xx": serverErrors, nonProblemErrors: nonProblem,
      statuses: Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])), defaultWorkersCreated: defaults.rows[0]!.n,
      seconds: Math.round((Date.now() - started) / 1000),
    });
    if (serverErrors > 0) {
      const log = s.servers[0]!.output();
      const at = log.indexOf("unhandled error");
      console.log(`[chaos] first server error:\n${log.slice(Math.max(0, at - 100), at + 1500)}`);
    }
    expect(failures).toEqual([]);
    expect(health.status).toBe(200);
    expect(broken).toEqual({});
    expect(after).toEqual(before);
  });
});

async function startBystander(s: ChaosStack) {
  const { ensureTeam } = await import("@/lib/server/teams/ensure-team");
  const { createToken } = await import("@/lib/server/auth/tokens");
  const teamId = await ensureTeam(`bystander-${Date.now()}`);
  const token = (await createToken({ teamId, scope: "admin", name: "bystander" })).secret;
  const client = s.client(0).withToken(token);
  const worker = await client.registerComputeWorker({ name: "bystander-worker", labels: ["gpu"] });
  const run = await client.scheduleComputeWorkerRun({ name: "bystander-run", runsOn: ["gpu"] });
  return { teamId, workerId: worker.id, runId: run.id };
}
