// The report's top-level `summary` (issue 16's headline figures), the headline rows (one per
// scenario) and the older ratios, from the results.
import type { Figure, ScenarioResult } from "./types";

export type BenchSummary = {
  /** Runyard over HTTP ÷ the same statements through pg in-process, batch 1 (goal ≥ 0.6). */
  httpOverSqlCeiling: number | null;
  /** CPU ms per run at batch 1 over HTTP, split by who spent it (goal: total ≤ 5). */
  cpuMsPerRun: { app: number | null; postgres: number | null; client: number | null; total: number | null };
  /** Runyard ÷ pg-boss, side by side (goal ≥ 1.0 at both). */
  overPgBoss: { batch1: number | null; batch10: number | null };
  /** Poisoned head ÷ clean queue, interleaved (goal ≥ 0.9). */
  poisonedOverClean: number | null;
  /** The thundering-herd scenario's figures (bench/scenarios/herd.ts); null when it did not run. */
  herd: { idle: number | null; claimStatementsPerRun: number | null; pickupP50Ms: number | null; pickupP99Ms: number | null } | null;
  /** The idle fleet's figures (issue 18, bench/scenarios/fleet.ts); null when it did not run. */
  fleet: Record<string, number | null> | null;
};

export type BenchReport = {
  date: string;
  mode: "full" | "quick";
  database: string;
  machine: import("./machine").Machine;
  summary: BenchSummary;
  ratios: Record<string, number | null>;
  scenarios: ScenarioResult[];
};

const num = (results: ScenarioResult[], name: string, key: string): number | undefined => {
  const value = results.find((r) => r.name === name && !r.skipped)?.figures[key];
  return typeof value === "number" ? value : undefined;
};

const ran = (results: ScenarioResult[], name: string) => results.some((r) => r.name === name && !r.skipped);

/** Picks these figures of a scenario; null when the scenario did not run. */
function pick<K extends string>(results: ScenarioResult[], name: string, keys: readonly K[]): Record<K, number | null> | null {
  if (!ran(results, name)) return null;
  return Object.fromEntries(keys.map((key) => [key, num(results, name, key) ?? null])) as Record<K, number | null>;
}

export function benchSummary(results: ScenarioResult[]): BenchSummary {
  const t = (key: string) => num(results, "throughput", key) ?? null;
  return {
    httpOverSqlCeiling: t("httpOverSqlCeiling"),
    cpuMsPerRun: { app: t("cpuMsPerRunApp"), postgres: t("cpuMsPerRunPostgres"), client: t("cpuMsPerRunClient"), total: t("cpuMsPerRunTotal") },
    overPgBoss: { batch1: t("overPgBossBatch1"), batch10: t("overPgBossBatch10") },
    poisonedOverClean: num(results, "poisoned-head", "poisonedOverClean") ?? null,
    herd: pick(results, "herd", ["idle", "claimStatementsPerRun", "pickupP50Ms", "pickupP99Ms"] as const),
    fleet: pick(results, "fleet", ["agents", "idleCommitsPerAgentMinute", "claimsPerRun", "pickupP99Ms", "rssPerLongPollKb"] as const),
  };
}

const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? Math.round((a / b) * 1000) / 1000 : null);

export function ratios(results: ScenarioResult[]): Record<string, number | null> {
  const runyard = num(results, "throughput", "runsPerSecond");
  return {
    runyardOverPgbench: ratio(runyard, num(results, "physical-limit", "tps")),
    poisonedOverThroughput: num(results, "poisoned-head", "poisonedOverClean") ?? null,
    runyardOverPgBoss: num(results, "throughput", "overPgBossBatch1") ?? null,
    /** The claim statement's own time, poisoned ÷ plain: ~1 when the head costs nothing. */
    claimStatementPoisonedOverThroughput: ratio(num(results, "poisoned-head", "claimStatementMs"), num(results, "poisoned-head", "cleanClaimStatementMs")),
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
        return [
          s.title,
          `batch 1: ${show(f.runsPerSecond)} runs/s (pg-boss ${show(f.pgBossJobsPerSecond)}, SQL ceiling ${show(f.sqlCeilingRunsPerSecond)}, via Next ${show(f.viaNextRunsPerSecond)}); batch 10: ${show(f.runsPerSecondBatch10)} (pg-boss ${show(f.pgBossJobsPerSecondBatch10)}); CPU ${show(f.cpuMsPerRunTotal)} ms/run (app ${show(f.cpuMsPerRunApp)}, PostgreSQL ${show(f.cpuMsPerRunPostgres)}, client ${show(f.cpuMsPerRunClient)})`,
          `÷ pg-boss ${show(f.overPgBossBatch1)} / ${show(f.overPgBossBatch10)} (goal ≥ 1); ÷ SQL ceiling ${show(f.httpOverSqlCeiling)} (goal ≥ 0.6); ${show(r.runyardOverPgbench)} × pgbench · ${checks}`,
        ];
      case "poisoned-head":
        return [
          s.title,
          `${show(f.runsPerSecond)} runs/s poisoned, ${show(f.cleanRunsPerSecond)} clean; claim statement ${show(f.claimStatementMs)} ms (clean ${show(f.cleanClaimStatementMs)})`,
          `poisoned ÷ clean ${show(f.poisonedOverClean)} (goal ≥ 0.9) · ${checks}`,
        ];
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
