// `runyard runs schedule`: schedule a run; print its short id and dashboard link; --wait
// follows it to the end (its log streamed) and exits with its result.
import { readFileSync } from "node:fs";
import type { Command } from "@/cli/commands/command";
import { finishFollow } from "@/cli/commands/run-show";
import { apiClient, apiConfig, linkBase } from "@/cli/config";
import { CliError } from "@/cli/errors";
import { followRun } from "@/cli/follow";
import { intFlag, parseCommand, type CommandHelp } from "@/cli/help";
import { runLabel, runLink } from "@/cli/run-text";
import { err, out, runStateText } from "@/cli/style";
import { RunPriority } from "@/lib/contract/runs";
import { parseLabelList } from "@/lib/domain/labels";

const help: CommandHelp = {
  usage: "runs schedule [--runs-on a,b] [--priority P] [--config file.json] [--wait [--timeout S]]",
  brief: "schedule a run (--wait follows it)",
  summary: "Schedule a run for the workers that have all its runsOn labels.",
  details: `On a terminal it prints the run's short id and its dashboard link; piped, it prints the full id
(for scripts: RUN=$(runyard runs schedule …)). With --wait it follows the run, streaming its log,
and exits 0 if it completed, 1 if it failed or was cancelled, 124 at --timeout (the run goes on).`,
  options: [
    ["--runs-on a,b", "labels a worker must all have (none: any worker)"],
    ["--priority P", `${RunPriority.options.join(", ")} (default MID)`],
    ["--config FILE", "the run's config: a JSON object (- reads standard input)"],
    ["--name N", "a name to recognise it by"],
    ["--dataset D", "runs with the same dataset never run at the same time"],
    ["--max-attempts N", "attempts before it counts as crashed (default 3)"],
    ["--idempotency-key K", "scheduling again with the same key returns the same run"],
    ["--wait", "follow the run to its end, streaming its log"],
    ["--timeout S", "with --wait: give up waiting after S seconds (exit 124)"],
    ["--json", "print the run as JSON"],
  ],
  examples: [
    ["a training run on an A100, followed to the end", "runyard runs schedule --name resnet50 --runs-on gpu-A100 --priority HIGH --config train.json --wait"],
    ["in CI: fail the job if it is not done in an hour", "runyard runs schedule --runs-on gpu --config ci.json --wait --timeout 3600"],
  ],
};

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

async function run(args: string[]): Promise<void> {
  const { values } = parseCommand(args, help, {
    "runs-on": { type: "string" }, priority: { type: "string" }, config: { type: "string" }, dataset: { type: "string" },
    name: { type: "string" }, "max-attempts": { type: "string" }, "idempotency-key": { type: "string" }, wait: { type: "boolean" },
    timeout: { type: "string" }, json: { type: "boolean" },
  });
  const priority = values.priority?.toUpperCase();
  if (priority && !RunPriority.safeParse(priority).success) throw new CliError(`--priority must be one of ${RunPriority.options.join(", ")}`);
  if (values.timeout !== undefined && !values.wait) throw new CliError("--timeout goes with --wait");
  const timeoutSeconds = values.timeout !== undefined ? intFlag(values.timeout, "--timeout", 0, 1, 30 * 86400) : undefined;
  const config = apiConfig();
  const client = apiClient(config);
  const scheduled = await client.scheduleComputeWorkerRun(
    {
      runsOn: parseLabelList(values["runs-on"] ?? ""),
      priority: priority as RunPriority | undefined,
      config: readConfig(values.config),
      dataset: values.dataset,
      name: values.name,
      maxAttempts: values["max-attempts"] ? intFlag(values["max-attempts"], "--max-attempts", 3, 1, 100) : undefined,
    },
    { idempotencyKey: values["idempotency-key"] },
  );
  const link = runLink(linkBase(config), scheduled.id);
  if (values.json) console.log(JSON.stringify(scheduled, null, 2));
  else if (process.stdout.isTTY) console.log(`Scheduled ${out.bold(runLabel(scheduled))}: ${runStateText(scheduled.state)}, priority ${scheduled.priority}${scheduled.runsOn.length ? `, runs on [${scheduled.runsOn.join(", ")}]` : ", any worker"}\n  ${out.cyan(link)}`);
  else {
    console.log(scheduled.id);
    console.error(`Scheduled ${runLabel(scheduled)}: ${link}`);
  }
  if (scheduled.unmatchable) {
    const u = scheduled.unmatchable;
    console.error(err.yellow(`warning: no registered worker can take this run${u.closest ? `; closest is ${u.closest.name}, which lacks ${u.missing.join(", ")}` : ""}`));
    for (const m of u.caseMismatches) console.error(`  labels are case-sensitive: "${m.wanted}" is not "${m.has}"`);
  }
  if (values.wait) finishFollow(await followRun(client, scheduled.id, { logs: true, states: true, timeoutSeconds }), timeoutSeconds);
}

export const runsSchedule: Command = { name: "runs schedule", help, run };
