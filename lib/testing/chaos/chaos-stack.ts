// The chaos suite's stack: one or more app instances (the built app, `next start`) on one
// PostgreSQL, real `runyard worker start` agents spread over them running chaos-job.sh, and
// the means to hurt them — kill -9 an agent, restart an instance — plus the database's view
// of what happened, for checkLedger().
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { RunyardClient } from "@/lib/client/runyard-client";
import type { Scope } from "@/lib/contract/operations";
import { pool } from "@/lib/db/pool";
import { createToken } from "@/lib/server/auth/tokens";
import { ensureTeam } from "@/lib/server/teams/ensure-team";
import type { AgentProcess, LedgerEntry } from "@/lib/testing/agent-harness";
import { startAppServer, type AppServer } from "@/lib/testing/app-server";
import type { EventRecord, RunRecord } from "@/lib/testing/chaos/ledger-check";
import { uniqueName } from "@/lib/testing/fixtures";

const BIN = path.join(process.cwd(), "cli", "bin.mjs");
const JOB = path.join(process.cwd(), "lib", "testing", "chaos", "chaos-job.sh");

export type ChaosAgent = AgentProcess & { instance: number; name: string };

export async function startChaosStack(options: { databaseUrl: string; instances?: number; env: Record<string, string>; instanceEnv?: (i: number) => Record<string, string> }) {
  const { databaseUrl, env } = options;
  const envOf = (i: number) => ({ ...env, ...options.instanceEnv?.(i) });
  const servers: AppServer[] = [];
  for (let i = 0; i < (options.instances ?? 1); i++) servers.push(await startAppServer({ databaseUrl, env: envOf(i) }));
  const teamId = await ensureTeam(uniqueName("chaos"));
  const tokens = new Map<Scope, string>();
  const tokenFor = async (scope: Scope) => {
    if (!tokens.has(scope)) tokens.set(scope, (await createToken({ teamId, scope, name: `chaos ${scope}` })).secret);
    return tokens.get(scope)!;
  };
  await tokenFor("admin");
  await tokenFor("worker");
  const client = (instance = 0, scope: Scope = "admin") => new RunyardClient({ baseUrl: servers[instance]!.url, token: tokens.get(scope)!, validateResponses: false });
  const ledgerFile = path.join(mkdtempSync(path.join(os.tmpdir(), "runyard-chaos-")), "ledger.jsonl");
  const agents: ChaosAgent[] = [];

  return {
    teamId,
    servers,
    client,
    tokenFor,
    agents,
    ledger(): LedgerEntry[] {
      if (!existsSync(ledgerFile)) return [];
      return readFileSync(ledgerFile, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as LedgerEntry);
    },
    /** A named agent (its own worker) on one instance, running chaos-job.sh for each run. */
    async agent(name: string, instance: number, args: string[] = [], jobSeconds = "0.2"): Promise<ChaosAgent> {
      const workDir = path.join(path.dirname(ledgerFile), "work");
      const child = spawn(process.execPath, [BIN, "worker", "start", "--heartbeat-seconds", "1", "--wait-seconds", "5", "--work-dir", workDir, "--name", name, ...args, "--", JOB], {
        env: { ...process.env, RUNYARD_URL: servers[instance]!.url, RUNYARD_TOKEN: tokens.get("admin")!, TEST_JOB_LEDGER: ledgerFile, CHAOS_JOB_SECONDS: jobSeconds },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout!.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
      child.stderr!.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      const handle: ChaosAgent = { process: child, output: () => output, exited, instance, name };
      agents.push(handle);
      return handle;
    },
    /** Stops one instance (as a deploy would) and starts it again on the same port. */
    async restartServer(instance: number, downMs: number) {
      const port = servers[instance]!.port;
      await servers[instance]!.stop();
      await new Promise((r) => setTimeout(r, downMs));
      servers[instance] = await startAppServer({ databaseUrl, env: envOf(instance), port });
    },
    /** Schedules `count` runs through the given instances in turn, a few at a time. */
    async schedule(count: number, instances: number[] = [0], body: Record<string, unknown> = {}): Promise<string[]> {
      const ids: string[] = [];
      const BATCH = 20;
      for (let i = 0; i < count; i += BATCH) {
        const batch = Array.from({ length: Math.min(BATCH, count - i) }, (_, j) => client(instances[(i + j) % instances.length]!).scheduleComputeWorkerRun({ name: `chaos-${i + j}`, ...body }));
        ids.push(...(await Promise.all(batch)).map((r) => r.id));
      }
      return ids;
    },
    /** How many of the team's runs are not yet in a terminal state (read from the database). */
    async unfinished(): Promise<number> {
      const { rows } = await pool().query<{ n: number }>(
        `SELECT count(*)::int AS n FROM runs WHERE team_id = $1 AND state NOT IN ('COMPLETED', 'FAILED', 'CANCELED', 'ABORTED', 'CRASHED')`,
        [teamId],
      );
      return rows[0]!.n;
    },
    /** The database's record of the team's runs and their timelines, for checkLedger(). */
    async records(): Promise<{ runs: RunRecord[]; events: EventRecord[] }> {
      const runs = await pool().query<RunRecord>("SELECT id, state::text AS state, attempt FROM runs WHERE team_id = $1", [teamId]);
      const events = await pool().query<EventRecord>(
        `SELECT e.run_id AS "runId", e.type, e.attempt, (extract(epoch FROM e.at) * 1000)::float8 AS at
           FROM run_events e JOIN runs r ON r.id = e.run_id WHERE r.team_id = $1 ORDER BY e.id`,
        [teamId],
      );
      return { runs: runs.rows, events: events.rows };
    },
    async stop() {
      for (const agent of agents) if (agent.process.exitCode === null && agent.process.signalCode === null) agent.process.kill("SIGKILL");
      await Promise.all(agents.map((a) => a.exited));
      for (const server of servers) await server.stop();
    },
  };
}

export type ChaosStack = Awaited<ReturnType<typeof startChaosStack>>;

/** One line of figures, printed at the end of each scenario (collected in docs/reliability.md). */
export function printFigures(scenario: string, figures: Record<string, unknown>) {
  console.log(`[chaos] ${scenario}: ${Object.entries(figures).map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : String(v)}`).join(" ")}`);
}
