// `runyard runs show <id>`, `runs wait <id>` and `runs cancel <id>`: one run, by its id or any
// unique prefix of it (the 8 characters `runyard runs` prints).
import type { Command } from "@/cli/commands/command";
import { apiClient, apiConfig, linkBase } from "@/cli/config";
import { CliError } from "@/cli/errors";
import { followRun, TIMEOUT_EXIT_CODE, type FollowEnd } from "@/cli/follow";
import { intFlag, parseCommand, type CommandHelp } from "@/cli/help";
import { resolveRunId } from "@/cli/resolve-id";
import { describeRun, duration, localTime, runLabel, runLink, timeZoneLabel } from "@/cli/run-text";
import { err, out } from "@/cli/style";
import { runEventWord } from "@/lib/domain/vocabulary";

async function oneRun(args: string[], help: CommandHelp, options: Parameters<typeof parseCommand>[2] = {}) {
  const parsed = parseCommand(args, help, options, 1);
  const given = parsed.positionals[0];
  if (!given) throw new CliError(`which run? runyard ${help.usage}`);
  const config = apiConfig();
  const client = apiClient(config);
  return { ...parsed, config, client, id: await resolveRunId(client, given) };
}

/** Exit with the run's result: 0 completed, 1 otherwise, 124 when --timeout ran out first. */
export function finishFollow(end: FollowEnd, timeoutSeconds: number | undefined): never {
  if (end.timedOut) {
    console.error(err.yellow(`timed out after ${timeoutSeconds} s: ${runLabel(end.run)} is still ${describeRun(end.run, err)} (it goes on; runyard runs cancel ${end.run.id.slice(0, 8)} stops it)`));
    process.exit(TIMEOUT_EXIT_CODE);
  }
  process.exit(end.run.state === "COMPLETED" ? 0 : 1);
}

const showHelp: CommandHelp = {
  usage: "runs show <id> [--json]",
  brief: "one run: state, times, timeline, link",
  summary: "One run: name, state, worker, attempts, times (local), its timeline and dashboard link.",
  options: [["--json", "the run with its timeline as JSON"]],
  examples: [["by the short id runyard runs prints", "runyard runs show 0f3c9a12"]],
};

async function show(args: string[]) {
  const { values, client, config, id } = await oneRun(args, showHelp, { json: { type: "boolean" } });
  const run = await client.getComputeWorkerRunInfo(id);
  if (values.json) return console.log(JSON.stringify(run, null, 2));
  const row = (label: string, value: string) => `  ${out.grey(label.padEnd(10))} ${value}`;
  const lines = [
    `${out.bold(run.name ?? "(no name)")}  ${run.id}`,
    row("State", `${describeRun(run, out)}${run.exitCode !== null ? ` (exit code ${run.exitCode})` : ""}`),
    row("Attempt", `${run.attempt} of ${run.maxAttempts}`),
    row("Priority", run.priority),
    row("Runs on", run.runsOn.length ? run.runsOn.join(", ") : "any worker"),
    ...(run.dataset ? [row("Dataset", run.dataset)] : []),
    ...(run.waitingBehind ? [row("Waits for", `${runLabel(run.waitingBehind)} (same dataset)`)] : []),
    row("Created", localTime(run.createdAt)),
    row("Claimed", run.claimedAt ? `${localTime(run.claimedAt)}  waited ${duration(run.createdAt, run.claimedAt)}` : "-"),
    row("Started", localTime(run.startedAt)),
    row("Finished", run.finishedAt ? `${localTime(run.finishedAt)}  ran ${duration(run.startedAt ?? run.claimedAt, run.finishedAt)}` : run.startedAt ? `-  running for ${duration(run.startedAt, null)}` : "-"),
    row("Link", out.cyan(runLink(linkBase(config), run.id))),
    "",
    `${out.bold("Timeline")} ${out.grey(`(times in ${timeZoneLabel()})`)}`,
    ...run.events.map((e) => `  ${localTime(e.at)}  ${runEventWord(e.type).padEnd(16)}${e.attempt ? ` #${e.attempt}` : ""}${e.workerName ? ` on ${e.workerName}` : ""}${e.message ? `  ${out.grey(e.message.split("\n")[0]!)}` : ""}`),
  ];
  if (run.message && run.message.includes("\n")) lines.push("", out.bold("Message"), ...run.message.split("\n").map((l) => `  ${l}`));
  console.log(lines.join("\n"));
}

const waitHelp: CommandHelp = {
  usage: "runs wait <id> [--timeout S] [--logs]",
  brief: "wait until a run ends (--timeout)",
  summary: "Wait until a run ends; exit 0 if it completed, 1 if not, 124 at --timeout.",
  options: [
    ["--timeout S", "give up after S seconds (exit 124; the run goes on)"],
    ["--logs", "stream its log meanwhile"],
  ],
  examples: [["in a script", "runyard runs wait 0f3c9a12 --timeout 600 && echo done"]],
};

async function wait(args: string[]) {
  const { values, client, id } = await oneRun(args, waitHelp, { timeout: { type: "string" }, logs: { type: "boolean" } });
  const timeoutSeconds = values.timeout !== undefined ? intFlag(values.timeout as string, "--timeout", 0, 1, 30 * 86400) : undefined;
  finishFollow(await followRun(client, id, { logs: Boolean(values.logs), states: true, timeoutSeconds }), timeoutSeconds);
}

const cancelHelp: CommandHelp = {
  usage: "runs cancel <id>",
  brief: "cancel a run (stops its job)",
  summary: "Cancel a run: a queued run is cancelled at once; a running job is stopped (SIGTERM, then SIGKILL) and the run ends Aborted.",
  examples: [["", "runyard runs cancel 0f3c9a12"]],
};

async function cancel(args: string[]) {
  const { client, id } = await oneRun(args, cancelHelp);
  const run = await client.cancelComputeWorkerRun(id);
  console.log(run.state === "CANCELED" ? `Cancelled ${runLabel(run)}` : `Abort requested for ${runLabel(run)}: its worker stops the job at its next heartbeat`);
}

export const runsShow: Command = { name: "runs show", help: showHelp, run: show };
export const runsWait: Command = { name: "runs wait", help: waitHelp, run: wait };
export const runsCancel: Command = { name: "runs cancel", help: cancelHelp, run: cancel };
