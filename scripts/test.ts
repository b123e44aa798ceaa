// `npm test`: every suite — unit, integration (real PostgreSQL), agent (real agent processes
// against the built app), chaos (short form, docs/reliability.md), e2e (built app, Chromium) —
// one after the other, then one line: "N passed, N failed".
//   --only unit,integration   run a subset (CI reruns integration against PostgreSQL 15)
//   --summary FILE            also write the counts as JSON
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

type Counts = { passed: number; failed: number; skipped: number };
type Suite = { name: string; command: string[]; report: string; read(report: string): Counts };

const OUT = "test-results";
const arg = (flag: string) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

function vitest(name: string): Suite {
  const report = path.join(OUT, `${name}.json`);
  return {
    name,
    report,
    command: ["npx", "vitest", "run", "--project", name, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    read(file) {
      const json = JSON.parse(readFileSync(file, "utf8"));
      const failedSuites = (json.testResults ?? []).filter((r: { status: string; assertionResults: unknown[] }) => r.status === "failed" && r.assertionResults.length === 0).length;
      return { passed: json.numPassedTests, failed: json.numFailedTests + failedSuites, skipped: json.numPendingTests + json.numTodoTests };
    },
  };
}

const SUITES: Suite[] = [
  vitest("unit"),
  vitest("integration"),
  vitest("agent"),
  vitest("chaos"),
  {
    name: "e2e",
    report: path.join(OUT, "e2e-report.json"),
    command: ["npx", "playwright", "test"],
    read(file) {
      const stats = JSON.parse(readFileSync(file, "utf8")).stats;
      return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
    },
  },
];

const only = arg("--only")?.split(",");
const selected = SUITES.filter((suite) => !only || only.includes(suite.name));
mkdirSync(OUT, { recursive: true });
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const lines: string[] = [];
for (const suite of selected) {
  rmSync(suite.report, { force: true });
  console.log(`\n━━ ${suite.name} ━━`);
  const [command, ...args] = suite.command;
  const result = spawnSync(command!, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  let counts: Counts;
  if (existsSync(suite.report)) {
    counts = suite.read(suite.report);
    // A runner that crashed after writing its report still failed.
    if (result.status !== 0 && counts.failed === 0) counts.failed = 1;
  } else {
    counts = { passed: 0, failed: 1, skipped: 0 };
  }
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  lines.push(`${suite.name.padEnd(12)} ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ""}`);
}
console.log(`\n━━ summary (Node ${process.version}) ━━\n${lines.join("\n")}`);
const summaryFile = arg("--summary");
if (summaryFile) writeFileSync(summaryFile, JSON.stringify(total));
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed > 0 ? 1 : 0);
