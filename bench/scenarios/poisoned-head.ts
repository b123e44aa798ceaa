// (3) Poisoned head: as (2), but behind 100k older CRITICAL runs needing a label no worker has,
// in a backlog of 1M runs. SPEC §4: the claim must not slow down (design goal ≥ 0.9 of (2)).
import { labelSets, seedOpenRuns } from "../lib/seed";
import { round } from "../lib/stats";
import type { Scenario } from "../lib/types";
import { drainBacklog, POLLERS } from "./throughput";

export const poisonedHead: Scenario = {
  name: "poisoned-head",
  title: "Poisoned head (unclaimable runs ahead of a big backlog)",
  async run(ctx) {
    const poisoned = ctx.quick ? 10_000 : 100_000;
    const backlog = ctx.quick ? 100_000 : 1_000_000;
    const seconds = ctx.quick ? 8 : 40;
    const r = await drainBacklog(ctx, {
      prefix: "poison",
      backlog,
      seconds,
      before: async (teamId) => {
        const [nobody] = await labelSets(ctx.db, teamId, [["nobody-has-this"]]);
        await seedOpenRuns(ctx.db, { teamId, labelSetIds: [nobody!], count: poisoned, priority: "CRITICAL", ageSeconds: 86_400, log: ctx.log });
      },
    });
    return {
      figures: { runsPerSecond: r.runsPerSecond, claimStatementMs: r.claimStatementMs, claimP50Ms: r.claimP50Ms, reportP50Ms: r.reportP50Ms, completed: r.completed, seconds: round(r.elapsed), poisoned, backlog },
      method: `As throughput, with ${poisoned.toLocaleString("en")} older CRITICAL runs needing \`nobody-has-this\` at the head of the queue and ${backlog.toLocaleString("en")} claimable runs behind them (all seeded by SQL); ${POLLERS} pollers for ${seconds} s. Runs completed ÷ seconds; \`claimStatementMs\` as in throughput. The reports also write into a table (and its indexes) of 1.1M rows here.`,
      checks: r.checks,
    };
  },
};
