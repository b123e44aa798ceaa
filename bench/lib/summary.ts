// The headline rows (one per scenario) and the ratios the issue asks for, from the results.
import type { Figure, ScenarioResult } from "./types";

export type BenchReport = {
  date: string;
  mode: "full" | "quick";
  database: string;
  machine: import("./machine").Machine;
  ratios: Record<string, number | null>;
  /** Headline figures by issue (fleet: issue 18; herd: issue 16). */
  summary?: Record<string, Record<string, number | null>>;
  scenarios: ScenarioResult[];
};

const num = (results: ScenarioResult[], name: string, key: string): number | undefined => {
  const value = results.find((r) => r.name === name && !r.skipped)?.figures[key];
  return typeof value === "number" ? value : undefined;
};

const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? Math.round((a / b) * 1000) / 1000 : null);

export function ratios(results: ScenarioResult[]): Record<string, number | null> {
  const runyard = num(results, "throughput", "runsPerSecond");
  return {
    runyardOverPgbench: ratio(runyard, num(results, "physical-limit", "tps")),
    poisonedOverThroughput: ratio(num(results, "poisoned-head", "runsPerSecond"), runyard),
    runyardOverPgBoss: ratio(runyard, num(results, "peer", "jobsPerSecond")),
    /** The claim statement's own time, poisoned ÷ plain: ~1 when the head costs nothing. */
    claimStatementPoisonedOverThroughput: ratio(num(results, "poisoned-head", "claimStatementMs"), num(results, "throughput", "claimStatementMs")),
  };
}

/** The idle fleet's (issue 18) and the herd's (issue 16) headline figures. */
export function fleetSummary(results: ScenarioResult[]): Record<string, Record<string, number | null>> {
  const pick = (name: string, keys: string[]) => Object.fromEntries(keys.map((key) => [key, num(results, name, key) ?? null]));
  return {
    fleet: pick("fleet", ["agents", "idleCommitsPerAgentMinute", "claimsPerRun", "pickupP99Ms", "rssPerLongPollKb"]),
    herd: pick("herd", ["idle", "claimStatementsPerRun", "pickupP50Ms", "pickupP99Ms"]),
  };
}

const show = (value: Figure | undefined, unit = "") => (value === null || value === undefined ? "–" : `${typeof value === "number" ? value.toLocaleString("en") : value}${unit}`);

/** [scenario, headline figure, ratio or note] per scenario. */
export function headlineRows(report: Pick<BenchReport, "scenarios" | "ratios">): string[][] {
  const r = report.ratios;
  return report.scenarios.map((s) => {
    const f = s.figures;
    if (s.skipped) return [s.title, "skipped", s.skipped];
    const failed = s.checks.filter((c) => !c.ok).length;
    const checks = failed ? `**${failed} check(s) failed**` : `${s.checks.length} check${s.checks.length === 1 ? "" : "s"} ok`;
    switch (s.name) {
      case "physical-limit":
        return [s.title, `${show(f.tps)} TPS`, checks];
      case "throughput":
        return [s.title, `${show(f.runsPerSecond)} runs/s; claim statement ${show(f.claimStatementMs)} ms`, `${show(r.runyardOverPgbench)} × pgbench · ${checks}`];
      case "poisoned-head":
        return [
          s.title,
          `${show(f.runsPerSecond)} runs/s; claim statement ${show(f.claimStatementMs)} ms`,
          `${show(r.poisonedOverThroughput)} × throughput (goal ≥ 0.9); claim statement ${show(r.claimStatementPoisonedOverThroughput)} × · ${checks}`,
        ];
      case "peer":
        return [s.title, `${show(f.jobsPerSecond)} jobs/s`, `Runyard ÷ pg-boss = ${show(r.runyardOverPgBoss)} · ${checks}`];
      case "pickup-latency":
        return [s.title, `p50 ${show(f.p50Ms)} · p95 ${show(f.p95Ms)} · p99 ${show(f.p99Ms)} ms`, `${show(f.runs)} runs · ${checks}`];
      case "recovery":
        return [s.title, `${show(f.medianSeconds)} s median (max ${show(f.maxSeconds)} s)`, `lease ${show(f.leaseSeconds)} s + sweep ${show(f.sweepIntervalMs)} ms · ${checks}`];
      case "dashboard":
        return [s.title, `/workers p50 ${show(f.workersP50Ms)} ms (p95 ${show(f.workersP95Ms)}) · /runs p50 ${show(f.runsP50Ms)} ms (p95 ${show(f.runsP95Ms)})`, checks];
      case "fleet":
        return [
          s.title,
          `${show(f.idleCommitsPerAgentMinute)} commits/agent/min idle; ${show(f.claimsPerRun)} claims/run; pickup p50 ${show(f.pickupP50Ms)} · p99 ${show(f.pickupP99Ms)} ms`,
          `${show(f.agents)} agents · ${show(f.rssPerLongPollKb)} KB RSS/long-poll · /workers p95 ${show(f.workersPageP95Ms)} ms · ${checks}`,
        ];
      case "herd":
        return [s.title, `${show(f.claimStatementsPerRun)} claim statements/run; pickup p50 ${show(f.pickupP50Ms)} · p99 ${show(f.pickupP99Ms)} ms`, `${show(f.idle)} idle · ${checks}`];
      default:
        return [s.title, JSON.stringify(f), checks];
    }
  });
}
