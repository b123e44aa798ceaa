// Thundering herd (issue 16): 1,000 idle long-polling workers (half unlabelled, half
// labelled), 200 runs scheduled one at a time (the next once the previous was received).
// Claim statements per run: before proportional wake-ups, every eligible waiter claimed.
import { createToken } from "@/lib/server/auth/tokens";
import { LoopbackClient, registerIdleFleet, scrapeApp, settle, startPolling, teamName } from "../lib/idle-fleet";
import { percentile, round, sleep } from "../lib/stats";
import type { Check, Scenario } from "../lib/types";

const KINDS = [[], ["gpu"]];
const RUNS_ON = [[], ["gpu"]];

export const herd: Scenario = {
  name: "herd",
  title: "Thundering herd (1,000 idle long-polls, runs one at a time)",
  async run(ctx) {
    const idle = ctx.quick ? 200 : 1000;
    const runs = ctx.quick ? 50 : 200;
    const team = await ctx.newTeam("herd");
    const name = await teamName(ctx, team.teamId);
    const admin = (await createToken({ teamId: team.teamId, scope: "admin", name: "bench herd admin" })).secret;
    ctx.log(`  registering ${idle} workers…`);
    const agents = await registerIdleFleet(ctx, team, "herd", KINDS, idle);
    const client = new LoopbackClient(ctx.app.url, idle + 16);
    const loop = startPolling(client, agents, { waitSeconds: 30, spreadMs: 3000 });
    await sleep(3000);
    await settle(async () => (await scrapeApp(client, admin, name)).claimTransactions, 3000, 60_000);

    const start = await scrapeApp(client, admin, name);
    const ids: string[] = [];
    for (let i = 0; i < runs; i++) {
      const at = performance.now();
      const run = await team.admin.scheduleComputeWorkerRun({ name: `herd-${i}`, runsOn: RUNS_ON[i % RUNS_ON.length] });
      loop.scheduled(run.id, at);
      ids.push(run.id);
      await Promise.race([loop.whenTaken(run.id), sleep(30_000)]);
    }
    await sleep(2000); // claims woken by the last run finish
    const end = await scrapeApp(client, admin, name);
    await loop.stop();

    const pickups = ids.map((id) => loop.pickups.get(id)).filter((v): v is number => v !== undefined);
    const checks: Check[] = [
      { name: "every run was taken exactly once", ok: ids.every((id) => loop.taken.get(id) === 1), detail: `${ids.filter((id) => loop.taken.get(id) === 1).length}/${runs} once` },
      { name: "no request failed", ok: loop.errors.length === 0, detail: loop.errors.slice(0, 3).join("; ") || "none" },
    ];
    return {
      figures: {
        idle,
        runs,
        claimStatementsPerRun: round((end.claimTransactions - start.claimTransactions) / runs, 2),
        pickupP50Ms: round(percentile(pickups, 50)),
        pickupP99Ms: round(percentile(pickups, 99)),
      },
      method: `${idle} workers (half unlabelled, half [gpu]) long-poll with waitSeconds 30 over loopback; once their first claims settled, ${runs} runs (alternately runsOn [] and [gpu]) are scheduled one at a time, the next when the previous was received. Claim statements per run = runyard_claim_transactions_total delta ÷ runs (each claim transaction runs one claim statement); pickup = from sending the schedule request to the agent receiving the run.`,
      checks,
    };
  },
};
