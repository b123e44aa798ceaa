// The peer: pg-boss 10, the Node PostgreSQL queue users would otherwise pick, doing the same
// claim → complete work (no labels: pg-boss has none) with the same client count, in its own
// schema on the same database. It runs in the bench process (no HTTP hop), as pg-boss users run
// it: batch 1 is `fetch(batchSize 1)` → `complete(id)`, batch 10 `fetch(batchSize 10)` →
// `complete(ids)`. Its backlog is settled (VACUUM ANALYZE, CHECKPOINT) like Runyard's before
// each round, and it runs interleaved with Runyard's arms in the throughput scenario.
import PgBoss from "pg-boss";
import type { Arm } from "../lib/arms";
import type { BenchContext, Check } from "../lib/types";

export const PGBOSS_SCHEMA = "pgboss_bench";
/** The same pool size as the app's default RUNYARD_DB_POOL_SIZE. */
const POOL = 20;

/** One pg-boss instance for every pg-boss arm of a scenario (started on first use). */
export function pgBossInstance(ctx: BenchContext) {
  let boss: Promise<PgBoss> | undefined;
  return {
    get(): Promise<PgBoss> {
      boss ??= (async () => {
        await ctx.db.query(`DROP SCHEMA IF EXISTS ${PGBOSS_SCHEMA} CASCADE`);
        const instance = new PgBoss({ connectionString: ctx.databaseUrl, schema: PGBOSS_SCHEMA, max: POOL, supervise: false, schedule: false, migrate: true });
        instance.on("error", (error) => ctx.log(`  pg-boss error: ${error.message}`));
        await instance.start();
        return instance;
      })();
      return boss;
    },
    async stop() {
      if (boss) await (await boss).stop({ graceful: false, wait: true });
    },
  };
}

export function pgBossArm(ctx: BenchContext, options: { name: string; batch: number; jobs: number; clients: number; instance: ReturnType<typeof pgBossInstance> }): Arm {
  let queue = "";
  return {
    name: options.name,
    async prepare(round) {
      const boss = await options.instance.get();
      queue = `bench_b${options.batch}_r${round}`;
      await boss.createQueue(queue);
      for (let i = 0; i < options.jobs; i += 1000) {
        await boss.insert(Array.from({ length: Math.min(1000, options.jobs - i) }, (_, k) => ({ name: queue, data: { n: i + k } })));
      }
      // Settled like Runyard's backlog (bench/lib/seed.ts settle()).
      await ctx.db.query(`VACUUM (ANALYZE) ${PGBOSS_SCHEMA}.job`);
      await ctx.db.query("CHECKPOINT").catch(() => undefined);
    },
    async run(deadline) {
      const boss = await options.instance.get();
      const completions = new Map<string, number>();
      const errors: string[] = [];
      const started = Date.now();
      let lastAt = started;
      await Promise.all(
        Array.from({ length: options.clients }, async () => {
          while (completions.size < options.jobs && Date.now() < deadline && errors.length < 20) {
            try {
              const jobs = await boss.fetch(queue, { batchSize: options.batch });
              if (!jobs || jobs.length === 0) {
                await new Promise((r) => setTimeout(r, 25));
                continue;
              }
              await boss.complete(queue, jobs.map((j) => j.id));
              for (const job of jobs) completions.set(job.id, (completions.get(job.id) ?? 0) + 1);
              lastAt = Date.now();
            } catch (error) {
              errors.push((error as Error).message);
            }
          }
        }),
      );
      const { rows } = await ctx.db.query<{ state: string; n: number; retried: number }>(
        `SELECT state::text, count(*)::int AS n, count(*) FILTER (WHERE retry_count > 0)::int AS retried FROM ${PGBOSS_SCHEMA}.job WHERE name = $1 GROUP BY state`,
        [queue],
      );
      const byState = Object.fromEntries(rows.map((r) => [r.state, r.n]));
      const retried = rows.reduce((sum, r) => sum + r.retried, 0);
      const twice = [...completions.values()].filter((n) => n !== 1).length;
      const checks: Check[] = [
        { name: "clients saw each job completed once", ok: twice === 0, detail: `${completions.size} completed, ${twice} more than once` },
        { name: "the database agrees, none retried, none left active", ok: (byState.completed ?? 0) === completions.size && retried === 0 && !byState.active, detail: JSON.stringify({ ...byState, retried }) },
        { name: "no call failed", ok: errors.length === 0, detail: errors.slice(0, 3).join("; ") || "none" },
      ];
      return { completed: completions.size, seconds: (lastAt - started) / 1000, checks };
    },
  };
}
