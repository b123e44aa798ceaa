// Runs the lease sweep on a timer inside each app instance (started by instrumentation.ts).
import { env } from "@/lib/env";
import { expireLeases, sweepLeases, type SweepResult } from "@/lib/server/runs/expire-leases";
import { onStop } from "@/lib/server/lifecycle";
import { isSweepHeld } from "@/lib/server/runs/sweep-hold";

const BATCH = 1000;
const state = globalThis as unknown as { runyardSweeper?: NodeJS.Timeout };

export function startLeaseSweeper(): void {
  if (state.runyardSweeper) return;
  let running = false;
  let failing = false;
  state.runyardSweeper = setInterval(async () => {
    if (running || isSweepHeld()) return;
    running = true;
    try {
      const first = await sweepLeases(BATCH);
      if (first.renewed > 0) {
        console.log(`[runyard] lease sweep: no sweep for ${Math.round(first.gapMs / 1000)} s (outage); renewed ${first.renewed} held lease(s) so live agents can call in`);
      }
      // Keep sweeping while full batches come back (a mass expiry).
      for (let swept: SweepResult = first; swept.requeued + swept.crashed + swept.aborted >= BATCH; ) swept = await expireLeases(BATCH);
      if (failing) console.log("[runyard] lease sweep: database reachable again");
      failing = false;
    } catch (error) {
      if (!failing) console.error(`[runyard] lease sweep failed (will keep trying): ${(error as Error).message}`);
      failing = true;
    } finally {
      running = false;
    }
  }, env().RUNYARD_SWEEP_INTERVAL_MS);
  state.runyardSweeper.unref();
  onStop(() => clearInterval(state.runyardSweeper));
}
