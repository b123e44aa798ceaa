// `runyard worker register` and `runyard workers`.
import { parseArgs } from "node:util";
import { apiClient, apiConfig } from "@/cli/config";
import { CliError } from "@/cli/errors";
import { ago, labelsText, table } from "@/cli/output";
import { WorkerState } from "@/lib/contract/workers";
import { parseLabelList } from "@/lib/domain/labels";

export async function registerCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { name: { type: "string" }, labels: { type: "string" }, concurrency: { type: "string" }, json: { type: "boolean" } },
    strict: true,
  });
  if (!values.name) throw new CliError("--name is required: runyard worker register --name gpu-box-1 --labels gpu,gpu-A100");
  const client = apiClient(apiConfig());
  const worker = await client.registerComputeWorker({
    name: values.name,
    labels: parseLabelList(values.labels ?? ""),
    maxConcurrency: values.concurrency ? Number(values.concurrency) : undefined,
  });
  if (values.json) return console.log(JSON.stringify(worker, null, 2));
  console.log(worker.id);
  console.error(`worker "${worker.name}" with labels [${worker.labels.join(", ")}]. Start it with:\n  RUNYARD_WORKER_ID=${worker.id} npx runyard worker start -- <your command>`);
}

export async function workersCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { label: { type: "string", multiple: true }, state: { type: "string", multiple: true }, q: { type: "string" }, json: { type: "boolean" } },
    strict: true,
  });
  for (const state of values.state ?? []) {
    if (!WorkerState.safeParse(state).success) throw new CliError(`--state must be one of ${WorkerState.options.join(", ")}`);
  }
  const client = apiClient(apiConfig());
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await client.getComputeWorkers({ label: values.label, state: values.state as WorkerState[] | undefined, q: values.q, cursor, limit: 500 });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  if (values.json) return console.log(JSON.stringify(items, null, 2));
  if (items.length === 0) return console.log("No workers. Register one: npx runyard worker register --name gpu-box-1 --labels gpu");
  console.log(
    table(
      ["NAME", "ID", "STATE", "LABELS", "RUNS", "LAST SEEN"],
      items.map((w) => [w.name + (w.draining ? " (draining)" : ""), w.id, w.state, labelsText(w.labels), `${w.currentRuns.length}/${w.maxConcurrency}`, ago(w.lastSeenAt)]),
    ),
  );
}
