// Every command of the CLI, in the order `runyard --help` lists them.
import type { Command } from "@/cli/commands/command";
import { runsLogs } from "@/cli/commands/run-logs";
import { runsSchedule } from "@/cli/commands/run-schedule";
import { runsCancel, runsShow, runsWait } from "@/cli/commands/run-show";
import { runsList } from "@/cli/commands/runs";
import { workerStart } from "@/cli/commands/worker-start";
import { workerRegister, workersList } from "@/cli/commands/workers";

declare const __RUNYARD_BUNDLE__: boolean | undefined;

// The one-file agent has no database: its `token create` goes through the API. A clone (the
// server) makes tokens in the database, which works before any token exists. The other branch
// is dropped from the bundle (esbuild defines __RUNYARD_BUNDLE__), so no pg gets in.
const { tokenCreate } = typeof __RUNYARD_BUNDLE__ !== "undefined" && __RUNYARD_BUNDLE__
  ? await import("@/cli/commands/token-remote")
  : await import("@/cli/commands/token");

export const COMMANDS: readonly Command[] = [workerStart, workerRegister, workersList, runsList, runsSchedule, runsShow, runsLogs, runsWait, runsCancel, tokenCreate];

/** The command named by the first words of argv (the longest match), and the rest. */
export function findCommand(argv: string[]): { command: Command; args: string[] } | undefined {
  for (const command of [...COMMANDS].sort((a, b) => b.name.split(" ").length - a.name.split(" ").length)) {
    const words = command.name.split(" ");
    if (words.every((word, i) => argv[i] === word)) return { command, args: argv.slice(words.length) };
  }
  return undefined;
}
