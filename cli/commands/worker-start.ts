// `runyard worker start [--labels a,b] [--name N] [--concurrency N] -- <command …>`: the agent.
// Which worker it runs as: RUNYARD_WORKER_ID; else --name (registered first, with --labels,
// when needed); else a default worker (SPEC §2).
import { parseArgs } from "node:util";
import { Agent, FatalAgentError } from "@/cli/agent/agent";
import { hostInfo } from "@/cli/agent/host-info";
import { Console } from "@/cli/agent/status-line";
import { apiClient, apiConfig } from "@/cli/config";
import { CliError } from "@/cli/errors";
import { ago } from "@/cli/output";
import type { RunyardClient } from "@/lib/client/runyard-client";
import { RunyardApiError } from "@/lib/client/errors";
import type { AgentInfo, Worker } from "@/lib/contract/workers";
import { parseLabelList } from "@/lib/domain/labels";

export const WORKER_START_HELP = `Usage: runyard worker start [options] -- <command …>

Runs <command> once per run this worker takes, with RUNYARD_RUN_ID, RUNYARD_RUN_CONFIG (a JSON
file with the run's config), RUNYARD_DATASET and RUNYARD_RUN_ATTEMPT in its environment. Its
output becomes the run's log; lines "::progress 42" and "::message text" update the run; exit
code 0 completes the run, anything else fails it.

Worker: RUNYARD_WORKER_ID if set, else --name (registered with --labels if new), else a
default worker (no labels: it takes every run).

Options:
  --labels a,b        labels when registering --name (fixed for the worker's life)
  --name N            run as (or register) the worker with this name
  --concurrency N     runs processed at once (default 1 = one after another)
  --grace-seconds S   after SIGTERM to a cancelled job, SIGKILL after S seconds (default 10)
  --force             start even if another agent is online as this worker
SIGTERM/SIGINT: take no more runs and let running jobs finish; a second signal aborts them.`;

function positiveInt(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 256) throw new CliError(`${flag} must be a whole number from 1 to 256 (got "${text}")`);
  return value;
}

async function resolveWorker(client: RunyardClient, flags: { name?: string; labels?: string; force?: boolean; concurrency: number; info: AgentInfo }): Promise<Worker> {
  const id = process.env.RUNYARD_WORKER_ID;
  if (id) {
    if (flags.labels) throw new CliError("--labels cannot be combined with RUNYARD_WORKER_ID: a worker's labels are fixed when it is registered");
    const worker = await client.getComputeWorkerById(id).catch((error: unknown) => {
      if (error instanceof RunyardApiError && error.status === 404) throw new CliError(`RUNYARD_WORKER_ID ${id}: no such worker in your team (retired workers cannot be restarted; register a new one)`);
      throw error;
    });
    if ((worker.state === "IDLE" || worker.state === "BUSY") && !flags.force) {
      throw new CliError(`another agent seems to be running as worker ${worker.name} (last seen ${ago(worker.lastSeenAt)}); stop it, wait until it shows OFFLINE, or pass --force`);
    }
    return worker;
  }
  if (flags.name) {
    const existing = (await client.getComputeWorkers({ q: flags.name, limit: 500 })).items.find((w) => w.name === flags.name);
    if (existing && !flags.labels) return existing;
    return client.registerComputeWorker({ name: flags.name, labels: parseLabelList(flags.labels ?? ""), maxConcurrency: flags.concurrency });
  }
  if (flags.labels) throw new CliError("--labels needs --name: labels belong to a registered worker (runyard worker start --name gpu-box-1 --labels gpu -- …)");
  return client.getDefaultComputeWorker({ maxConcurrency: flags.concurrency, info: flags.info });
}

export async function workerStartCommand(args: string[]): Promise<void> {
  const dash = args.indexOf("--");
  const command = dash >= 0 ? args.slice(dash + 1) : [];
  const { values } = parseArgs({
    args: dash >= 0 ? args.slice(0, dash) : args,
    options: {
      labels: { type: "string" }, name: { type: "string" }, concurrency: { type: "string" }, "grace-seconds": { type: "string" },
      force: { type: "boolean" }, "heartbeat-seconds": { type: "string" }, "wait-seconds": { type: "string" }, help: { type: "boolean" },
    },
    strict: true,
  });
  if (values.help) return console.log(WORKER_START_HELP);
  if (command.length === 0) throw new CliError(`give the command to run for each run after --\n\n${WORKER_START_HELP}`);
  const concurrency = positiveInt(values.concurrency, "--concurrency", 1);
  const client = apiClient(apiConfig());
  const info = hostInfo();
  const worker = await resolveWorker(client, { name: values.name, labels: values.labels, force: values.force, concurrency, info });
  const console_ = new Console();
  if (concurrency > worker.maxConcurrency) {
    console_.log(`note: worker ${worker.name} was registered with maxConcurrency ${worker.maxConcurrency}; the server hands it at most that many runs at once`);
  }
  const agent = new Agent({
    client,
    workerId: worker.id,
    workerName: worker.name,
    labels: worker.labels,
    concurrency,
    command,
    graceMs: positiveInt(values["grace-seconds"], "--grace-seconds", 10) * 1000,
    waitSeconds: positiveInt(values["wait-seconds"], "--wait-seconds", 25),
    heartbeatMs: positiveInt(values["heartbeat-seconds"], "--heartbeat-seconds", 5) * 1000,
    info,
    log: console_.log,
  });
  console_.attach(agent);
  console_.log(`worker ${worker.name} (${worker.id}) labels [${worker.labels.join(", ")}] — up to ${concurrency} run(s) at once: ${command.join(" ")}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => agent.requestStop());
  try {
    await agent.run();
  } catch (error) {
    if (error instanceof FatalAgentError) throw new CliError(error.message, 1);
    throw error;
  } finally {
    console_.detach();
  }
  console_.log(`stopped: ${agent.completed} completed, ${agent.failed} failed`);
  process.exit(0);
}
