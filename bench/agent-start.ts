// How big the one-file agent is and how fast it starts, beside `npx runyard` from a clone
// running the TypeScript through tsx (as before the bundle).
//   npx tsx bench/agent-start.ts [--runs N] [--clone DIR]
// --clone DIR: also time DIR/cli/bin.mjs (e.g. a checkout of an older commit with npm install).
// Extra Node binaries from RUNYARD_TEST_NODE_BINARIES (colon-separated) are timed too.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { buildAgentBundle } from "@/scripts/build-agent";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(arg("--runs") ?? 7);
const clone = arg("--clone");

/** Median wall time, and median CPU time (user + sys of the command, from bash's `times`). */
function measure(label: string, command: string[], env: () => NodeJS.ProcessEnv = () => process.env) {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const result = spawnSync("bash", ["-c", '"$@" >/dev/null 2>&1 || exit 1; times', "bash", ...command], { env: env(), encoding: "utf8" });
    walls.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (result.status !== 0) throw new Error(`${command.join(" ")} failed`);
    // `times`: the shell's user/sys, then its children's: "0m0.123s 0m0.045s".
    const child = result.stdout.trim().split("\n")[1]!.match(/(\d+)m([\d.]+)s (\d+)m([\d.]+)s/)!;
    cpus.push((Number(child[1]) * 60 + Number(child[2]) + Number(child[3]) * 60 + Number(child[4])) * 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`  ${label.padEnd(46)} wall ${median(walls).toFixed(0).padStart(6)} ms   cpu ${median(cpus).toFixed(0).padStart(6)} ms`);
}

const outDir = mkdtempSync(path.join(os.tmpdir(), "runyard-agent-bench-"));
const built = await buildAgentBundle({ outDir });
const code = readFileSync(built.file);
console.log(`runyard-agent.mjs: ${code.byteLength} bytes (${gzipSync(code, { level: 9 }).byteLength} gzipped), sha256 ${built.sha256.slice(0, 12)}…`);
for (const [pkg, bytes] of Object.entries(built.packages)) console.log(`  ${pkg.padEnd(30)} ${String(bytes).padStart(8)}`);
console.log(`\nstart-up, \`--help\`, median of ${runs} (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores):`);
for (const node of [process.execPath, ...(process.env.RUNYARD_TEST_NODE_BINARIES ?? "").split(":").filter(Boolean)]) {
  const version = spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim();
  measure(`bundle, node ${version}`, [node, built.file, "--help"]);
}
measure("clone, through tsx (cli/main.ts), warm cache", [process.execPath, "--import", "tsx", path.join("cli", "main.ts"), "--help"]);
// tsx keeps compiled files in $TMPDIR/tsx-<uid>: a fresh TMPDIR each time is a first run.
const coldCache = () => ({ ...process.env, TMPDIR: mkdtempSync(path.join(os.tmpdir(), "tsx-cold-")) });
measure("clone, through tsx, cold cache (first run)", [process.execPath, "--import", "tsx", path.join("cli", "main.ts"), "--help"], coldCache);
if (clone) measure(`${clone}/cli/bin.mjs`, [process.execPath, path.join(clone, "cli", "bin.mjs"), "--help"]);
if (statSync("node_modules", { throwIfNoEntry: false })) {
  const du = spawnSync("du", ["-sk", "node_modules"], { encoding: "utf8" }).stdout.split("\t")[0];
  const packages = spawnSync("npm", ["ls", "--all", "--parseable"], { encoding: "utf8" }).stdout.trim().split("\n").length - 1;
  console.log(`\na clone's npm install: node_modules ${(Number(du) / 1024).toFixed(0)} MB, ${packages} packages`);
}
