// `runyard runs`: the queue and history, newest first.
import type { Command } from "@/cli/commands/command";
import { apiClient, apiConfig } from "@/cli/config";
import { CliError } from "@/cli/errors";
import { intFlag, parseCommand, type CommandHelp } from "@/cli/help";
import { ago, labelsText, table } from "@/cli/output";
import { out, runStateText } from "@/cli/style";
import { RunState } from "@/lib/contract/runs";
import { shortId } from "@/lib/domain/short-id";
import { parseRunState, RUN_STATE_WORDS } from "@/lib/domain/vocabulary";

const help: CommandHelp = {
  usage: "runs [--state S] [--label L] [--limit N] [--json]",
  brief: "list runs, newest first",
  summary: "List runs, newest first: state, priority, labels, worker, progress.",
  options: [
    ["--state S", `only runs in this state (repeatable): ${Object.values(RUN_STATE_WORDS).join(", ")}`],
    ["--label L", "only runs whose runsOn has this label (repeatable)"],
    ["--limit N", "how many (default 50, at most 500)"],
    ["--json", "the runs as JSON, full ids and all fields"],
  ],
  examples: [
    ["what is waiting", "runyard runs --state queued"],
    ["failed GPU runs", "runyard runs --state failed --label gpu"],
  ],
};

async function run(args: string[]): Promise<void> {
  const { values } = parseCommand(args, help, {
    state: { type: "string", multiple: true }, label: { type: "string", multiple: true }, limit: { type: "string" }, json: { type: "boolean" },
  });
  const states = (values.state ?? []).map((text) => {
    const state = parseRunState(text);
    if (!state) throw new CliError(`--state must be one of ${Object.values(RUN_STATE_WORDS).join(", ")} (got "${text}")`);
    return state;
  });
  const config = apiConfig();
  const page = await apiClient(config).getComputeWorkerRuns({ state: states as RunState[], label: values.label, limit: intFlag(values.limit, "--limit", 50, 1, 500) });
  if (values.json) return console.log(JSON.stringify(page.items, null, 2));
  if (page.items.length === 0) return console.log(states.length || values.label ? "No runs match." : "No runs yet. Schedule one: runyard runs schedule --runs-on gpu --config config.json");
  console.log(
    table(
      ["ID", "NAME", "STATE", "PRIORITY", "RUNS ON", "WORKER", "PROGRESS", "CREATED"],
      page.items.map((r) => [out.bold(shortId(r.id)), r.name ?? "-", runStateText(r.state), r.priority, labelsText(r.runsOn), r.workerName ?? "-", `${r.progress}%`, ago(r.createdAt)]),
    ),
  );
  if (page.nextCursor) console.log(out.grey(`… more: --limit ${Math.min(500, page.items.length * 2)}, or filter with --state / --label`));
}

export const runsList: Command = { name: "runs", help, run };
