// Side-by-side measurement: several arms (Runyard at batch 1, pg-boss at batch 10, the SQL-only
// ceiling, …) run one after another in the same scenario, in rounds whose order alternates
// (A B C, C B A, A B C, …), each arm on a freshly seeded and settled backlog. A figure is the
// median over the rounds; a ratio is the median of the per-round ratios (the two arms of a
// ratio ran minutes, not a scenario, apart — on a machine whose load swings, that matters).
import type { CpuMeter, CpuMsPerRun } from "./cpu";
import { round } from "./stats";
import type { Check } from "./types";

export type ArmOutcome = { completed: number; seconds: number; checks: Check[] };

export type Arm = {
  name: string;
  /** Seeds and settles this round's backlog (not timed). */
  prepare(round: number): Promise<void>;
  /** Works the backlog until `deadline` (or until it is drained); the runs it completed. */
  run(deadline: number): Promise<ArmOutcome>;
};

export type ArmRound = { runsPerSecond: number; completed: number; seconds: number; cpu: CpuMsPerRun; load: number };

export type ArmResult = {
  name: string;
  rounds: ArmRound[];
  runsPerSecond: number | null;
  cpuMsPerRun: CpuMsPerRun;
  checks: Check[];
};

export function median(values: readonly (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

export async function runArms(
  arms: Arm[],
  options: { rounds: number; seconds: number; meter: CpuMeter; log: (line: string) => void; load: () => number; warmupSeconds?: number },
): Promise<Map<string, ArmResult>> {
  const results = new Map<string, ArmResult>(arms.map((a) => [a.name, { name: a.name, rounds: [], runsPerSecond: null, cpuMsPerRun: { app: null, postgres: null, client: null, total: null }, checks: [] }]));
  // A short unrecorded pass of every arm first: JIT, connection pools and prepared statements
  // warm, so the first measured arm is not the one that paid for them.
  if (options.warmupSeconds) {
    for (const arm of arms) {
      await arm.prepare(options.rounds);
      await arm.run(Date.now() + options.warmupSeconds * 1000);
    }
    options.log(`  warmed up every arm (${options.warmupSeconds} s each, not counted)`);
  }
  for (let r = 0; r < options.rounds; r++) {
    const order = r % 2 === 0 ? arms : [...arms].reverse();
    for (const arm of order) {
      await arm.prepare(r);
      const before = options.meter.sample();
      const outcome = await arm.run(Date.now() + options.seconds * 1000);
      const after = options.meter.sample();
      const cpu = options.meter.perRun(before, after, outcome.completed);
      const runsPerSecond = round(outcome.completed / Math.max(outcome.seconds, 0.001)) ?? 0;
      const result = results.get(arm.name)!;
      result.rounds.push({ runsPerSecond, completed: outcome.completed, seconds: round(outcome.seconds, 2) ?? 0, cpu, load: round(options.load(), 2) ?? 0 });
      // A check holds when it held in every round.
      for (const check of outcome.checks) {
        const existing = result.checks.find((c) => c.name === check.name);
        if (!existing) result.checks.push({ ...check, detail: `round ${r + 1}: ${check.detail}` });
        else if (!check.ok && existing.ok) Object.assign(existing, { ok: false, detail: `round ${r + 1}: ${check.detail}` });
      }
      options.log(`  round ${r + 1} ${arm.name}: ${runsPerSecond} runs/s (${outcome.completed} in ${outcome.seconds.toFixed(1)} s) cpu ms/run ${JSON.stringify(cpu)}`);
    }
  }
  for (const result of results.values()) {
    result.runsPerSecond = round(median(result.rounds.map((x) => x.runsPerSecond)) ?? undefined);
    const part = (key: keyof CpuMsPerRun) => round(median(result.rounds.map((x) => x.cpu[key])) ?? undefined, 3);
    result.cpuMsPerRun = { app: part("app"), postgres: part("postgres"), client: part("client"), total: part("total") };
  }
  return results;
}

/** The median over rounds of a ÷ b, each round's two figures side by side. */
export function pairedRatio(results: Map<string, ArmResult>, a: string, b: string, key: (round: ArmRound) => number | null = (x) => x.runsPerSecond): number | null {
  const ra = results.get(a)?.rounds ?? [];
  const rb = results.get(b)?.rounds ?? [];
  const ratios = ra.map((x, i) => {
    const y = rb[i];
    const top = key(x);
    const bottom = y ? key(y) : null;
    return top !== null && bottom ? top / bottom : null;
  });
  return round(median(ratios) ?? undefined, 3);
}
