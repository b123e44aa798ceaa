// (6) Dead worker recovery, default settings: a worker claims a run, heartbeats, then goes
// silent (as if killed). The clock runs from its last heartbeat to another worker's long-poll
// claim of that run; expected ≈ lease (RUNYARD_LEASE_S) + up to one sweep interval.
import { RunyardApiError } from "@/lib/client/runyard-client";
import { checkExactlyOnce } from "../lib/exactly-once";
import { registerFleet } from "../lib/fleet";
import { percentile, round, sleep } from "../lib/stats";
import type { Check, Scenario } from "../lib/types";

export const deadWorkerRecovery: Scenario = {
  name: "recovery",
  title: "Dead worker recovery (default lease)",
  async run(ctx) {
    const trials = ctx.quick ? 2 : 5;
    const leaseSeconds = Number(process.env.RUNYARD_LEASE_S || 15);
    const sweepMs = Number(process.env.RUNYARD_SWEEP_INTERVAL_MS || 1000);
    const team = await ctx.newTeam("recovery");
    const doomed = await registerFleet(team, "doomed", [[]], trials);
    for (let i = 0; i < trials; i++) await team.admin.scheduleComputeWorkerRun({ name: `recovery-${i}` });
    const held = await Promise.all(
      doomed.map(async (worker) => {
        const { runs } = await worker.client.claimComputeWorkerRuns(worker.id, { max: 1 });
        if (!runs[0]) throw new Error("a doomed worker found nothing to claim");
        // Alive for two heartbeats, then silent: the time of the last answered heartbeat counts.
        let lastBeat = 0;
        for (let beat = 0; beat < 2; beat++) {
          await sleep(1000);
          await worker.client.heartbeatComputeWorker(worker.id, {});
          lastBeat = performance.now();
        }
        return { worker, run: runs[0], lastBeat };
      }),
    );
    ctx.log(`  ${trials} workers went silent holding a run; 2 rescuers long-poll (lease ${leaseSeconds} s, sweep ${sweepMs} ms)`);
    const rescuers = await registerFleet(team, "rescuer", [[]], 2);
    const reclaimedAt = new Map<string, number>();
    const completions = new Map<string, number>();
    const errors: string[] = [];
    const deadline = Date.now() + (leaseSeconds + 30) * 1000;
    await Promise.all(
      rescuers.map(async (worker) => {
        while (reclaimedAt.size < trials && Date.now() < deadline) {
          try {
            const { runs } = await worker.client.claimComputeWorkerRuns(worker.id, { max: 1, waitSeconds: 5 });
            for (const run of runs) {
              reclaimedAt.set(run.id, performance.now());
              await worker.client.reportComputeWorkerRun(run.id, { leaseToken: run.leaseToken, state: "COMPLETED" });
              completions.set(run.id, (completions.get(run.id) ?? 0) + 1);
            }
          } catch (error) {
            errors.push((error as Error).message);
          }
        }
      }),
    );
    const seconds = held.flatMap((h) => (reclaimedAt.has(h.run.id) ? [(reclaimedAt.get(h.run.id)! - h.lastBeat) / 1000] : []));
    // The presumed-dead worker wakes up and reports: fenced off, changes nothing.
    let fenced = 0;
    for (const h of held) {
      try {
        await h.worker.client.reportComputeWorkerRun(h.run.id, { leaseToken: h.run.leaseToken, state: "FAILED" });
      } catch (error) {
        if (error instanceof RunyardApiError && error.status === 409) fenced += 1;
      }
    }
    const checks: Check[] = await checkExactlyOnce(ctx.db, { teamId: team.teamId, completions, expectCompleted: trials, attempt: 2 });
    checks.push({ name: "every silent worker's run was claimed again", ok: seconds.length === trials, detail: `${seconds.length} / ${trials}` });
    checks.push({ name: "late reports of the dead workers get 409", ok: fenced === trials, detail: `${fenced} / ${trials} fenced` });
    checks.push({ name: "no request failed", ok: errors.length === 0, detail: errors.slice(0, 3).join("; ") || "none" });
    return {
      figures: {
        medianSeconds: round(percentile(seconds, 50), 2),
        maxSeconds: round(percentile(seconds, 100), 2),
        leaseSeconds,
        sweepIntervalMs: sweepMs,
        trials,
      },
      method: `${trials} workers each claim a run, heartbeat twice (1 s apart) and go silent; 2 other workers long-poll (waitSeconds 5). Time from the silent worker's last heartbeat response to the claim response that hands its run (attempt 2) to a rescuer. App on default settings: lease ${leaseSeconds} s, lease sweep every ${sweepMs} ms.`,
      checks,
    };
  },
};
