// `next build` only when the sources changed since the last build: later starts stay fast.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const INPUTS = ["app", "components", "lib", "public", "instrumentation.ts", "proxy.ts", "package-lock.json", "package.json", "next.config.js", "postcss.config.mjs", "tsconfig.json"];
const STAMP = path.join(".next", "runyard-build-hash");

function walk(target: string, out: string[]) {
  if (!existsSync(target)) return;
  if (statSync(target).isDirectory()) {
    for (const entry of readdirSync(target).sort()) walk(path.join(target, entry), out);
  } else if (!/\.test\.tsx?$/.test(target)) {
    out.push(target);
  }
}

export function sourceHash(): string {
  const files: string[] = [];
  for (const input of INPUTS) walk(input, files);
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

export function isBuildCurrent(): boolean {
  return existsSync(path.join(".next", "BUILD_ID")) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === sourceHash();
}

export function buildIfNeeded(log: (line: string) => void): void {
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
