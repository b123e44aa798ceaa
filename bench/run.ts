// `npm run bench [-- --quick] [--check] [--only a,b] [--write-docs]` (`--help` says the same):
// starts the built app (production mode) on a fresh database, runs each scenario, prints a
// table, writes bench/results/<date>.json (top-level `summary`: bench/lib/summary.ts) and, for a
// full run, docs/benchmarks.md + docs/benchmarks.svg.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { RunyardClient } from "@/lib/client/runyard-client";
import { closePool, pool } from "@/lib/db/pool";
import { createToken } from "@/lib/server/auth/tokens";
import { ensureTeam } from "@/lib/server/teams/ensure-team";
import { startAppServer } from "@/lib/testing/app-server";
import { buildIfNeeded } from "@/scripts/build-if-needed";
import { openBenchDatabase } from "./lib/database";
import { describeMachine } from "./lib/machine";
import { renderMarkdown, renderSvg } from "./lib/render";
import { benchSummary, headlineRows, ratios, type BenchReport } from "./lib/summary";
import type { BenchContext, Scenario, ScenarioResult } from "./lib/types";
import { dashboard } from "./scenarios/dashboard";
import { deadWorkerRecovery } from "./scenarios/dead-worker-recovery";
import { fleet } from "./scenarios/fleet";
import { herd } from "./scenarios/herd";
import { physicalLimit } from "./scenarios/physical-limit";
import { pickupLatency } from "./scenarios/pickup-latency";
import { poisonedHead } from "./scenarios/poisoned-head";
import { throughput } from "./scenarios/throughput";

// The 1M-run poisoned backlog goes last so it cannot weigh on the other scenarios. pg-boss (the
// peer) and the SQL-only ceiling run inside throughput, interleaved with Runyard.
const SCENARIOS: Scenario[] = [physicalLimit, throughput, pickupLatency, deadWorkerRecovery, dashboard, herd, fleet, poisonedHead];

const HELP = `npm run bench [-- options]

Starts the built app (building it first if sources changed) on a fresh embedded PostgreSQL (or
a scratch database on DATABASE_URL's server), runs the scenarios, prints a table and writes
bench/results/<date>.json with a top-level "summary" (httpOverSqlCeiling, cpuMsPerRun,
overPgBoss, poisonedOverClean, herd). A full run also writes docs/benchmarks.md and .svg.
Side-by-side figures are medians of alternating rounds, but a busy machine still shrinks them
all: run the full bench on a quiet machine.

  --quick       small backlogs, one round, short arms: the correctness checks (CI runs
                --quick --check); writes its JSON to bench/results/scratch/ (not committed)
  --check       exit non-zero when any correctness check fails
  --only a,b    run these scenarios only (partial runs also write to bench/results/scratch/)
  --write-docs  regenerate the docs from this run even in quick or partial mode
  --help        this text

Environment: BENCH_ROUNDS (rounds of the side-by-side scenarios; default 3, quick 1),
BENCH_SECONDS (seconds per arm and round; default 20, quick 4), BENCH_POLLERS (clients per
arm; default 32), BENCH_BACKLOG (throughput's batch-1 backlog per round, batch 10 gets 3 ×;
default 20,000: pg-boss's fetch sorts its whole backlog, so its figures depend on it), DATABASE_URL (a PostgreSQL server to use instead of an embedded one; CPU of
PostgreSQL is then measured only when it runs on this machine).

Scenarios: ${SCENARIOS.map((s) => s.name).join(", ")}
`;

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const check = args.includes("--check");
const onlyIndex = args.indexOf("--only");
const only = onlyIndex >= 0 ? args[onlyIndex + 1]?.split(",") : undefined;
/** Only a full run of every scenario is a result worth keeping; the rest are scratch. */
const isFullRun = !quick && !only;
const writeDocs = args.includes("--write-docs") || isFullRun;
const log = (line: string) => console.log(line);

/**
 * Ctrl-C or SIGTERM: stop the app and drop the bench database before exiting. The embedded
 * PostgreSQL runs detached from this process group, so without this it would be left running.
 */
function onInterrupt(cleanup: () => Promise<void>) {
  const handler = (signal: NodeJS.Signals) => {
    console.log(`\n${signal}: stopping the app and the bench database…`);
    cleanup()
      .catch(() => undefined)
      .finally(() => process.exit(130));
  };
  process.once("SIGINT", handler);
  process.once("SIGTERM", handler);
}

