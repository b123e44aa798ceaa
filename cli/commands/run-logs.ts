// `runyard runs logs <id> [--follow]`: a run's log as its job printed it (stdout lines on
// stdout, stderr lines on stderr); --follow streams new lines until the run ends.
import type { Command } from "@/cli/commands/command";
import { apiClient, apiConfig } from "@/cli/config";
import { CliError } from "@/cli/errors";
import { followRun, TIMEOUT_EXIT_CODE } from "@/cli/follow";
import { intFlag, parseCommand, type CommandHelp } from "@/cli/help";
import { resolveRunId } from "@/cli/resolve-id";
import { runLabel } from "@/cli/run-text";
import { err, runStateText } from "@/cli/style";

const help: CommandHelp = {
  usage: "runs logs <id> [--follow [--timeout S]]",
  brief: "print or follow a run's log",
  summary: "Print a run's log; with --follow, keep printing new lines until the run ends.",
  options: [
    ["-f, --follow", "stream new lines as the job prints them, until the run ends"],
    ["--timeout S", "with --follow: stop after S seconds (exit 124)"],
  ],
  examples: [
    ["the whole log so far", "runyard runs logs 0f3c9a12"],
    ["watch a training run", "runyard runs logs 0f3c9a12 --follow"],
  ],
};

async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, help, { follow: { type: "boolean", short: "f" }, timeout: { type: "string" } }, 1);
  if (!positionals[0]) throw new CliError("which run? runyard runs logs <id> [--follow]");
  if (values.timeout !== undefined && !values.follow) throw new CliError("--timeout goes with --follow");
  const timeoutSeconds = values.timeout !== undefined ? intFlag(values.timeout, "--timeout", 0, 1, 30 * 86400) : undefined;
  const client = apiClient(apiConfig());
  const id = await resolveRunId(client, positionals[0]);
  if (!values.follow) {
    for (let cursor: string | undefined; ; ) {
      const page = await client.getComputeWorkerRunLogs(id, { cursor, limit: 1000 });
      for (const line of page.items) (line.stream === "stderr" ? process.stderr : process.stdout).write(`${line.line}\n`);
      if (page.items.length < 1000) return;
      cursor = page.nextCursor ?? undefined;
    }
  }
  const end = await followRun(client, id, { logs: true, states: false, timeoutSeconds });
  if (end.timedOut) {
    console.error(err.yellow(`stopped following after ${timeoutSeconds} s; ${runLabel(end.run)} goes on`));
    process.exit(TIMEOUT_EXIT_CODE);
  }
  console.error(err.grey(`── ${runLabel(end.run)} ${runStateText(end.run.state, err)} ──`));
}

export const runsLogs: Command = { name: "runs logs", help, run };
