// runyard — the command line of Runyard: workers, runs, tokens, and the worker agent.
import { RunyardApiError, RunyardNetworkError } from "@/lib/client/errors";
import { CliError } from "@/cli/errors";
import { RUNS_HELP, runsCommand } from "@/cli/commands/runs";
import { TOKEN_HELP, tokenCommand } from "@/cli/commands/token";
import { registerCommand, workersCommand } from "@/cli/commands/workers";
import { version } from "@/package.json";

const HELP = `runyard ${version} — control plane for fleets of compute workers

Usage:
  runyard worker start [--labels a,b] [--name N] [--concurrency N] -- <command …>
                                  run jobs on this machine (RUNYARD_WORKER_ID, or a default worker)
  runyard worker register --name N [--labels a,b] [--concurrency N]
  runyard workers [--label L] [--state S] [--json]
  runyard runs [--state S] [--json]
  runyard runs schedule [--runs-on a,b] [--priority HIGH] [--config file.json] [--dataset D] [--wait]
  runyard runs show ID | runyard runs cancel ID
  runyard token create --scope admin|scheduler|worker|metrics [--team NAME]

Environment: RUNYARD_URL (default http://localhost:3000), RUNYARD_TOKEN, RUNYARD_WORKER_ID.

${RUNS_HELP}

${TOKEN_HELP}`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case "help":
    case "--help":
    case "-h":
      return console.log(HELP);
    case "--version":
    case "-v":
      return console.log(version);
    case "token":
      return tokenCommand(rest);
    case "workers":
      return workersCommand(rest);
    case "runs":
      return runsCommand(rest);
    case "worker": {
      const [sub, ...args] = rest;
      if (sub === "register") return registerCommand(args);
      if (sub === "start") {
        const { workerStartCommand } = await import("@/cli/commands/worker-start");
        return workerStartCommand(args);
      }
      throw new CliError("usage: runyard worker start|register … (see runyard --help)");
    }
    default:
      throw new CliError(`unknown command "${command}" (see runyard --help)`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof RunyardApiError) {
    const fields = error.problem.invalidParams?.map((p) => `\n  ${p.name}: ${p.reason}`).join("") ?? "";
    console.error(`runyard: ${error.problem.detail} (${error.status} ${error.problem.code})${fields}`);
    process.exit(1);
  }
  if (error instanceof CliError || error instanceof RunyardNetworkError || (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    console.error(`runyard: ${(error as Error).message}`);
    process.exit(error instanceof CliError ? error.exitCode : 1);
  }
  console.error(`runyard: ${(error as Error).message ?? String(error)}`);
  process.exit(1);
});
