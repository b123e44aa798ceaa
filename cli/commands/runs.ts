// `runyard runs`, `runyard runs schedule`, `runyard runs cancel`, `runyard runs show`.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { apiClient, apiConfig } from "@/cli/config";
import { CliError } from "@/cli/errors";
import { ago, labelsText, table } from "@/cli/output";
import type { RunyardClient } from "@/lib/client/runyard-client";
import { RunPriority, RunState, TERMINAL_RUN_STATES, type Run } from "@/lib/contract/runs";
import { parseLabelList } from "@/lib/domain/labels";

export const RUNS_HELP = `Usage:
  runyard runs [--state S] [--label L] [--json]          list runs, newest first
  runyard runs schedule [--runs-on a,b] [--priority P] [--config file.json] [--dataset D] [--name N] [--wait]
  runyard runs show ID                                     one run with its timeline
  runyard runs cancel ID`;

function readConfig(file: string | undefined): Record<string, unknown> | undefined {
  if (!file) return undefined;
  let text: string;
  try {
    text = file === "-" ? readFileSync(0, "utf8") : readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(`cannot read --config ${file}: ${(error as Error).message}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("it must be a JSON object");
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new CliError(`--config ${file} is not a JSON object: ${(error as Error).message}`);
  }
}

function describe(run: Run): string {
  const where = run.workerName ? ` on ${run.workerName}` : "";
  return `${run.state}${where}${run.state === "RUNNING" ? ` ${run.progress}%` : ""}${run.message ? ` — ${run.message}` : ""}`;
}

/** Follows a run until it ends; the exit code says how it ended (0 = COMPLETED). */
async function follow(client: RunyardClient, run: Run): Promise<never> {
  let last = "";
  for (;;) {
    const current = await client.getComputeWorkerRunInfo(run.id);
    const line = describe(current);
    if (line !== last) console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
    last = line;
    if (TERMINAL_RUN_STATES.includes(current.state)) process.exit(current.state === "COMPLETED" ? 0 : 1);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function schedule(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      "runs-on": { type: "string" }, priority: { type: "string" }, config: { type: "string" }, dataset: { type: "string" },
      name: { type: "string" }, "max-attempts": { type: "string" }, "idempotency-key": { type: "string" }, wait: { type: "boolean" }, json: { type: "boolean" },
    },
    strict: true,
  });
  const priority = values.priority?.toUpperCase();
  if (priority && !RunPriority.safeParse(priority).success) throw new CliError(`--priority must be one of ${RunPriority.options.join(", ")}`);
  const client = apiClient(apiConfig());
  const run = await client.scheduleComputeWorkerRun(
    {
      runsOn: parseLabelList(values["runs-on"] ?? ""),
      priority: priority as RunPriority | undefined,
      config: readConfig(values.config),
      dataset: values.dataset,
      name: values.name,
      maxAttempts: values["max-attempts"] ? Number(values["max-attempts"]) : undefined,
    },
    { idempotencyKey: values["idempotency-key"] },
  );
  if (values.json) console.log(JSON.stringify(run, null, 2));
  else console.log(run.id);
  if (run.unmatchable) {
    const u = run.unmatchable;
    console.error(`warning: no registered worker can take this run${u.closest ? `; closest is ${u.closest.name}, which lacks ${u.missing.join(", ")}` : ""}`);
    for (const m of u.caseMismatches) console.error(`  labels are case-sensitive: "${m.wanted}" is not "${m.has}"`);
  }
  if (values.wait) await follow(client, run);
}

async function list(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { state: { type: "string", multiple: true }, label: { type: "string", multiple: true }, limit: { type: "string" }, json: { type: "boolean" } },
    strict: true,
  });
  const states = (values.state ?? []).map((s) => s.toUpperCase());
  for (const state of states) if (!RunState.safeParse(state).success) throw new CliError(`--state must be one of ${RunState.options.join(", ")}`);
  const client = apiClient(apiConfig());
  const page = await client.getComputeWorkerRuns({ state: states as RunState[], label: values.label, limit: values.limit ? Number(values.limit) : 50 });
  if (values.json) return console.log(JSON.stringify(page.items, null, 2));
  if (page.items.length === 0) return console.log("No runs. Schedule one: npx runyard runs schedule --runs-on gpu --config config.json");
  console.log(
    table(
      ["ID", "NAME", "STATE", "PRIORITY", "RUNS ON", "WORKER", "PROGRESS", "CREATED"],
      page.items.map((r) => [r.id, r.name ?? "-", r.state, r.priority, labelsText(r.runsOn), r.workerName ?? "-", `${r.progress}%`, ago(r.createdAt)]),
    ),
  );
}

export async function runsCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === "schedule") return schedule(rest);
  if (sub === "cancel" || sub === "show") {
    const id = rest[0];
    if (!id) throw new CliError(`usage: runyard runs ${sub} RUN_ID`);
    const client = apiClient(apiConfig());
    if (sub === "cancel") {
      const run = await client.cancelComputeWorkerRun(id);
      return console.log(run.state === "CANCELED" ? "canceled" : `abort requested: the worker stops the job at its next heartbeat (${run.state})`);
    }
    const run = await client.getComputeWorkerRunInfo(id);
    console.log(`${run.id}  ${describe(run)}  attempt ${run.attempt}/${run.maxAttempts}  runsOn [${run.runsOn.join(", ")}]`);
    for (const e of run.events) console.log(`  ${e.at}  ${e.type.padEnd(15)} ${e.message ?? ""}`);
    return;
  }
  if (sub === undefined || sub.startsWith("-")) return list(args);
  throw new CliError(RUNS_HELP);
}
