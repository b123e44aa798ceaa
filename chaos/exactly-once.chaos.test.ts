// Exactly-once under fire (issue 8): two app instances on one PostgreSQL with agents split
// between them, and a storm of kill -9s at random moments. At the end the ledger check must
// find every run terminal exactly once, nothing completed twice, nothing from a fenced-off attempt.
import { afterEach, describe, expect, inject, it } from "vitest";
import { pool } from "@/lib/db/pool";
import { eventually } from "@/lib/testing/agent-harness";
import { chaosSize } from "@/lib/testing/chaos/chaos-size";
import { printFigures, startChaosStack, type ChaosStack } from "@/lib/testing/chaos/chaos-stack";
import { checkLedger, summarize } from "@/lib/testing/chaos/ledger-check";

const LEASE_S = 3;
const SWEEP_MS = 200;
const ENV = { RUNYARD_LEASE_S: String(LEASE_S), RUNYARD_WORKER_OFFLINE_AFTER_S: "10", RUNYARD_SWEEP_INTERVAL_MS: String(SWEEP_MS) };
const size = chaosSize();

let stack: ChaosStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

/** The team's registered workers by name: only an agent that got its worker is worth killing. */
async function workerIds(s: ChaosStack): Promise<Map<string, string>> {
  const { rows } = await pool().query<{ id: string; name: string }>("SELECT id, name FROM workers WHERE team_id = $1", [s.teamId]);
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** Waits until `instanceCount` app instances hold a LISTEN connection (a claim there is waiting). */
async function listeners(count: number) {
  await eventually(async () => {
    const { rows } = await pool().query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'runyard-listen' AND datname = current_database()",
    );
    return rows[0]!.n >= count;
  }, `${count} LISTEN connection(s)`);
}

describe("two app instances on one database", () => {
  it("a claim waiting on one instance is woken by a run scheduled through the other, both ways", async () => {
    // Waiting claims re-check the queue only every 10 minutes here: within the claim's 30 s,
    // only a LISTEN/NOTIFY wake-up across instances can hand it the run.
    stack = await startChaosStack({ databaseUrl: inject("databaseUrl"), instances: 2, env: { ...ENV, RUNYARD_CLAIM_RECHECK_MS: "600000" } });
    const s = stack;
    const [a, b] = [s.client(0), s.client(1)];
    const onA = await a.registerComputeWorker({ name: "waits-on-a", labels: ["wake-a"] });
    const onB = await b.registerComputeWorker({ name: "waits-on-b", labels: ["wake-b"] });

    const claimOnA = a.claimComputeWorkerRuns(onA.id, { waitSeconds: 30 });
    await listeners(1);
    const claimOnB = b.claimComputeWorkerRuns(onB.id, { waitSeconds: 30 });
    await listeners(2);
    const forA = await b.scheduleComputeWorkerRun({ name: "scheduled-on-b", runsOn: ["wake-a"] });
    const forB = await a.scheduleComputeWorkerRun({ name: "scheduled-on-a", runsOn: ["wake-b"] });
    const [gotA, gotB] = await Promise.all([claimOnA, claimOnB]);
    expect(gotA.runs.map((r) => r.id)).toEqual([forA.id]);
    expect(gotB.runs.map((r) => r.id)).toEqual([forB.id]);
  });
});

