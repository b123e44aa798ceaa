// `npm start` on its embedded PostgreSQL, and the postmaster killed with SIGKILL under light
// load (what the OOM killer does; issue 12): the app answers 503 for a moment, then is healthy
// again with nobody doing anything. The time from kill to healthy is printed; docs/deployment.md
// quotes it.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/db/embedded-postgres";
import { eventually } from "@/lib/testing/agent-harness";
import { npmStart, type StartedProduct } from "@/lib/testing/npm-start";

let product: StartedProduct;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "runyard-supervised-app-"));
  product = await npmStart({ env: { RUNYARD_DATA_DIR: dataDir, RUNYARD_BIND: "127.0.0.1" } });
});

afterAll(async () => {
  await product?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start supervises its embedded PostgreSQL", () => {
  it("kill -9 of the postmaster: 503 problem+json for a moment, then healthy again by itself", async () => {
    const token = product.firstToken!;
    expect(token).toMatch(/^ry_/);
    // Light load: a script listing workers, as a dashboard or a CI job would, all along.
    const statuses: number[] = [];
    let loading = true;
    const load = (async () => {
      while (loading) {
        const response = await fetch(`${product.url}/api/v1/workers`, { headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
        statuses.push(response?.status ?? 0);
        await response?.arrayBuffer().catch(() => undefined);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    const pid = Number(readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
    const killedAt = Date.now();
    process.kill(pid, "SIGKILL");

    let sawOutage: Response | undefined;
    let healthyAt: number | undefined;
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const response = await fetch(`${product.url}/api/health`).catch(() => undefined);
      if (response && response.status !== 200 && !sawOutage) sawOutage = response;
      else await response?.arrayBuffer();
      if (response?.status === 200 && sawOutage) {
        healthyAt = Date.now();
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    loading = false;
    await load;

    expect(sawOutage?.status, "health during the outage").toBe(503);
    expect(sawOutage?.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(sawOutage?.headers.get("retry-after")).toBeTruthy();
    expect(healthyAt, `healthy again without any action; output:\n${product.output()}`).toBeDefined();
    const seconds = (healthyAt! - killedAt) / 1000;
    console.log(`[supervision] kill -9 of the postmaster → /api/health 200 again: ${seconds.toFixed(2)} s`);
    console.log(product.output().split("\n").filter((l) => /PostgreSQL|database/.test(l)).join("\n"));

    expect(product.output()).toMatch(/embedded PostgreSQL exited unexpectedly \(killed by SIGKILL\); restarting it in/);
    await product.waitForOutput(/embedded PostgreSQL is back/);
    // The load saw only answers, never a 500 or a dropped connection: 200s and 503s.
    expect(new Set(statuses.filter((s) => s !== 200 && s !== 503))).toEqual(new Set());
    const after = await fetch(`${product.url}/api/v1/workers`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(200);
    expect(product.process.exitCode).toBeNull();
  });
});

describe("npm start stops with its parent", () => {
  it("a SIGTERM to npm itself (npm exits without passing it on) stops the app and its PostgreSQL", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "runyard-npm-sigterm-"));
    const port = await freePort();
    // The real `npm start`, as a person or a process manager runs it.
    const npm = spawn("npm", ["start"], {
      env: { ...process.env, DATABASE_URL: "", PORT: String(port), RUNYARD_DATA_DIR: dir, RUNYARD_BIND: "127.0.0.1" } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    npm.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      await eventually(() => /Runyard is up/.test(output), "npm start to be up", 300_000);
      const postmaster = Number(readFileSync(path.join(dir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
      expect(isAlive(postmaster)).toBe(true);
      npm.kill("SIGTERM");
      await eventually(async () => !isAlive(postmaster) && !(await answers(`http://127.0.0.1:${port}/api/health`)), "the app and PostgreSQL to stop", 60_000);
      expect(output).toMatch(/stopping \(SIGTERM\)/);
    } finally {
      npm.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function answers(url: string): Promise<boolean> {
  const response = await fetch(url).catch(() => undefined);
  await response?.arrayBuffer().catch(() => undefined);
  return response !== undefined;
}
