// A Runyard arm for bench/lib/arms.ts: its own team and worker fleet (8 label kinds, one
// unlabeled), a backlog over 8 label sets seeded by SQL and settled before each round, worked
// by simulated workers over HTTP or — the SQL-only ceiling — through the same use cases in
// this process. Exactly-once is checked over all its rounds.
import { checkExactlyOnce } from "./exactly-once";
import { drive, httpCalls, sqlCalls, type WorkerCalls } from "./drive";
import type { Arm } from "./arms";
import { labelSets, seedOpenRuns } from "./seed";
import type { BenchContext, BenchTeam } from "./types";

/** The 8 label sets runs need, and the 8 kinds of worker (between them every set is covered). */
export const LABEL_SETS = [[], ["gpu"], ["cpu"], ["gpu", "a100"], ["gpu", "h100"], ["cpu", "arm"], ["cpu", "x86"], ["gpu", "a100", "eu"]];
export const WORKER_KINDS = [["gpu", "a100", "eu"], ["gpu", "h100"], ["cpu", "arm"], ["cpu", "x86"], ["gpu", "a100"], ["gpu"], ["cpu", "x86", "arm"], []];

export type RunyardArmOptions = {
  name: string;
  /** Runs per claim and per report (batch report above 1). */
  batch: number;
  /** OPEN runs added before each round. */
  backlog: number;
  workers: number;
  via: "http" | "sql";
  /** Another app instance (e.g. one serving every route through Next), for comparison. */
  baseUrl?: string;
  /** Unclaimable CRITICAL runs seeded once ahead of everything (the poisoned head). */
  poison?: number;
  /** The workers' label kinds (default WORKER_KINDS; an unlabeled worker may take any run). */
  kinds?: string[][];
};

export function runyardArm(ctx: BenchContext, options: RunyardArmOptions): Arm & { teamId(): string | undefined } {
  let team: BenchTeam | undefined;
  let sets: string[] = [];
  const workers: WorkerCalls[] = [];
  const completions = new Map<string, number>();
  let drained = true;
  let seeded = 0;
  const kinds = options.kinds ?? WORKER_KINDS;
  return {
    name: options.name,
    teamId: () => team?.teamId,
    async prepare() {
      if (!team) {
        team = await ctx.newTeam(options.name, { baseUrl: options.baseUrl });
        if (options.poison) {
          const [nobody] = await labelSets(ctx.db, team.teamId, [["nobody-has-this"]]);
          await seedOpenRuns(ctx.db, { teamId: team.teamId, labelSetIds: [nobody!], count: options.poison, priority: "CRITICAL", ageSeconds: 86_400, log: ctx.log });
        }
        sets = await labelSets(ctx.db, team.teamId, LABEL_SETS);
        for (let i = 0; i < options.workers; i++) {
          const worker = await team.admin.registerComputeWorker({ name: `${options.name}-${i}`, labels: kinds[i % kinds.length]!, maxConcurrency: options.batch });
          workers.push(options.via === "http" ? httpCalls({ id: worker.id, labels: worker.labels, client: await team.workerClient(worker.id) }) : await sqlCalls(team.teamId, worker.id));
        }
      }
      // Seeded now: each round's runs queue behind any left from the round before.
      await seedOpenRuns(ctx.db, { teamId: team.teamId, labelSetIds: sets, count: options.backlog, ageSeconds: 1800, log: ctx.log });
      seeded += options.backlog;
    },
    async run(deadline) {
      const started = Date.now();
      const before = completions.size;
      const stats = await drive(workers, { batch: options.batch, deadline, isDone: (s) => s.completions.size >= options.backlog });
      for (const [id, n] of stats.completions) completions.set(id, (completions.get(id) ?? 0) + n);
      drained &&= stats.completions.size >= options.backlog;
      const checks = await checkExactlyOnce(ctx.db, { teamId: team!.teamId, completions, expectCompleted: drained ? seeded : undefined });
      checks.push({ name: "no request failed", ok: stats.errors.length === 0, detail: stats.errors.slice(0, 3).join("; ") || "none" });
      return { completed: completions.size - before, seconds: (stats.lastAt - started) / 1000, checks };
    },
  };
}
