// (2) Throughput: 32 simulated workers over HTTP drain a backlog spread over 8 label sets.
import { claimStatementMs } from "../lib/claim-cost";
import { checkExactlyOnce } from "../lib/exactly-once";
import { pollUntil, registerFleet } from "../lib/fleet";
import { labelSets, seedOpenRuns } from "../lib/seed";
import { percentile, round } from "../lib/stats";
import type { BenchContext, Scenario } from "../lib/types";

/** BENCH_POLLERS overrides it for experiments (1 poller: the cost of one claim → complete). */
export const POLLERS = Number(process.env.BENCH_POLLERS || 32);

/** The 8 label sets runs need, and the 8 kinds of worker (between them every set is covered). */
export const LABEL_SETS = [[], ["gpu"], ["cpu"], ["gpu", "a100"], ["gpu", "h100"], ["cpu", "arm"], ["cpu", "x86"], ["gpu", "a100", "eu"]];
export const WORKER_KINDS = [["gpu", "a100", "eu"], ["gpu", "h100"], ["cpu", "arm"], ["cpu", "x86"], ["gpu", "a100"], ["gpu"], ["cpu", "x86", "arm"], []];

/** Seeds `backlog` runs (after `before`, if any), lets the pollers work, checks exactly-once. */
export async function drainBacklog(
  ctx: BenchContext,
  options: { prefix: string; backlog: number; seconds: number; before?: (teamId: string) => Promise<void> },
) {
  const team = await ctx.newTeam(options.prefix);
  await options.before?.(team.teamId);
  const sets = await labelSets(ctx.db, team.teamId, LABEL_SETS);
  await seedOpenRuns(ctx.db, { teamId: team.teamId, labelSetIds: sets, count: options.backlog, ageSeconds: 3600, log: ctx.log });
  const workers = await registerFleet(team, options.prefix, WORKER_KINDS, POLLERS);
  // Worker 1 ([gpu, h100]) may take 3 of the 8 sets: the claim must read only those heads.
  const claimMs = await claimStatementMs(ctx.db, workers[1 % workers.length]!.id);
  ctx.log(`  ${POLLERS} pollers on ${options.backlog.toLocaleString("en")} runs for at most ${options.seconds} s`);
  const started = Date.now();
  const stats = await pollUntil(workers, { deadline: started + options.seconds * 1000, isDone: (s) => s.completions.size >= options.backlog });
  const elapsed = (stats.lastAt - started) / 1000;
  const drained = stats.completions.size >= options.backlog;
  const checks = await checkExactlyOnce(ctx.db, { teamId: team.teamId, completions: stats.completions, expectCompleted: drained ? options.backlog : undefined });
  checks.push({ name: "no request failed", ok: stats.errors.length === 0, detail: stats.errors.slice(0, 3).join("; ") || "none" });
  return {
    completed: stats.completions.size,
    elapsed,
    drained,
    runsPerSecond: round(stats.completions.size / elapsed),
    claimStatementMs: round(claimMs, 3),
    claimP50Ms: round(percentile(stats.claimMs, 50)),
    reportP50Ms: round(percentile(stats.reportMs, 50)),
    checks,
  };
}

export const throughput: Scenario = {
  name: "throughput",
  title: "Throughput (32 pollers, 8 label sets)",
  async run(ctx) {
    const backlog = ctx.quick ? 1000 : 10_000;
    const r = await drainBacklog(ctx, { prefix: "tput", backlog, seconds: ctx.quick ? 10 : 90 });
    return {
      figures: { runsPerSecond: r.runsPerSecond, claimStatementMs: r.claimStatementMs, claimP50Ms: r.claimP50Ms, reportP50Ms: r.reportP50Ms, completed: r.completed, seconds: round(r.elapsed), drained: String(r.drained) },
      method: `${POLLERS} simulated workers (8 label kinds, one unlabeled) in one Node process, each looping claim (max 1) → report COMPLETED over HTTP with its own worker token; a backlog of ${backlog.toLocaleString("en")} OPEN runs over 8 label sets seeded by SQL. Runs completed ÷ seconds from the first claim to the last completion${ctx.quick ? "" : " (or a 90 s cap)"}. \`claimStatementMs\`: median execution time of the claim statement itself (EXPLAIN ANALYZE, rolled back, 20 samples, a [gpu, h100] worker) on the full queue before the pollers start.`,
      checks: r.checks,
    };
  },
};
