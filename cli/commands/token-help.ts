// The help of `runyard token create`, shared by the server's command (database) and the
// one-file agent's (the API).
import type { CommandHelp } from "@/cli/help";

export const tokenHelp = (where: "server" | "api"): CommandHelp => ({
  usage: "token create --scope admin|scheduler|worker|metrics [options]",
  brief: "make an API token",
  summary: "Make an API token and print it once (only its hash is stored).",
  details:
    where === "server"
      ? `On the server (a clone with the database): uses DATABASE_URL, or the embedded database in
RUNYARD_DATA_DIR (default .data), so it works before any token exists. Elsewhere, with an admin
RUNYARD_TOKEN, the one-file agent (runyard-agent.mjs) makes tokens through the API.`
      : `Through the API, with an admin RUNYARD_TOKEN. With no token at all, make the first one on the
server (npx runyard token create --scope admin, in its clone) or on the dashboard's Tokens page.`,
  options: [
    ["--scope S", "admin, scheduler (schedule and cancel runs: CI), worker (run an agent) or metrics (GET /metrics only)"],
    ["--worker ID", "bind a worker token to one worker: it can act only as that worker"],
    ["--name TEXT", "a name to recognise the token by"],
    ["--expires-in D", "e.g. 30d, 12h (default: never)"],
    ...(where === "server" ? ([["--team NAME", "the team it acts for (default: default; created if missing)"]] as const) : []),
  ],
  examples: [
    ["a token for one worker's agent", "runyard token create --scope worker --worker 0f3c9a12 --name gpu-box-1"],
    ["for CI: schedules runs, expires in 90 days", "runyard token create --scope scheduler --name ci --expires-in 90d"],
  ],
});

/** "30d", "12h", "45m", "90s" in seconds, or undefined. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)([smhd])$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as "s" | "m" | "h" | "d"];
}
