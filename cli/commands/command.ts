// A CLI command: its words ("runs logs"), its help, and what it does with the rest of argv.
import type { CommandHelp } from "@/cli/help";

export type Command = { name: string; help: CommandHelp; run: (args: string[]) => Promise<void> };
