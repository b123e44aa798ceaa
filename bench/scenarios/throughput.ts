// (2) Throughput, side by side: Runyard over HTTP at batch 1 (claim, then complete-and-claim)
// and batch 10 (claim max 10 + batch report with next), the SQL-only ceiling (the same use
// cases and statements in this process, no HTTP), pg-boss 10 at batch 1 and 10, and Runyard with
// every request through Next's pipeline (RUNYARD_DIRECT_AGENT_ROUTES=0, a second app instance)
// — interleaved in alternating rounds, each on a freshly seeded and settled backlog, with the
// CPU each spent per run split app / PostgreSQL / client (from /proc).
import { startAppServer, type AppServer } from "@/lib/testing/app-server";
import { pairedRatio, runArms, type Arm, type ArmResult } from "../lib/arms";
import { cpuMeter } from "../lib/cpu";
import { runyardArm } from "../lib/runyard-arm";
import type { BenchContext, Scenario } from "../lib/types";
import { pgBossArm, pgBossInstance } from "./peer-pg-boss";

export { LABEL_SETS, WORKER_KINDS } from "../lib/runyard-arm";

/** BENCH_POLLERS overrides it for experiments (1 poller: the cost of one claim → complete). */
export const POLLERS = Number(process.env.BENCH_POLLERS || 32);
/** Rounds per arm (each figure is the median over them); BENCH_ROUNDS overrides it. */
export const roundsFor = (ctx: BenchContext) => Number(process.env.BENCH_ROUNDS || (ctx.quick ? 1 : 3));

export const ARM = {
  runyardB1: "runyard-b1",
  runyardB10: "runyard-b10",
  sqlB1: "sql-b1",
  sqlB10: "sql-b10",
  pgBossB1: "pgboss-b1",
  pgBossB10: "pgboss-b10",
  nextB1: "runyard-b1-via-next",
} as const;

