// `runyard workers` and `runyard worker register`.
import type { Command } from "@/cli/commands/command";
import { apiClient, apiConfig } from "@/cli/config";
import { CliError } from "@/cli/errors";
import { intFlag, parseCommand, type CommandHelp } from "@/cli/help";
import { ago, labelsText, table } from "@/cli/output";
import { err, out, workerStatusText } from "@/cli/style";
import { parseLabelList } from "@/lib/domain/labels";
import { shortId } from "@/lib/domain/short-id";
import { parseWorkerState, WORKER_STATE_WORDS } from "@/lib/domain/vocabulary";

const registerHelp: CommandHelp = {
  usage: "worker register --name N [--labels a,b] [--concurrency N]",
  brief: "register a worker with labels",
  summary: "Register a worker (needs an admin token). Its labels are fixed for its life.",
  options: [
    ["--name N", "3–64 characters: letters, digits, spaces, _ and -"],
    ["--labels a,b", "what the machine offers (GPU model, data centre…); none: it takes every run"],
    ["--concurrency N", "runs it processes at once (default 1)"],
    ["--json", "print the worker as JSON"],
  ],
  examples: [["an A100 box in eu-west", "runyard worker register --name a100-box-1 --labels gpu,gpu-A100,eu-west"]],
};

async function register(args: string[]): Promise<void> {
  const { values } = parseCommand(args, registerHelp, { name: { type: "string" }, labels: { type: "string" }, concurrency: { type: "string" }, json: { type: "boolean" } });
  if (!values.name) throw new CliError("--name is required: runyard worker register --name gpu-box-1 --labels gpu,gpu-A100");
  const worker = await apiClient(apiConfig()).registerComputeWorker({
    name: values.name,
    labels: parseLabelList(values.labels ?? ""),
    maxConcurrency: values.concurrency ? intFlag(values.concurrency, "--concurrency", 1) : undefined,
  });
  if (values.json) return console.log(JSON.stringify(worker, null, 2));
  console.log(worker.id);
  console.error(`Worker ${out.bold(worker.name)} (${shortId(worker.id)}) with labels [${worker.labels.join(", ")}]. Start it on its machine with:\n  RUNYARD_WORKER_ID=${worker.id} runyard worker start -- <your command>`);
}

const listHelp: CommandHelp = {
  usage: "workers [--label L] [--state S] [--name TEXT] [--json]",
  brief: "list workers",
  summary: "List workers: state, labels, current runs, last contact, agent version.",
  options: [
    ["--label L", "only workers with this label (repeatable)"],
    ["--state S", `only workers in this state (repeatable): ${Object.values(WORKER_STATE_WORDS).join(", ")}`],
    ["--name TEXT", "only workers whose name contains TEXT"],
    ["--json", "the workers as JSON"],
  ],
  examples: [
    ["idle GPU workers", "runyard workers --label gpu --state idle"],
  ],
};

async function list(args: string[]): Promise<void> {
  const { values } = parseCommand(args, listHelp, { label: { type: "string", multiple: true }, state: { type: "string", multiple: true }, name: { type: "string" }, json: { type: "boolean" } });
  const states = (values.state ?? []).map((text) => {
    const state = parseWorkerState(text);
    if (!state) throw new CliError(`--state must be one of ${Object.values(WORKER_STATE_WORDS).join(", ")} (got "${text}")`);
    return state;
  });
  const client = apiClient(apiConfig());
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await client.getComputeWorkers({ label: values.label, state: states, q: values.name, cursor, limit: 500 });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  if (values.json) return console.log(JSON.stringify(items, null, 2));
  if (items.length === 0) return console.log("No workers. Register one: runyard worker register --name gpu-box-1 --labels gpu");
  console.log(
    table(
      ["NAME", "ID", "STATE", "LABELS", "RUNS", "LAST SEEN", "AGENT"],
      items.map((w) => [
        w.name,
        shortId(w.id),
        workerStatusText(w),
        labelsText(w.labels),
        `${w.currentRuns.length}/${w.maxConcurrency}`,
        ago(w.lastSeenAt),
        w.agent.version ? (w.agent.outdated ? out.yellow(`${w.agent.version} (update)`) : w.agent.version) : "-",
      ]),
    ),
  );
  const outdated = items.filter((w) => w.agent.outdated).length;
  if (outdated > 0) console.error(err.yellow(`${outdated} agent(s) older than the server: download the new one from /downloads/runyard-agent.mjs and restart them`));
}

export const workersList: Command = { name: "workers", help: listHelp, run: list };
export const workerRegister: Command = { name: "worker register", help: registerHelp, run: register };
