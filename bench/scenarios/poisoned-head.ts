// (3) Poisoned head, interleaved with a clean queue: two teams in the same runs table, one
// behind 100k older CRITICAL runs needing a label no worker has, worked in alternating rounds
// (clean, poisoned, poisoned, clean, …) by the same kind of fleet at batch 1 (complete-and-claim).
// SPEC §4: the claim must not slow down (design goal: poisoned ≥ 0.9 × clean).
import { claimStatementMs } from "../lib/claim-cost";
import { pairedRatio, runArms } from "../lib/arms";
import { cpuMeter } from "../lib/cpu";
import { runyardArm, WORKER_KINDS } from "../lib/runyard-arm";
import { labelSets, seedOpenRuns } from "../lib/seed";
import { round } from "../lib/stats";
import type { Scenario } from "../lib/types";
import { POLLERS, roundsFor } from "./throughput";

export const poisonedHead: Scenario = {
  name: "poisoned-head",
  title: "Poisoned head vs clean, interleaved (unclaimable runs ahead of a big table)",
  async run(ctx) {
    const poison = ctx.quick ? 10_000 : 100_000;
    // Bulk: a big runs table for both arms (another team's OPEN runs nobody here can see).
    const bulk = ctx.quick ? 50_000 : 1_000_000;
    const backlog = ctx.quick ? 600 : 20_000;
    const seconds = Number(process.env.BENCH_SECONDS || (ctx.quick ? 4 : 20));
    const rounds = roundsFor(ctx);
    const ballast = await ctx.newTeam("ballast");
    const [ballastSet] = await labelSets(ctx.db, ballast.teamId, [["ballast"]]);
    await seedOpenRuns(ctx.db, { teamId: ballast.teamId, labelSetIds: [ballastSet!], count: bulk, ageSeconds: 86_400, log: ctx.log });
    // Labelled workers only, in both arms: an unlabeled worker may take any run — the poison too.
    const kinds = WORKER_KINDS.filter((k) => k.length > 0);
    const clean = runyardArm(ctx, { name: "clean", batch: 1, backlog, workers: POLLERS, via: "http", kinds });
    const poisoned = runyardArm(ctx, { name: "poisoned", batch: 1, backlog, workers: POLLERS, via: "http", poison, kinds });
    const meter = await cpuMeter(ctx.db, () => [ctx.app.process.pid!]);
    ctx.log(`  clean and poisoned (${poison.toLocaleString("en")} unclaimable CRITICAL runs at the head) × ${rounds} round(s), ${seconds} s each, in a table of ${bulk.toLocaleString("en")}+ runs`);
    const results = await runArms([clean, poisoned], { rounds, seconds, meter, log: ctx.log, load: ctx.load, warmupSeconds: ctx.quick ? 0 : 3 });
    // The claim statement's own time for a [gpu, h100] worker of each team, on the full table.
    const statement = async (teamId: string | undefined) => {
      const { rows } = await ctx.db.query<{ id: string }>("SELECT id FROM workers WHERE team_id = $1 AND labels = ARRAY['gpu','h100']::text[] LIMIT 1", [teamId]);
      return rows[0] ? claimStatementMs(ctx.db, rows[0].id) : undefined;
    };
    const cleanMs = await statement(clean.teamId());
    const poisonedMs = await statement(poisoned.teamId());
    return {
      figures: {
        runsPerSecond: results.get("poisoned")!.runsPerSecond,
        cleanRunsPerSecond: results.get("clean")!.runsPerSecond,
        poisonedOverClean: pairedRatio(results, "poisoned", "clean"),
        claimStatementMs: round(poisonedMs, 3),
        cleanClaimStatementMs: round(cleanMs, 3),
        poison,
        bulk,
        rounds,
      },
      arms: [...results.values()],
      method: `Two teams' fleets of ${POLLERS} simulated workers (7 labelled kinds: an unlabeled worker could take the poison) at batch 1 (claim, then complete-and-claim), in ${rounds} round(s) of alternating order, ${seconds} s each, each round on ${backlog.toLocaleString("en")} newly seeded and settled runs per team. The poisoned team has ${poison.toLocaleString("en")} older CRITICAL runs needing \`nobody-has-this\` ahead of its backlog; both share a runs table holding ${bulk.toLocaleString("en")} more OPEN runs of a third team. poisonedOverClean: the median of the per-round ratios. \`claimStatementMs\`: median execution time of the claim statement itself (EXPLAIN ANALYZE, rolled back, 20 samples, a [gpu, h100] worker) after the rounds.`,
      checks: [...results.values()].flatMap((r) => r.checks.map((c) => ({ ...c, name: `${r.name}: ${c.name}` }))),
    };
  },
};
