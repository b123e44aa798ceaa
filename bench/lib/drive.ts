// Simulated workers doing what the agent does, as fast as the server lets them:
//  - batch 1: claim one run, then report it COMPLETED with `next: {max: 1}` (complete-and-claim:
//    one request per run once the loop is going);
//  - batch N: claim up to N, then report them all in one batch report with `next: {max: N}`.
// Over HTTP (the app) or, for the SQL-only ceiling, through the same use cases in this process
// (the same statements via pg, no HTTP).
import type { ClaimedRun } from "@/lib/contract/runs";
import type { Principal } from "@/lib/server/auth/authenticate";
import type { SimWorker } from "./fleet";

export type DriveStats = {
  /** Completions seen by the clients, per run id: each must be exactly 1. */
  completions: Map<string, number>;
  errors: string[];
  firstAt: number;
  lastAt: number;
};

type Held = Pick<ClaimedRun, "id" | "leaseToken">;

/** What one simulated worker calls: HTTP through its client, or the use cases in-process. */
export type WorkerCalls = {
  claim(max: number): Promise<Held[]>;
  /** Reports these runs COMPLETED and claims up to `next` more with them. */
  complete(runs: Held[], next: number): Promise<{ ok: string[]; failed: string[]; next: Held[] }>;
};

/** `next` asks for runs only when there is room: 0 asks for none. */
const nextOf = (max: number) => (max > 0 ? { next: { max } } : {});

export function httpCalls(worker: SimWorker): WorkerCalls {
  return {
    claim: async (max) => (await worker.client.claimComputeWorkerRuns(worker.id, { max })).runs,
    async complete(runs, next) {
      if (runs.length === 1) {
        const answer = await worker.client.reportComputeWorkerRun(runs[0]!.id, { leaseToken: runs[0]!.leaseToken, state: "COMPLETED", ...nextOf(next) });
        return { ok: [answer.id], failed: [], next: answer.next ?? [] };
      }
      const answer = await worker.client.reportComputeWorkerRuns(worker.id, {
        reports: runs.map((r) => ({ runId: r.id, leaseToken: r.leaseToken, state: "COMPLETED" as const })),
        ...nextOf(next),
      });
      return {
        ok: answer.results.filter((r) => r.ok).map((r) => r.runId),
        failed: answer.results.filter((r) => !r.ok).map((r) => `${r.runId}: ${r.ok ? "" : r.problem.detail}`),
        next: answer.next ?? [],
      };
    },
  };
}

/** The SQL-only ceiling: the same use cases (and so the same statements) the routes call, without HTTP. */
export async function sqlCalls(teamId: string, workerId: string): Promise<WorkerCalls> {
  const { claimOnce } = await import("@/lib/server/claims/claim-runs");
  const { reportRun, reportRuns } = await import("@/lib/server/runs/report-run");
  const principal: Principal = { kind: "token", teamId, scope: "worker", tokenId: "bench", workerId, userId: null, actor: "bench" };
  return {
    claim: async (max) => (await claimOnce(teamId, workerId, max)).runs,
    async complete(runs, next) {
      if (runs.length === 1) {
        const answer = await reportRun(principal, runs[0]!.id, { leaseToken: runs[0]!.leaseToken, state: "COMPLETED", ...nextOf(next) });
        return { ok: [answer.id], failed: [], next: answer.next ?? [] };
      }
      const answer = await reportRuns(principal, workerId, { reports: runs.map((r) => ({ runId: r.id, leaseToken: r.leaseToken, state: "COMPLETED" as const })), ...nextOf(next) });
      return {
        ok: answer.results.filter((r) => r.ok).map((r) => r.runId),
        failed: answer.results.filter((r) => !r.ok).map((r) => r.runId),
        next: answer.next ?? [],
      };
    },
  };
}

/**
 * Every worker loops claim → complete(+next) with `batch` runs at a time until `isDone()` or the
 * deadline. A worker that finds nothing pauses briefly (waitSeconds 0: stopping never abandons
 * a long-poll that may just have claimed a run). Runs still held at the deadline are reported
 * without asking for more, so nothing stays held.
 */
export async function drive(workers: WorkerCalls[], options: { batch: number; deadline: number; isDone?: (stats: DriveStats) => boolean }): Promise<DriveStats> {
  const stats: DriveStats = { completions: new Map(), errors: [], firstAt: Date.now(), lastAt: Date.now() };
  const shouldStop = () => Date.now() >= options.deadline || (options.isDone?.(stats) ?? false) || stats.errors.length > 20;
  const record = (ok: string[], failed: string[]) => {
    for (const id of ok) stats.completions.set(id, (stats.completions.get(id) ?? 0) + 1);
    stats.errors.push(...failed);
    if (ok.length) stats.lastAt = Date.now();
  };
  await Promise.all(
    workers.map(async (calls) => {
      let held: Held[] = [];
      while (!shouldStop() || held.length > 0) {
        try {
          if (held.length === 0) {
            held = await calls.claim(options.batch);
            if (held.length === 0) await new Promise((r) => setTimeout(r, 25));
            continue;
          }
          const done = await calls.complete(held, shouldStop() ? 0 : options.batch);
          record(done.ok, done.failed);
          held = done.next;
        } catch (error) {
          stats.errors.push((error as Error).message);
          held = [];
        }
      }
    }),
  );
  return stats;
}
