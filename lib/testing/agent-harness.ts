// For tests with real processes: the built app on a real port, and real `runyard worker
// start` agents running a real job script, with a ledger of what each job did.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { RunyardClient } from "@/lib/client/runyard-client";
import type { Scope } from "@/lib/contract/operations";
import { createToken } from "@/lib/server/auth/tokens";
import { ensureTeam } from "@/lib/server/teams/ensure-team";
import { startAppServer, type AppServer } from "@/lib/testing/app-server";
import { uniqueName } from "@/lib/testing/fixtures";

// Short leases (fast re-queues); a roomier offline threshold so a loaded machine does not flap states.
export const FAST_LEASES = { RUNYARD_LEASE_S: "3", RUNYARD_WORKER_OFFLINE_AFTER_S: "10", RUNYARD_SWEEP_INTERVAL_MS: "200" };
const BIN = path.join(process.cwd(), "cli", "bin.mjs");
const FAKE_JOB = path.join(process.cwd(), "cli", "agent", "testing", "fake-job.mjs");

export type LedgerEntry = { event: "start" | "end" | "sigterm" | "sigterm-ignored"; run: string; attempt: number; worker: string; pid: number; t: number };

export type AgentProcess = {
  process: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
};

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startStack(env: Record<string, string> = FAST_LEASES) {
  const databaseUrl = inject("databaseUrl");
  let server: AppServer = await startAppServer({ databaseUrl, env });
  const teamId = await ensureTeam(uniqueName("agents"));
  const tokens = new Map<Scope, string>();
  const tokenFor = async (scope: Scope) => {
    if (!tokens.has(scope)) tokens.set(scope, (await createToken({ teamId, scope, name: `agent test ${scope}` })).secret);
    return tokens.get(scope)!;
  };
  const admin = () => new RunyardClient({ baseUrl: server.url, token: tokens.get("admin")!, validateResponses: true });
  await tokenFor("admin");
  const ledgerFile = path.join(mkdtempSync(path.join(os.tmpdir(), "runyard-ledger-")), "ledger.jsonl");
  const agents: AgentProcess[] = [];

  return {
    get server() {
      return server;
    },
    teamId,
    admin,
    tokenFor,
    ledger(): LedgerEntry[] {
      if (!existsSync(ledgerFile)) return [];
      return readFileSync(ledgerFile, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as LedgerEntry);
    },
    /**
     * `runyard worker start <args> -- node fake-job.mjs`, as a real process. Registering a
     * worker by --name needs an admin token; default workers need only a worker token.
     */
    async agent(
      args: string[],
      env: Record<string, string> = {},
      scope: Scope = args.includes("--name") ? "admin" : "worker",
      command: string[] = [process.execPath, FAKE_JOB],
    ): Promise<AgentProcess> {
      // Run files in the test's own directory, not the home of whoever runs the tests.
      const workDir = args.includes("--work-dir") ? [] : ["--work-dir", path.join(path.dirname(ledgerFile), "work")];
      const child = spawn(process.execPath, [BIN, "worker", "start", "--heartbeat-seconds", "1", "--wait-seconds", "5", ...workDir, ...args, "--", ...command], {
        env: { ...process.env, RUNYARD_URL: server.url, RUNYARD_TOKEN: await tokenFor(scope), TEST_JOB_LEDGER: ledgerFile, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
      child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      const handle = { process: child, output: () => output, exited };
      agents.push(handle);
      return handle;
    },
    /** Stops the app (as a deploy would) and starts it again on the same port and database. */
    async restartServer(downMs: number) {
      const port = server.port;
      await server.stop();
      await new Promise((r) => setTimeout(r, downMs));
      server = await startAppServer({ databaseUrl, env, port });
    },
    async stop() {
      for (const agent of agents) if (agent.process.exitCode === null) agent.process.kill("SIGKILL");
      await server.stop();
    },
  };
}

/** Whether a process is still running. A zombie (dead, not yet reaped — an init that does
 *  not reap orphans leaves them) does not count. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true;
  }
}
