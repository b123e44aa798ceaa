// `runyard worker start [--labels a,b] [--name N] [--concurrency N] -- <command …>`: the agent.
// Which worker it runs as: RUNYARD_WORKER_ID; else --name (registered first, with --labels,
// when needed); else a default worker (SPEC §2).
import os from "node:os";
import path from "node:path";
import { Agent, FatalAgentError } from "@/cli/agent/agent";
import { hostInfo } from "@/cli/agent/host-info";
import { Console } from "@/cli/agent/status-line";
import { systemdUnit } from "@/cli/agent/systemd-unit";
import { defaultWorkDir, WorkDir } from "@/cli/agent/work-dir";
import type { Command } from "@/cli/commands/command";
import { apiClient, apiConfig } from "@/cli/config";
import { CliError } from "@/cli/errors";
import { intFlag, parseCommand, type CommandHelp } from "@/cli/help";
import { ago } from "@/cli/output";
import { resolveWorkerId } from "@/cli/resolve-id";
import { shellCommand } from "@/lib/domain/shell-quote";
import { err } from "@/cli/style";
import { CLI_VERSION } from "@/cli/version";
import type { RunyardClient } from "@/lib/client/runyard-client";
import { RunyardApiError } from "@/lib/client/errors";
import type { AgentInfo, Worker } from "@/lib/contract/workers";
import { parseLabelList } from "@/lib/domain/labels";
import { shortId } from "@/lib/domain/short-id";
import { compareVersions } from "@/lib/domain/versions";

const help: CommandHelp = {
  usage: "worker start [options] -- <command …>",
  brief: "run jobs on this machine (the agent)",
  summary: "Run jobs on this machine: take the runs this worker may take and run <command> once for each.",
  details: `The command gets RUNYARD_RUN_ID, RUNYARD_RUN_CONFIG (a private JSON file with the run's config),
RUNYARD_RUN_ATTEMPT, RUNYARD_DATASET and RUNYARD_JOB_TOKEN (reads this run, appends its log,
reports progress; nothing else). It never sees RUNYARD_TOKEN: every RUNYARD_* variable of the
agent is removed from its environment. Its output becomes the run's log; lines "::progress 42"
and "::message text" update the run; exit code 0 completes the run, anything else fails it.
The command runs without a shell: for shell syntax evaluated per run ($RUNYARD_RUN_CONFIG, pipes,
&&) give sh -c '…'.

Worker: RUNYARD_WORKER_ID (an id, a unique id prefix or a name) if set, else --name (registered
with --labels if new), else a default worker (no labels: it takes every run).
SIGTERM or Ctrl-C: take no more runs and let running jobs finish; a second one aborts them.`,
  options: [
    ["--name N", "run as (or register) the worker with this name"],
    ["--labels a,b", "labels when registering --name (fixed for the worker's life)"],
    ["--concurrency N", "runs processed at once (default 1: one after another)"],
    ["--work-dir DIR", "where run files are kept, private to this user (default ~/.runyard/work)"],
    ["--strip-env NAME", "also remove NAME from the jobs' environment (repeatable; AWS_* for a prefix)"],
    ["--grace-seconds S", "after SIGTERM to a cancelled job, SIGKILL after S seconds (default 10)"],
    ["--force", "start even if another agent is online as this worker"],
    ["--print-systemd-unit", "print a systemd unit that runs this command as a service, and exit"],
    ["--env-file PATH", "with --print-systemd-unit: the unit's 0600 environment file (default /etc/runyard/agent.env)"],
    ["--stop-timeout S", "with --print-systemd-unit: how long a stop may drain running jobs (default 3600)"],
  ],
  examples: [
    ["a registered worker (the dashboard's register dialog shows this command)", "RUNYARD_WORKER_ID=0f3c9a12 runyard worker start -- python train.py"],
    ["register by name with labels, two runs at once", "runyard worker start --name a100-box-1 --labels gpu,gpu-A100 --concurrency 2 -- ./run.sh"],
    ["a default worker: no labels, takes every run", "runyard worker start -- python train.py"],
    ["a shell for each run", `runyard worker start -- sh -c 'python train.py --config "$RUNYARD_RUN_CONFIG" | tee train.log'`],
    ["as a systemd service", "runyard worker start --name a100-box-1 --print-systemd-unit -- python train.py | sudo tee /etc/systemd/system/runyard-agent.service"],
  ],
};