export const throughput: Scenario = {
  name: "throughput",
  title: `Throughput side by side (${POLLERS} clients; Runyard, SQL ceiling, pg-boss; batch 1 and 10)`,
  async run(ctx) {
    const rounds = roundsFor(ctx);
    const seconds = Number(process.env.BENCH_SECONDS || (ctx.quick ? 4 : 20));
    // BENCH_BACKLOG: the batch-1 backlog per round (batch 10 gets 3 ×); pg-boss's cost grows with it, Runyard's does not.
    const b1 = Number(process.env.BENCH_BACKLOG || (ctx.quick ? 600 : 20_000));
    const b10 = ctx.quick && !process.env.BENCH_BACKLOG ? 1500 : 3 * b1;
    // A second instance that sends every request through Next (as before the direct agent routes).
    let viaNext: AppServer | undefined;
    const boss = pgBossInstance(ctx);
    try {
      viaNext = await startAppServer({ databaseUrl: ctx.databaseUrl, env: { RUNYARD_DIRECT_AGENT_ROUTES: "0" } });
      const arms: Arm[] = [
        runyardArm(ctx, { name: ARM.runyardB1, batch: 1, backlog: b1, workers: POLLERS, via: "http" }),
        pgBossArm(ctx, { name: ARM.pgBossB1, batch: 1, jobs: b1, clients: POLLERS, instance: boss }),
        runyardArm(ctx, { name: ARM.sqlB1, batch: 1, backlog: b1, workers: POLLERS, via: "sql" }),
        runyardArm(ctx, { name: ARM.runyardB10, batch: 10, backlog: b10, workers: POLLERS, via: "http" }),
        pgBossArm(ctx, { name: ARM.pgBossB10, batch: 10, jobs: b10, clients: POLLERS, instance: boss }),
        runyardArm(ctx, { name: ARM.sqlB10, batch: 10, backlog: b10, workers: POLLERS, via: "sql" }),
        runyardArm(ctx, { name: ARM.nextB1, batch: 1, backlog: b1, workers: POLLERS, via: "http", baseUrl: viaNext.url }),
      ];
      const meter = await cpuMeter(ctx.db, () => [ctx.app.process.pid!, viaNext!.process.pid!]);
      ctx.log(`  ${arms.length} arms × ${rounds} round(s), ${seconds} s each; backlogs ${b1.toLocaleString("en")} (batch 1) and ${b10.toLocaleString("en")} (batch 10) per round`);
      const results = await runArms(arms, { rounds, seconds, meter, log: ctx.log, load: ctx.load, warmupSeconds: ctx.quick ? 0 : 3 });
      const get = (name: string) => results.get(name)!;
      const rate = (name: string) => get(name).runsPerSecond;
      const cpu = get(ARM.runyardB1).cpuMsPerRun;
      return {
        figures: {
          runsPerSecond: rate(ARM.runyardB1),
          runsPerSecondBatch10: rate(ARM.runyardB10),
          sqlCeilingRunsPerSecond: rate(ARM.sqlB1),
          sqlCeilingRunsPerSecondBatch10: rate(ARM.sqlB10),
          pgBossJobsPerSecond: rate(ARM.pgBossB1),
          pgBossJobsPerSecondBatch10: rate(ARM.pgBossB10),
          viaNextRunsPerSecond: rate(ARM.nextB1),
          httpOverSqlCeiling: pairedRatio(results, ARM.runyardB1, ARM.sqlB1),
          httpOverSqlCeilingBatch10: pairedRatio(results, ARM.runyardB10, ARM.sqlB10),
          overPgBossBatch1: pairedRatio(results, ARM.runyardB1, ARM.pgBossB1),
          overPgBossBatch10: pairedRatio(results, ARM.runyardB10, ARM.pgBossB10),
          directOverNext: pairedRatio(results, ARM.runyardB1, ARM.nextB1),
          cpuMsPerRunApp: cpu.app,
          cpuMsPerRunPostgres: cpu.postgres,
          cpuMsPerRunClient: cpu.client,
          cpuMsPerRunTotal: cpu.total,
          rounds,
        },
        arms: [...results.values()],
        method: `${arms.length} arms in ${rounds} round(s) of alternating order (A…G, G…A, …)${ctx.quick ? "" : ", after an unrecorded 3 s warm-up of each"}, ${seconds} s each (or until its backlog is drained): before each, the arm's backlog is seeded by SQL and settled (VACUUM ANALYZE, CHECKPOINT). ${POLLERS} clients in every arm. Runyard: simulated workers (8 label kinds, one unlabeled; backlog over 8 label sets) with their own worker tokens — batch 1 claims one run, then reports it COMPLETED with next {max 1} (complete-and-claim, as the agent does); batch 10 claims up to 10 and reports them in one batch report with next {max 10}. SQL ceiling: the same use cases (claimOnce, reportRun, reportRuns — the same statements) called in the bench process through pg, no HTTP. pg-boss 10 in the bench process, schema pgboss_bench, pool 20: fetch(batchSize 1 or 10) → complete(ids), on a new queue of the same backlog size each round (its fetch orders the queue's whole eligible backlog, so its cost grows with the backlog: compare at the same size). "via Next": Runyard batch 1 on a second app instance with RUNYARD_DIRECT_AGENT_ROUTES=0 (every request through Next's pipeline and proxy). Figures: medians over the rounds; ratios: medians of the per-round ratios. CPU ms per run from /proc: app = the app servers' process trees, PostgreSQL = the postmaster's tree (exited backends included), client = this process (for pg-boss that is pg-boss itself; for the SQL arm the use cases).`,
        checks: [...results.values()].flatMap((r: ArmResult) => r.checks.map((c) => ({ ...c, name: `${r.name}: ${c.name}` }))),
      };
    } finally {
      await boss.stop().catch(() => undefined);
      await viaNext?.stop();
    }
  },
};
