// One shape for every command's help — usage, what it does, options, examples — and one
// argument parser that honours --help and explains unknown options.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError } from "@/cli/errors";
import { out } from "@/cli/style";

export type CommandHelp = {
  /** How it is called, e.g. "runs logs <id> [--follow]". */
  usage: string;
  /** A few words for the list of commands in `runyard --help`. */
  brief: string;
  summary: string;
  /** Paragraphs after the summary. */
  details?: string;
  options?: readonly (readonly [flag: string, text: string])[];
  examples?: readonly (readonly [comment: string, command: string])[];
};

export function renderHelp(help: CommandHelp): string {
  const lines = [`${out.bold("Usage:")} runyard ${help.usage}`, "", help.summary];
  if (help.details) lines.push("", help.details);
  if (help.options?.length) {
    const width = Math.max(...help.options.map(([flag]) => flag.length));
    lines.push("", out.bold("Options:"), ...help.options.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`));
  }
  if (help.examples?.length) {
    lines.push("", out.bold("Examples:"));
    for (const [comment, command] of help.examples) lines.push(`  ${out.grey(`# ${comment}`)}`, `  ${command}`);
  }
  return lines.join("\n");
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * parseArgs with `--help`/`-h` (prints the help and exits 0) and errors that name the command.
 * Positionals are allowed only when `positionals` says how many.
 */
export function parseCommand<const O extends Options>(args: string[], help: CommandHelp, options: O, positionals = 0) {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(renderHelp(help));
    process.exit(0);
  }
  let parsed;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: positionals > 0 });
  } catch (error) {
    throw new CliError(`${(error as Error).message.replace(/\. To specify a positional argument.*$/s, "")}\n\n${renderHelp(help)}`);
  }
  if (parsed.positionals.length > positionals) throw new CliError(`unexpected argument "${parsed.positionals[positionals]}"\n\n${renderHelp(help)}`);
  return parsed;
}

/** A whole number in [min, max] from a flag, or the fallback when the flag is absent. */
export function intFlag(text: string | undefined, flag: string, fallback: number, min = 1, max = 256): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new CliError(`${flag} must be a whole number from ${min} to ${max} (got "${text}")`);
  return value;
}
