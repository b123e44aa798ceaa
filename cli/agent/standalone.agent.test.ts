// The one-file agent as a GPU box gets it: downloaded from the running server into an empty
// directory outside the repository, checked against its sha256, and run with a clean
// environment (no NODE_PATH, no repository anywhere near) — under this Node and under every
// extra Node binary listed in RUNYARD_TEST_NODE_BINARIES (colon-separated paths).
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startStack } from "@/lib/testing/agent-harness";
import { buildAgentBundle } from "@/scripts/build-agent";
import { version as serverVersion } from "@/package.json";

const NODES = [process.execPath, ...(process.env.RUNYARD_TEST_NODE_BINARIES ?? "").split(":").filter(Boolean)];

// The job: what it sees, as one log line; then it sleeps config.sleepMs.
const JOB = `
const config = JSON.parse(require("node:fs").readFileSync(process.env.RUNYARD_RUN_CONFIG, "utf8"));
console.log("JOB " + JSON.stringify({ node: process.version, hasAgentToken: "RUNYARD_TOKEN" in process.env, hasJobToken: Boolean(process.env.RUNYARD_JOB_TOKEN), args: process.argv.slice(2) }));
setTimeout(() => process.exit(0), config.sleepMs ?? 0);
`;

type Stack = Awaited<ReturnType<typeof startStack>>;

/** An empty directory outside the repository with the downloaded agent and a job script. */
async function downloadInto(serverUrl: string): Promise<{ dir: string; home: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "runyard-box-"));
  const home = mkdtempSync(path.join(os.tmpdir(), "runyard-home-"));
  const response = await fetch(`${serverUrl}/downloads/runyard-agent.mjs`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
  const body = Buffer.from(await response.arrayBuffer());
  const sum = await (await fetch(`${serverUrl}/downloads/runyard-agent.mjs.sha256`)).text();
  expect(sum).toBe(`${createHash("sha256").update(body).digest("hex")}  runyard-agent.mjs\n`);
  writeFileSync(path.join(dir, "runyard-agent.mjs"), body);
  writeFileSync(path.join(dir, "job.cjs"), JOB);
  // As the install command does it.
  execFileSync("sha256sum", ["-c", "-"], { cwd: dir, input: sum, stdio: ["pipe", "ignore", "inherit"] });
  return { dir, home };
}

/** Nothing of this process's environment: no NODE_PATH, no repository on any path. */
const cleanEnv = (node: string, home: string, extra: Record<string, string> = {}) =>
  ({ PATH: `${path.dirname(node)}:/usr/bin:/bin`, HOME: home, ...extra }) as Record<string, string> as NodeJS.ProcessEnv;

