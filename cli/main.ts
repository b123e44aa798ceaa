// runyard — the command line of Runyard: run an agent, schedule and follow runs, see the fleet.
// The same file is bundled into the one-file agent served at /downloads/runyard-agent.mjs.
import { RunyardApiError, RunyardNetworkError } from "@/lib/client/errors";
import { CliError } from "@/cli/errors";
import { renderHelp } from "@/cli/help";
import { err, out } from "@/cli/style";
import { CLI_VERSION } from "@/cli/version";
import { COMMANDS, findCommand } from "@/cli/commands/registry";

declare const __RUNYARD_BUNDLE__: boolean | undefined;

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `runyard ${CLI_VERSION} — run jobs on your machines, schedule and follow runs.`,
    "",
    `${out.bold("Usage:")} runyard <command> [options]`,
    "",
    out.bold("Commands:"),
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.help.brief}`),
    "",
    `Run ${out.cyan("runyard <command> --help")} for a command's options and examples.`,
    "",
    out.bold("Environment:"),
    "  RUNYARD_URL     the Runyard server (default http://localhost:3000)",
    "  RUNYARD_TOKEN   an API token (the dashboard's Tokens page)",
    "  NO_COLOR        set to anything for output without colour",
    "",
    out.bold("Examples:"),
    `  ${out.grey("# on a GPU box: take runs that need gpu, run train.py for each")}`,
    "  runyard worker start --name gpu-box-1 --labels gpu,gpu-A100 -- python train.py",
    `  ${out.grey("# schedule a run and follow its log to the end")}`,
    "  runyard runs schedule --runs-on gpu --config config.json --wait",
  ].join("\n");
}

async function main(argv: string[]): Promise<void> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h") return console.log(mainHelp());
  if (argv[0] === "--version" || argv[0] === "-v" || argv[0] === "version") return console.log(CLI_VERSION);
  if (argv[0] === "help") {
    const found = findCommand(argv.slice(1));
    if (!found) throw new CliError(`no command "${argv.slice(1).join(" ")}" (see runyard --help)`);
    return console.log(renderHelp(found.command.help));
  }
  const found = findCommand(argv);
  if (!found) {
    const group = COMMANDS.filter((c) => c.name.startsWith(`${argv[0]} `));
    if (group.length > 0) throw new CliError(`usage: ${group.map((c) => `runyard ${c.help.usage}`).join("\n       ")}\n(see runyard --help)`);
    throw new CliError(`unknown command "${argv[0]}" (see runyard --help)`);
  }
  await found.command.run(found.args);
}

// Piped into `head`: stop quietly when the reader goes away.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

main(process.argv.slice(2)).catch((error: unknown) => {
  const say = (text: string) => console.error(`${err.red("runyard:")} ${text}`);
  if (error instanceof RunyardApiError) {
    const fields = error.problem.invalidParams?.map((p) => `\n  ${p.name}: ${p.reason}`).join("") ?? "";
    say(`${error.problem.detail} (${error.status} ${error.problem.code})${fields}`);
    process.exit(1);
  }
  if (error instanceof CliError) {
    say(error.message);
    process.exit(error.exitCode);
  }
  if (error instanceof RunyardNetworkError) {
    say(error.message);
    process.exit(1);
  }
  say((error as Error)?.stack && typeof __RUNYARD_BUNDLE__ === "undefined" ? String((error as Error).stack) : String((error as Error)?.message ?? error));
  process.exit(1);
});
