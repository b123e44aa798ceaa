// The CLI as people use it: `runyard …` as a real process against the built app — help,
// colour, short ids, the dashboard's words, links, --timeout and --follow.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "@/cli/commands/registry";
import { RunyardClient } from "@/lib/client/runyard-client";
import { pool } from "@/lib/db/pool";
import { eventually, startStack } from "@/lib/testing/agent-harness";

const BIN = path.join(process.cwd(), "cli", "bin.mjs");

type Result = { code: number | null; stdout: string; stderr: string };
type Running = { done: Promise<Result>; stdout(): string };

let stack: Awaited<ReturnType<typeof startStack>>;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

function start(args: string[], env: Record<string, string> = {}, bin = BIN): Running {
  // Colour decided by each test alone: none of the caller's NO_COLOR / FORCE_COLOR.
  const inherited = { ...process.env };
  delete inherited.NO_COLOR;
  delete inherited.FORCE_COLOR;
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...inherited, RUNYARD_URL: stack?.server.url ?? "http://127.0.0.1:9", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return { done: new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr }))), stdout: () => stdout };
}

const runyard = async (args: string[], env: Record<string, string> = {}) => start(args, { RUNYARD_TOKEN: await stack.tokenFor("admin"), ...env }).done;

describe("help", () => {
  it("lists every command, and each has usage, a summary and examples, the same from --help and `help`", async () => {
    const main = await runyard(["--help"]);
    expect(main.code).toBe(0);
    for (const command of COMMANDS) {
      expect(main.stdout).toContain(`  ${command.name} `);
      expect(command.help.examples?.length, command.name).toBeGreaterThan(0);
      const own = await runyard([...command.name.split(" "), "--help"]);
      expect(own.code).toBe(0);
      expect(own.stdout).toContain(`Usage: runyard ${command.help.usage}`);
      expect(own.stdout).toContain("Examples:");
      expect((await runyard(["help", ...command.name.split(" ")])).stdout).toBe(own.stdout);
    }
  });

  it("names an unknown option and shows the command's usage (exit 2)", async () => {
    const result = await runyard(["runs", "logs", "0f3c9a12", "--tail"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown option '--tail'");
    expect(result.stderr).toContain("Usage: runyard runs logs <id>");
  });

  it("colours for a terminal (FORCE_COLOR here), never with NO_COLOR, never in a pipe", async () => {
    expect((await runyard(["--help"], { FORCE_COLOR: "1" })).stdout).toContain("\x1b[1mUsage:");
    expect((await runyard(["--help"], { FORCE_COLOR: "1", NO_COLOR: "1" })).stdout).not.toContain("\x1b[");
    expect((await runyard(["--help"])).stdout).not.toContain("\x1b[");
  });
});

describe("runs, by short id", () => {
  it("lists runs with 8-character ids and the dashboard's words; show takes any unique prefix, with local times", async () => {
    const name = `short-${randomBytes(3).toString("hex")}`;
    const run = await stack.admin().scheduleComputeWorkerRun({ name, runsOn: ["no-such-label-anywhere"] });
    const list = await runyard(["runs"]);
    const row = list.stdout.split("\n").find((line) => line.includes(name))!;
    expect(row.startsWith(`${run.id.slice(0, 8)}  `)).toBe(true);
    expect(row).toContain("Queued");
    expect(list.stdout).not.toContain(run.id);
    expect(list.stdout).not.toContain("OPEN");

    const shown = await runyard(["runs", "show", run.id.slice(0, 8)], { TZ: "Asia/Kolkata" });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`${name}  ${run.id}`);
    expect(shown.stdout).toMatch(/State\s+Queued/);
    expect(shown.stdout).toContain(`Created    ${new Date(run.createdAt).toLocaleString("sv-SE", { timeZone: "Asia/Kolkata" })}`);
    expect(shown.stdout).toContain("(times in Asia/Kolkata, UTC+05:30)");
    expect(shown.stdout).toContain(`${stack.server.url}/runs/${run.id}`);
    expect((await runyard(["runs", "show", run.id.slice(0, 5).toUpperCase()])).stdout).toContain(run.id);
  });

  it("says when a prefix matches several runs or none, and refuses what is not an id", async () => {
    const template = await stack.admin().scheduleComputeWorkerRun({ name: "template" });
    const prefix = randomBytes(4).toString("hex");
    const twins = [`${prefix}-0000-4000-8000-000000000001`, `${prefix}-1111-4000-8000-000000000002`];
    for (const id of twins) {
      await pool().query("INSERT INTO runs (id, team_id, label_set_id, name) SELECT $1, team_id, label_set_id, 'twin' FROM runs WHERE id = $2", [id, template.id]);
    }
    const ambiguous = await runyard(["runs", "show", prefix]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(`"${prefix}" matches 2 runs`);
    expect(ambiguous.stderr).toContain("give more characters");
    expect((await runyard(["runs", "show", `${prefix}-1`])).stdout).toContain(twins[1]);

    const unknown = await runyard(["runs", "show", "ffffffff-ffff"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no run id starts with "ffffffff-ffff"');
    const notAnId = await runyard(["runs", "show", "train"]);
    expect(notAnId.code).toBe(2);
    expect(notAnId.stderr).toContain('"train" is not a run id');
  });
});

describe("token create", () => {
  it("in a clone (the server) writes to the database with no token at all; the one-file agent goes through the API", async () => {
    const team = `cli-${randomBytes(3).toString("hex")}`;
    const server = await start(["token", "create", "--scope", "scheduler", "--team", team], { RUNYARD_TOKEN: "", DATABASE_URL: process.env.DATABASE_URL! }).done;
    expect(server.code).toBe(0);
    const made = server.stdout.trim();
    expect(made).toMatch(/^ry_[\w-]{40}$/);
    expect(server.stderr).toContain(`scheduler token for team "${team}"`);
    expect(await new RunyardClient({ baseUrl: stack.server.url, token: made }).me()).toMatchObject({ teamName: team, scope: "scheduler" });

    const worker = await stack.admin().registerComputeWorker({ name: `bound-${randomBytes(3).toString("hex")}`, labels: ["bound"] });
    const bundle = path.join(process.cwd(), ".next", "runyard", "runyard-agent.mjs");
    const args = ["token", "create", "--scope", "worker", "--worker", worker.id.slice(0, 8), "--expires-in", "30d"];
    const refused = await start(args, { RUNYARD_TOKEN: "" }, bundle).done;
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("needs an admin RUNYARD_TOKEN here");
    const viaApi = await start(args, { RUNYARD_TOKEN: await stack.tokenFor("admin") }, bundle).done;
    expect(viaApi.code).toBe(0);
    const bound = viaApi.stdout.trim();
    expect(await new RunyardClient({ baseUrl: stack.server.url, token: bound }).me()).toMatchObject({ scope: "worker", workerId: worker.id });
  });
});

describe("waiting and following", () => {
  it("schedule prints the id for scripts and the dashboard link; --wait --timeout gives up with 124 and says why", async () => {
    const label = `nobody-${randomBytes(3).toString("hex")}`;
    const result = await runyard(["runs", "schedule", "--name", "stuck", "--runs-on", label, "--wait", "--timeout", "5"]);
    expect(result.code).toBe(124);
    const id = result.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.stderr).toContain(`Scheduled stuck (${id.slice(0, 8)}): ${stack.server.url}/runs/${id}`);
    expect(result.stderr).toContain("warning: no registered worker can take this run");
    expect(result.stderr).toContain("still queued:");
    expect(result.stderr).toContain("timed out after 5 s: stuck");
    expect((await stack.admin().getComputeWorkerRunInfo(id)).state).toBe("OPEN");
  });

  it("runs logs --follow streams lines while the run runs and ends with it; schedule --wait streams too and exits with the result", async () => {
    const label = `follow-${randomBytes(3).toString("hex")}`;
    await stack.agent(["--name", label, "--labels", label]);
    await eventually(async () => (await stack.admin().getComputeWorkers({ q: label })).items[0]?.state === "IDLE", "the agent online");
    const run = await stack.admin().scheduleComputeWorkerRun({ runsOn: [label], config: { steps: 3, sleepMs: 6000, say: ["first line", "second line", "third line"] } });
    const follow = start(["runs", "logs", run.id.slice(0, 8), "--follow"], { RUNYARD_TOKEN: await stack.tokenFor("admin") });
    await eventually(() => follow.stdout().includes("first line"), "the first line to be streamed");
    // Streamed, not printed at the end: the run is still going.
    expect((await stack.admin().getComputeWorkerRunInfo(run.id)).state).toBe("RUNNING");
    const followed = await follow.done;
    expect(followed.code).toBe(0);
    const lines = followed.stdout.split("\n").filter((l) => l.endsWith(" line"));
    expect(lines).toEqual(["first line", "second line", "third line"]);
    expect(followed.stderr).toContain("Completed");

    const dir = mkdtempSync(path.join(os.tmpdir(), "runyard-cli-"));
    writeFileSync(path.join(dir, "ok.json"), JSON.stringify({ say: ["hello from the job"] }));
    writeFileSync(path.join(dir, "bad.json"), JSON.stringify({ exitCode: 3, fail: "CUDA error: out of memory" }));
    const ok = await runyard(["runs", "schedule", "--runs-on", label, "--config", path.join(dir, "ok.json"), "--wait"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("hello from the job");
    expect(ok.stderr).toContain("Completed");
    const failed = await runyard(["runs", "schedule", "--runs-on", label, "--config", path.join(dir, "bad.json"), "--wait"]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("CUDA error: out of memory");
    expect(failed.stderr).toMatch(/Failed on .*exited with code 3/);
  });
});
