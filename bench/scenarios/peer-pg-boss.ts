// (4) Peer: pg-boss 10, the Node PostgreSQL queue users would otherwise pick, doing the same
// claim → complete work (no labels: pg-boss has none) with the same client count, in its own
// schema on the same database. It runs in-process (no HTTP hop), as pg-boss users run it.
import PgBoss from "pg-boss";
import { round } from "../lib/stats";
import type { Check, Scenario } from "../lib/types";
import { POLLERS } from "./throughput";

const SCHEMA = "pgboss_bench";
const QUEUE = "bench";
/** The same pool size as the app's default RUNYARD_DB_POOL_SIZE. */
const POOL = 20;

export const peerPgBoss: Scenario = {
  name: "peer",
  title: "Peer: pg-boss 10 (same work, no labels)",
  async run(ctx) {
    const jobs = ctx.quick ? 1000 : 10_000;
    const limitSeconds = ctx.quick ? 10 : 90;
    await ctx.db.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    const boss = new PgBoss({ connectionString: ctx.databaseUrl, schema: SCHEMA, max: POOL, supervise: false, schedule: false, migrate: true });
    boss.on("error", (error) => ctx.log(`  pg-boss error: ${error.message}`));
    await boss.start();
    await boss.createQueue(QUEUE);
    for (let i = 0; i < jobs; i += 1000) {
      await boss.insert(Array.from({ length: Math.min(1000, jobs - i) }, (_, k) => ({ name: QUEUE, data: { n: i + k } })));
    }
    ctx.log(`  ${POLLERS} pg-boss workers (fetch 1 → complete) on ${jobs.toLocaleString("en")} jobs`);
    const completions = new Map<string, number>();
    const errors: string[] = [];
    const started = Date.now();
    let lastAt = started;
    const deadline = started + limitSeconds * 1000;
    await Promise.all(
      Array.from({ length: POLLERS }, async () => {
        while (completions.size < jobs && Date.now() < deadline && errors.length < 20) {
          try {
            const [job] = await boss.fetch(QUEUE, { batchSize: 1 });
            if (!job) {
              await new Promise((r) => setTimeout(r, 25));
              continue;
            }
            await boss.complete(QUEUE, job.id);
            completions.set(job.id, (completions.get(job.id) ?? 0) + 1);
            lastAt = Date.now();
          } catch (error) {
            errors.push((error as Error).message);
          }
        }
      }),
    );
    const elapsed = (lastAt - started) / 1000;
    const { rows } = await ctx.db.query<{ state: string; n: number; retried: number }>(
      `SELECT state::text, count(*)::int AS n, count(*) FILTER (WHERE retry_count > 0)::int AS retried FROM ${SCHEMA}.job WHERE name = $1 GROUP BY state`,
      [QUEUE],
    );
    await boss.stop({ graceful: false, wait: true });
    const byState = Object.fromEntries(rows.map((r) => [r.state, r.n]));
    const retried = rows.reduce((sum, r) => sum + r.retried, 0);
    const twice = [...completions.values()].filter((n) => n !== 1).length;
    const checks: Check[] = [
      { name: "clients saw each job completed once", ok: twice === 0, detail: `${completions.size} completed, ${twice} more than once` },
      { name: "every job completed, none retried", ok: byState.completed === jobs && retried === 0 && completions.size === jobs, detail: JSON.stringify({ ...byState, retried }) },
      { name: "no call failed", ok: errors.length === 0, detail: errors.slice(0, 3).join("; ") || "none" },
    ];
    return {
      figures: { jobsPerSecond: round(completions.size / elapsed), completed: completions.size, seconds: round(elapsed) },
      method: `pg-boss 10 in the bench process, schema \`${SCHEMA}\` on the app's database, pool of ${POOL} connections (the app's default pool size); ${jobs.toLocaleString("en")} jobs inserted up front; ${POLLERS} concurrent loops each \`fetch(batchSize 1)\` → \`complete\`. Jobs completed ÷ seconds from the first fetch to the last completion. No HTTP hop here: each Runyard run costs two HTTP requests with token authentication, label matching and a timeline.`,
      checks,
    };
  },
};