async function main(): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(HELP);
    return 0;
  }
  const unknown = only?.filter((name) => !SCENARIOS.some((s) => s.name === name)) ?? [];
  if (unknown.length) {
    console.error(`unknown scenario(s): ${unknown.join(", ")}; known: ${SCENARIOS.map((s) => s.name).join(", ")}`);
    return 2;
  }
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  buildIfNeeded(log);
  const database = await openBenchDatabase();
  const running: { app?: { stop(): Promise<void> } } = {};
  onInterrupt(async () => {
    await running.app?.stop();
    await database.drop();
  });
  // The bench's own SQL (seeding, checks, tokens) goes through the app's pool helpers.
  process.env.DATABASE_URL = database.url;
  log(`database: ${database.kind} ${new URL(database.url).host}${new URL(database.url).pathname}`);
  const machine = await describeMachine(pool());
  log(`machine: ${machine.cpus} cores, load ${machine.loadAverageAtStart.join(" ")}, ${machine.postgres}, Node ${machine.node}`);
  const app = await startAppServer({ databaseUrl: database.url });
  running.app = app;
  const ctx: BenchContext = {
    quick,
    app,
    databaseUrl: database.url,
    db: pool(),
    log,
    load: () => os.loadavg()[0]!,
    async newTeam(prefix, options = {}) {
      const teamId = await ensureTeam(`bench-${prefix}-${Date.now()}`);
      const admin = await createToken({ teamId, scope: "admin", name: "bench admin" });
      const client = (token: string) => new RunyardClient({ baseUrl: options.baseUrl ?? app.url, token, userAgent: "runyard-bench" });
      return {
        teamId,
        admin: client(admin.secret),
        workerClient: async (workerId) => client((await createToken({ teamId, scope: "worker", name: "bench worker", workerId })).secret),
      };
    },
  };
  const results: ScenarioResult[] = [];
  try {
    for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.name))) {
      log(`\n── ${scenario.name}: ${scenario.title}`);
      const started = Date.now();
      let result: ScenarioResult;
      try {
        result = { name: scenario.name, title: scenario.title, ...(await scenario.run(ctx)), seconds: 0 };
      } catch (error) {
        const detail = (error as Error).stack ?? String(error);
        result = { name: scenario.name, title: scenario.title, figures: {}, method: "", checks: [{ name: "scenario ran to the end", ok: false, detail }], seconds: 0 };
      }
      result.seconds = Math.round((Date.now() - started) / 100) / 10;
      results.push(result);
      log(result.skipped ? `  skipped: ${result.skipped}` : `  ${JSON.stringify(result.figures)}`);
      for (const c of result.checks) log(`  ${c.ok ? "ok  " : "FAIL"} ${c.name} — ${c.detail}`);
    }
  } finally {
    await app.stop();
    await closePool();
    await database.drop();
  }

  const date = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const report: BenchReport = { date, mode: quick ? "quick" : "full", database: database.kind === "embedded" ? "embedded, durable" : "DATABASE_URL server", machine, summary: benchSummary(results), ratios: ratios(results), scenarios: results };
  const dir = isFullRun ? path.join("bench", "results") : path.join("bench", "results", "scratch");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${date.replace(/:/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${headlineRows(report).map((row) => row.join("  │  ")).join("\n")}`);
  console.log(`\nsummary: ${JSON.stringify(report.summary)}\nratios: ${JSON.stringify(report.ratios)}\nwrote ${file}`);
  if (writeDocs) {
    writeFileSync(path.join("docs", "benchmarks.svg"), renderSvg(report));
    writeFileSync(path.join("docs", "benchmarks.md"), renderMarkdown(report, file));
    console.log("wrote docs/benchmarks.md and docs/benchmarks.svg");
  }
  const failed = results.flatMap((r) => r.checks.filter((c) => !c.ok).map((c) => `${r.name}: ${c.name} — ${c.detail.split("\n")[0]}`));
  if (failed.length) console.log(`\n${failed.length} correctness check(s) failed:\n  ${failed.join("\n  ")}`);
  else console.log("\nall correctness checks passed");
  return check && failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