function runAgent(node: string, box: { dir: string; home: string }, args: string[], env: Record<string, string>) {
  const child: ChildProcess = spawn(node, ["runyard-agent.mjs", ...args], {
    cwd: box.dir,
    env: cleanEnv(node, box.home, env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

const nodeVersion = (node: string) => execFileSync(node, ["--version"], { encoding: "utf8" }).trim();

describe.each(NODES)("the downloaded agent under %s", (node) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("registers, completes runs, keeps the agent's token from its jobs, and drains on SIGTERM", async () => {
    const s = stack;
    const version = nodeVersion(node);
    const label = `box-${version.replace(/\W/g, "")}`;
    const box = await downloadInto(s.server.url);
    const agent = runAgent(node, box, ["worker", "start", "--name", label, "--labels", label, "--heartbeat-seconds", "1", "--wait-seconds", "5", "--", "node", "job.cjs", "two words"], {
      RUNYARD_URL: s.server.url,
      RUNYARD_TOKEN: await s.tokenFor("admin"),
    });
    const worker = await eventually(async () => (await s.admin().getComputeWorkers({ q: label })).items.find((w) => w.state === "IDLE" && w.agent.version), "the agent online", 60_000);
    expect(worker.agent).toMatchObject({ version: serverVersion, outdated: false });
    expect(worker.agent.facts.node).toBe(version);
    // The command is echoed as it would be typed.
    expect(agent.output()).toContain("node job.cjs 'two words'");

    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await s.admin().scheduleComputeWorkerRun({ name: `box-${i}`, runsOn: [label], config: { sleepMs: 100 } }));
    for (const run of runs) {
      await eventually(async () => (await s.admin().getComputeWorkerRunInfo(run.id)).state === "COMPLETED", `${run.name} to complete`);
      const seen = (await s.admin().getComputeWorkerRunLogs(run.id)).items.find((l) => l.line.startsWith("JOB "));
      expect(JSON.parse(seen!.line.slice(4))).toEqual({ node: version, hasAgentToken: false, hasJobToken: true, args: ["two words"] });
    }
    // Its run files lived in the default work directory, in the (clean) home.
    const work = path.join(box.home, ".runyard", "work");
    expect(statSync(work).mode & 0o777).toBe(0o700);

    const long = await s.admin().scheduleComputeWorkerRun({ name: "long", runsOn: [label], config: { sleepMs: 3000 } });
    await eventually(async () => (await s.admin().getComputeWorkerRunInfo(long.id)).state === "RUNNING", "the long run to start");
    agent.child.kill("SIGTERM");
    const after = await s.admin().scheduleComputeWorkerRun({ name: "after", runsOn: [label] });
    expect(await agent.exited).toBe(0);
    expect((await s.admin().getComputeWorkerRunInfo(long.id)).state).toBe("COMPLETED");
    expect((await s.admin().getComputeWorkerRunInfo(after.id)).state).toBe("OPEN");
    expect(readdirSync(work)).toEqual([]);
    expect(existsSync(path.join(box.dir, "node_modules"))).toBe(false);
  });

  it("answers --help with every command, needing nothing but itself", async () => {
    const box = await downloadInto(stack.server.url);
    const help = execFileSync(node, ["runyard-agent.mjs", "--help"], { cwd: box.dir, env: cleanEnv(node, box.home, { NO_COLOR: "1" }), encoding: "utf8" });
    for (const command of ["worker start", "worker register", "workers", "runs schedule", "runs show", "runs logs", "runs wait", "runs cancel", "token create"]) {
      expect(help).toContain(`  ${command} `);
    }
  });
});

describe("the download", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("needs no token, revalidates by ETag (304), and answers HEAD with the same ETag and no body", async () => {
    const url = `${stack.server.url}/downloads/runyard-agent.mjs`;
    const first = await fetch(url);
    const etag = first.headers.get("etag")!;
    const body = Buffer.from(await first.arrayBuffer());
    expect(first.headers.get("cache-control")).toBe("no-cache");
    expect(etag).toBe(`"${createHash("sha256").update(body).digest("hex")}"`);
    expect(first.headers.get("repr-digest")).toBe(`sha-256=:${createHash("sha256").update(body).digest("base64")}:`);
    expect(body.subarray(0, 20).toString()).toBe("#!/usr/bin/env node\n");
    expect((await fetch(url, { headers: { "if-none-match": etag } })).status).toBe(304);
    const head = await fetch(url, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toBe(etag);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const sum = await fetch(`${url}.sha256`);
    expect(sum.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  });

  it("an agent older than the server warns that it should be updated, and the server flags it", async () => {
    const s = stack;
    const dir = mkdtempSync(path.join(os.tmpdir(), "runyard-old-agent-"));
    await buildAgentBundle({ outDir: dir, versionOverride: "0.0.1" });
    const agent = runAgent(process.execPath, { dir, home: dir }, ["worker", "start", "--name", "old-agent", "--heartbeat-seconds", "1", "--", "true"], {
      RUNYARD_URL: s.server.url,
      RUNYARD_TOKEN: await s.tokenFor("admin"),
    });
    await eventually(() => agent.output().includes(`warning: the server runs Runyard ${serverVersion}, this agent is 0.0.1`), "the warning");
    const worker = await eventually(async () => (await s.admin().getComputeWorkers({ q: "old-agent" })).items.find((w) => w.agent.version === "0.0.1"), "the old agent's heartbeat");
    expect(worker.agent.outdated).toBe(true);
    agent.child.kill("SIGTERM");
    expect(await agent.exited).toBe(0);
  });
});