describe("agent kill storm", () => {
  it(`kill -9 of agents at random moments during ${size.stormRuns} runs over two instances: every run completes exactly once`, async () => {
    stack = await startChaosStack({ databaseUrl: inject("databaseUrl"), instances: 2, env: ENV });
    const s = stack;
    let next = 0;
    const spawnAgent = () => {
      const name = `storm-${next++}`;
      return s.agent(name, next % 2, ["--concurrency", "2"]);
    };
    for (let i = 0; i < size.stormAgents; i++) await spawnAgent();

    // A third of the agents at a time, several waves: kills at random points of progress.
    const kills = Math.max(2, Math.ceil(size.stormAgents / 3)) * (size.form === "long" ? 6 : 2);
    const killAt = Array.from({ length: kills }, () => 0.05 + Math.random() * 0.85).sort((x, y) => x - y);
    const started = Date.now();
    let scheduledAll = false;
    const scheduling = s.schedule(size.stormRuns, [0, 1], { maxAttempts: 20 }).finally(() => (scheduledAll = true));

    type Snapshot = { worker: string; killedAt: number; held: { id: string; attempt: number; leaseExpiresAt: number }[] };
    const snapshots: Snapshot[] = [];
    while (killAt.length > 0) {
      const done = s.ledger().filter((e) => e.event === "end").length;
      if (done >= killAt[0]! * size.stormRuns) {
        killAt.shift();
        const ids = await workerIds(s);
        const live = s.agents.filter((a) => a.process.exitCode === null && a.process.signalCode === null && ids.has(a.name));
        const victim = live[Math.floor(Math.random() * live.length)]!;
        victim.process.kill("SIGKILL");
        await victim.exited;
        const id = ids.get(victim.name)!;
        const { rows } = await pool().query<{ now: number; id: string; attempt: number; lease: number }>(
          `SELECT (extract(epoch FROM now()) * 1000)::float8 AS now, id, attempt, (extract(epoch FROM lease_expires_at) * 1000)::float8 AS lease
             FROM runs WHERE worker_id = $1 AND state IN ('LOCKED', 'RUNNING')`,
          [id],
        );
        const killedAt = rows[0]?.now ?? Date.now();
        snapshots.push({ worker: id, killedAt, held: rows.map((r) => ({ id: r.id, attempt: r.attempt, leaseExpiresAt: r.lease })) });
        await spawnAgent();
      }
      if (scheduledAll && (await s.unfinished()) === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const scheduled = await scheduling;
    await eventually(async () => (await s.unfinished()) === 0, "every run to finish", size.form === "long" ? 40 * 60_000 : 5 * 60_000);

    const records = await s.records();
    const verdict = checkLedger({ scheduled, ...records, ledger: s.ledger(), killedWorkers: new Set(snapshots.map((k) => k.worker)) });

    // Re-queue delays (database clock): a run held by a killed agent must not go back to the
    // queue before its lease ran out — that is the lease guarantee; how much later is a figure.
    const requeuedAt = new Map(records.events.filter((e) => e.type === "REQUEUED").map((e) => [`${e.runId}#${e.attempt}`, e.at]));
    const afterKill: number[] = [];
    const afterExpiry: number[] = [];
    const early: string[] = [];
    for (const snap of snapshots) {
      for (const held of snap.held) {
        const at = requeuedAt.get(`${held.id}#${held.attempt}`);
        if (at === undefined) continue; // its completion was already on the way when the agent died
        afterKill.push(at - snap.killedAt);
        afterExpiry.push(at - held.leaseExpiresAt);
        if (at < held.leaseExpiresAt) early.push(`${held.id} re-queued ${held.leaseExpiresAt - at} ms before its lease expired`);
      }
    }
    const delay = summarize(afterKill);
    const late = summarize(afterExpiry);
    printFigures("kill storm", {
      form: size.form, instances: 2, agents: size.stormAgents, runs: scheduled.length, kills: snapshots.length,
      lost: verdict.lost.length, duplicated: verdict.duplicated.length, reexecutedAfterKill: verdict.reexecuted.length, requeued: requeuedAt.size,
      requeueAfterKillMs: `p50 ${delay.p50?.toFixed(0)} max ${delay.max?.toFixed(0)} (n=${delay.n}; lease ${LEASE_S * 1000} + sweep ${SWEEP_MS})`,
      requeueAfterLeaseExpiryMs: `p50 ${late.p50?.toFixed(0)} max ${late.max?.toFixed(0)}`,
      seconds: Math.round((Date.now() - started) / 1000),
    });
    expect(verdict.problems.slice(0, 20)).toEqual([]);
    expect(early).toEqual([]);
    expect(records.runs.filter((r) => scheduled.includes(r.id) && r.state !== "COMPLETED")).toEqual([]);
    expect(snapshots.length).toBe(kills);
  });
});

describe("batch reports and complete-and-claim under kill -9", () => {
  it("agents at --concurrency 6 with instant jobs (batch reports that claim the next runs) killed mid-batch: nothing lost, nothing twice", async () => {
    stack = await startChaosStack({ databaseUrl: inject("databaseUrl"), instances: 2, env: ENV });
    const s = stack;
    let next = 0;
    // Jobs that end at once: an agent always has a batch report in flight, so a kill -9 lands
    // mid-batch — before it is sent, while the transaction runs, or after the commit with the
    // answer (and the runs claimed with it) never read. Those runs come back when their lease runs out.
    const spawnAgent = () => s.agent(`batch-${next++}`, next % 2, ["--concurrency", "6"], "0");
    const agents = Math.max(3, Math.ceil(size.stormAgents / 2));
    for (let i = 0; i < agents; i++) await spawnAgent();
    const runs = size.stormRuns;
    const kills = size.form === "long" ? 20 : 5;
    const killAt = Array.from({ length: kills }, () => 0.05 + Math.random() * 0.85).sort((x, y) => x - y);
    let scheduledAll = false;
    const scheduling = s.schedule(runs, [0, 1], { maxAttempts: 20 }).finally(() => (scheduledAll = true));
    const killed = new Set<string>();
    while (killAt.length > 0) {
      const done = s.ledger().filter((e) => e.event === "end").length;
      if (done >= killAt[0]! * runs) {
        killAt.shift();
        const ids = await workerIds(s);
        const live = s.agents.filter((a) => a.process.exitCode === null && a.process.signalCode === null && ids.has(a.name));
        const victim = live[Math.floor(Math.random() * live.length)]!;
        victim.process.kill("SIGKILL");
        await victim.exited;
        killed.add(ids.get(victim.name)!);
        await spawnAgent();
      }
      if (scheduledAll && (await s.unfinished()) === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const scheduled = await scheduling;
    await eventually(async () => (await s.unfinished()) === 0, "every run to finish", size.form === "long" ? 40 * 60_000 : 5 * 60_000);
    const records = await s.records();
    const verdict = checkLedger({ scheduled, ...records, ledger: s.ledger(), killedWorkers: killed });
    // The agents really used batch reports and complete-and-claim (the instances' own counters).
    const scrapes = await Promise.all([0, 1].map((i) => s.client(i).getMetrics()));
    const batches = scrapes.reduce((sum, text) => sum + sumOf(text, 'runyard_http_requests_total{', 'route="/api/v1/workers/{id}/reports"', 'status="200"'), 0);
    printFigures("batch kill storm", {
      form: size.form, instances: 2, agents, runs: scheduled.length, kills: killed.size, batchRequests: batches,
      lost: verdict.lost.length, duplicated: verdict.duplicated.length, reexecutedAfterKill: verdict.reexecuted.length,
    });
    expect(verdict.problems.slice(0, 20)).toEqual([]);
    expect(records.runs.filter((r) => scheduled.includes(r.id) && r.state !== "COMPLETED")).toEqual([]);
    expect(killed.size).toBe(kills);
    expect(batches).toBeGreaterThan(0);
  });
});

/** The sum of a Prometheus counter's samples whose line holds every one of `parts`. */
function sumOf(text: string, ...parts: string[]): number {
  return text
    .split("\n")
    .filter((line) => parts.every((part) => line.includes(part)))
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
}
