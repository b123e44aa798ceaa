// Simulated workers over HTTP: registered through the API, each with its own worker-bound
// token, each looping claim → COMPLETED as fast as the server lets it.
import type { RunyardClient } from "@/lib/client/runyard-client";
import type { BenchTeam } from "./types";

export type SimWorker = { id: string; labels: string[]; client: RunyardClient };

/** `count` workers, worker i labelled `kinds[i % kinds.length]`. */
export async function registerFleet(team: BenchTeam, prefix: string, kinds: string[][], count: number): Promise<SimWorker[]> {
  const workers: SimWorker[] = [];
  for (let i = 0; i < count; i++) {
    const labels = kinds[i % kinds.length]!;
    const worker = await team.admin.registerComputeWorker({ name: `${prefix}-${i}`, labels });
    workers.push({ id: worker.id, labels, client: await team.workerClient(worker.id) });
  }
  return workers;
}

export type PollStats = {
  /** Completions seen by the clients, per run id: each must be exactly 1. */
  completions: Map<string, number>;
  errors: string[];
  /** Client-side request times (ms) of claims that returned a run, and of the reports. */
  claimMs: number[];
  reportMs: number[];
  firstAt: number;
  lastAt: number;
};

/**
 * Every worker claims one run at a time and completes it, until `isDone()` or the deadline.
 * waitSeconds 0: a worker that finds nothing retries after a short pause, so stopping never
 * abandons a long-poll that may just have claimed a run.
 */
export async function pollUntil(workers: SimWorker[], options: { deadline: number; isDone?: (stats: PollStats) => boolean }): Promise<PollStats> {
  const stats: PollStats = { completions: new Map(), errors: [], claimMs: [], reportMs: [], firstAt: Date.now(), lastAt: Date.now() };
  const shouldStop = () => Date.now() >= options.deadline || (options.isDone?.(stats) ?? false) || stats.errors.length > 20;
  await Promise.all(
    workers.map(async (worker) => {
      while (!shouldStop()) {
        try {
          const claimStarted = performance.now();
          const { runs } = await worker.client.claimComputeWorkerRuns(worker.id, { max: 1 });
          const run = runs[0];
          if (!run) {
            await new Promise((r) => setTimeout(r, 25));
            continue;
          }
          const reportStarted = performance.now();
          stats.claimMs.push(reportStarted - claimStarted);
          await worker.client.reportComputeWorkerRun(run.id, { leaseToken: run.leaseToken, state: "COMPLETED" });
          stats.reportMs.push(performance.now() - reportStarted);
          stats.completions.set(run.id, (stats.completions.get(run.id) ?? 0) + 1);
          stats.lastAt = Date.now();
        } catch (error) {
          stats.errors.push(`${worker.id}: ${(error as Error).message}`);
        }
      }
    }),
  );
  return stats;
}