async function resolveWorker(client: RunyardClient, flags: { name?: string; labels?: string; force?: boolean; concurrency: number; info: AgentInfo }): Promise<Worker> {
  const given = process.env.RUNYARD_WORKER_ID;
  if (given) {
    if (flags.labels) throw new CliError("--labels cannot be combined with RUNYARD_WORKER_ID: a worker's labels are fixed when it is registered");
    const notFound = () => new CliError(`RUNYARD_WORKER_ID ${given}: no such worker in your team (retired workers cannot be restarted; register a new one)`);
    const id = await resolveWorkerId(client, given).catch((error: unknown) => {
      throw error instanceof CliError && error.exitCode === 1 ? notFound() : error;
    });
    const worker = await client.getComputeWorkerById(id).catch((error: unknown) => {
      throw error instanceof RunyardApiError && error.status === 404 ? notFound() : error;
    });
    if ((worker.state === "IDLE" || worker.state === "BUSY") && !flags.force) {
      throw new CliError(`another agent seems to be running as worker ${worker.name} (last seen ${ago(worker.lastSeenAt)}); stop it, wait until it shows Offline, or pass --force`);
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

/** Warns (once per server version) when the server is newer than this agent. */
function versionWarner(url: string, log: (line: string) => void) {
  const warned = new Set<string>();
  return (serverVersion: string) => {
    if (warned.has(serverVersion) || compareVersions(CLI_VERSION, serverVersion) >= 0) return;
    warned.add(serverVersion);
    log(err.yellow(`warning: the server runs Runyard ${serverVersion}, this agent is ${CLI_VERSION}: download the new agent from ${url}/downloads/runyard-agent.mjs and restart it`));
  };
}

/** The options to keep in the unit's ExecStart: everything but the unit's own. */
function unitArgs(args: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--print-systemd-unit") continue;
    if (arg === "--env-file" || arg === "--stop-timeout") {
      i++;
      continue;
    }
    if (arg.startsWith("--env-file=") || arg.startsWith("--stop-timeout=")) continue;
    kept.push(arg);
  }
  return kept;
}

async function run(args: string[]): Promise<void> {
  const dash = args.indexOf("--");
  const command = dash >= 0 ? args.slice(dash + 1) : [];
  const flagArgs = dash >= 0 ? args.slice(0, dash) : args;
  const { values } = parseCommand(flagArgs, help, {
    labels: { type: "string" }, name: { type: "string" }, concurrency: { type: "string" }, "grace-seconds": { type: "string" },
    force: { type: "boolean" }, "heartbeat-seconds": { type: "string" }, "wait-seconds": { type: "string" },
    "work-dir": { type: "string" }, "strip-env": { type: "string", multiple: true },
    "print-systemd-unit": { type: "boolean" }, "env-file": { type: "string" }, "stop-timeout": { type: "string" },
  });
  if (command.length === 0) throw new CliError("give the command to run for each run after --, e.g. runyard worker start -- python train.py (see runyard worker start --help)");
  const concurrency = intFlag(values.concurrency, "--concurrency", 1);
  if (values["print-systemd-unit"]) {
    const user = process.env.SUDO_USER || os.userInfo().username;
    return void process.stdout.write(systemdUnit({
      execPath: process.execPath, script: path.resolve(process.argv[1]!), args: unitArgs(flagArgs), command, user, workingDirectory: process.cwd(),
      envFile: values["env-file"] ?? "/etc/runyard/agent.env", stopTimeoutSeconds: intFlag(values["stop-timeout"], "--stop-timeout", 3600, 1, 7 * 86400),
      url: process.env.RUNYARD_URL, workerId: process.env.RUNYARD_WORKER_ID,
    }));
  }
  const config = apiConfig();
  const client = apiClient(config);
  const console_ = new Console();
  const warnIfOutdated = versionWarner(config.url, console_.log);
  const health = await client.health().catch(() => undefined);
  if (health && "version" in health) warnIfOutdated(health.version);
  let workDir: WorkDir;
  try {
    workDir = new WorkDir(values["work-dir"] ?? defaultWorkDir());
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  if (workDir.removedStale.length > 0) console_.log(`removed the files of ${workDir.removedStale.length} run(s) left by an agent that was killed`);
  const info = hostInfo();
  try {
    const worker = await resolveWorker(client, { name: values.name, labels: values.labels, force: values.force, concurrency, info });
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
      graceMs: intFlag(values["grace-seconds"], "--grace-seconds", 10) * 1000,
      waitSeconds: intFlag(values["wait-seconds"], "--wait-seconds", 25, 1, 30),
      heartbeatMs: intFlag(values["heartbeat-seconds"], "--heartbeat-seconds", 5) * 1000,
      info,
      log: console_.log,
      job: { url: config.url, workDir, strip: values["strip-env"] ?? [] },
      onServerVersion: warnIfOutdated,
    });
    console_.attach(agent);
    console_.log(`worker ${worker.name} (${shortId(worker.id)}) labels [${worker.labels.join(", ")}] — up to ${concurrency} run(s) at once: ${shellCommand(command)}`);
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
  } finally {
    workDir.dispose();
  }
  process.exit(0);
}

export const workerStart: Command = { name: "worker start", help, run };
