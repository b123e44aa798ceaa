// (5) Pickup latency: idle workers long-poll; runs are scheduled one at a time through the
// API; the clock runs from the schedule response to the claim response that carries the run.
import { checkExactlyOnce } from "../lib/exactly-once";
import { registerFleet } from "../lib/fleet";
import { percentile, round } from "../lib/stats";
import type { Scenario } from "../lib/types";

const IDLE_WORKERS = 8;

export const pickupLatency: Scenario = {
  name: "pickup-latency",
  title: "Pickup latency (idle long-polling workers)",
  async run(ctx) {
    const count = ctx.quick ? 150 : 1000;
    const team = await ctx.newTeam("pickup");
    const workers = await registerFleet(team, "pickup", [[]], IDLE_WORKERS);
    const scheduledAt = new Map<string, { sent: number; answered?: number }>();
    const waiting = new Map<string, (claimedAt: number) => void>();
    const claimedAt = new Map<string, number>();
    const completions = new Map<string, number>();
    const errors: string[] = [];
    let stopping = false;
    const abort = new AbortController();
    const loops = workers.map(async (worker) => {
      while (!stopping) {
        try {
          const { runs } = await worker.client.claimComputeWorkerRuns(worker.id, { max: 1, waitSeconds: 30 }, { signal: abort.signal });
          const at = performance.now();
          for (const run of runs) {
            claimedAt.set(run.id, at);
            waiting.get(run.id)?.(at);
            await worker.client.reportComputeWorkerRun(run.id, { leaseToken: run.leaseToken, state: "COMPLETED" });
            completions.set(run.id, (completions.get(run.id) ?? 0) + 1);
          }
        } catch (error) {
          if (!stopping) errors.push((error as Error).message);
        }
      }
    });
    await new Promise((r) => setTimeout(r, 1000)); // every worker is now waiting
    ctx.log(`  ${IDLE_WORKERS} idle long-polling workers; scheduling ${count} runs one at a time`);
    for (let i = 0; i < count && errors.length < 20; i++) {
      const sent = performance.now();
      const run = await team.admin.scheduleComputeWorkerRun({ name: `pickup-${i}` });
      const answered = performance.now();
      scheduledAt.set(run.id, { sent, answered });
      if (!claimedAt.has(run.id)) {
        await Promise.race([new Promise<number>((resolve) => waiting.set(run.id, resolve)), new Promise((r) => setTimeout(r, 10_000))]);
      }
    }
    // Let the last completions land, then release the waiting long-polls.
    const until = Date.now() + 10_000;
    while (completions.size < count && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    stopping = true;
    abort.abort();
    await Promise.all(loops);
    const fromResponse: number[] = [];
    const fromRequest: number[] = [];
    for (const [id, t] of scheduledAt) {
      const claimed = claimedAt.get(id);
      if (claimed === undefined) continue;
      fromResponse.push(claimed - t.answered!);
      fromRequest.push(claimed - t.sent);
    }
    const checks = await checkExactlyOnce(ctx.db, { teamId: team.teamId, completions, expectCompleted: count });
    checks.push({ name: "every run was picked up", ok: fromResponse.length === count, detail: `${fromResponse.length} / ${count}` });
    checks.push({ name: "no request failed", ok: errors.length === 0, detail: errors.slice(0, 3).join("; ") || "none" });
    const early = fromResponse.filter((ms) => ms < 0).length;
    return {
      figures: {
        p50Ms: round(percentile(fromResponse, 50)),
        p95Ms: round(percentile(fromResponse, 95)),
        p99Ms: round(percentile(fromResponse, 99)),
        maxMs: round(percentile(fromResponse, 100)),
        p50FromRequestMs: round(percentile(fromRequest, 50)),
        p99FromRequestMs: round(percentile(fromRequest, 99)),
        claimedBeforeScheduleAnswered: early,
        runs: fromResponse.length,
      },
      method: `${IDLE_WORKERS} unlabeled workers long-poll (waitSeconds 30); ${count} runs scheduled one after another through POST /runs, each after the previous was picked up. Latency = claim response received − schedule response received, in the same process (negative when the claim answered first: ${early} runs); the "from request" figures start at the schedule request.`,
      checks,
    };
  },
};
