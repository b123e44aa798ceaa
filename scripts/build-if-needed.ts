// `next build` only when the sources changed since the last build: later starts stay fast.
// Then the one-file agent (scripts/build-agent.ts), when any file it is made of changed — it
// has its own stamp, so a change to cli/ alone rebuilds the agent in a second, not the app.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { currentBundle } from "@/cli/bundle-stamp.mjs";

// cli/bundle-stamp.mjs: the app imports it (to serve the agent bundle).
const INPUTS = ["app", "components", "lib", "public", "cli/bundle-stamp.mjs", "instrumentation.ts", "proxy.ts", "package-lock.json", "package.json", "next.config.js", "postcss.config.mjs", "tsconfig.json"];
const STAMP = path.join(".next", "runyard-build-hash");

// The test harness is never part of the app: editing it must not force a rebuild.
const NOT_BUILT = new Set([path.join("lib", "testing")]);

/** `target` relative to `root`; paths in `out` (and in the hash) stay relative. */
function walk(root: string, target: string, out: string[]) {
  const full = path.join(root, target);
  if (!existsSync(full) || NOT_BUILT.has(target)) return;
  if (statSync(full).isDirectory()) {
    for (const entry of readdirSync(full).sort()) walk(root, path.join(target, entry), out);
  } else if (!/\.test\.tsx?$/.test(target)) {
    out.push(target);
  }
}

/** The files the app is built from (tracked or not), relative to `root`. */
export function sourceFiles(root = process.cwd()): string[] {
  const files: string[] = [];
  for (const input of INPUTS) walk(root, input, files);
  return files;
}

export function sourceHash(root = process.cwd()): string {
  const hash = createHash("sha256");
  for (const file of sourceFiles(root)) hash.update(file).update("\0").update(readFileSync(path.join(root, file))).update("\0");
  return hash.digest("hex");
}

export function isBuildCurrent(root = process.cwd()): boolean {
  const stamp = path.join(root, STAMP);
  return existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === sourceHash(root);
}

export function buildIfNeeded(log: (line: string) => void): void {
  buildAppIfNeeded(log);
  buildAgentIfNeeded(log);
}

/** The agent bundle into .next/runyard (after `next build`, which empties .next). */
export function buildAgentIfNeeded(log: (line: string) => void): void {
  if (currentBundle(process.cwd())) return;
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join("scripts", "build-agent.ts")], { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error("building the agent bundle failed (output above)");
  }
  log(`agent bundle: ${result.stdout.split("\n")[0]}`);
}

function buildAppIfNeeded(log: (line: string) => void): void {
  if (isBuildCurrent()) return;
  log("building the app (first start or sources changed; takes a minute)…");
  const started = Date.now();
  // The sources as built: an edit made while `next build` runs must not be stamped as built.
  const hash = sourceHash();
  const result = spawnSync(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error("next build failed (output above)");
  }
  writeFileSync(STAMP, hash);
  log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
