// `runyard token create`: a server-side admin command. It talks to the database directly (so
// it works before any token exists) and prints the new secret once.
import { parseArgs } from "node:util";
import { SCOPES, type Scope } from "@/lib/contract/operations";
import { openLocalDatabase } from "@/lib/db/local-database";
import { migrate } from "@/lib/db/migrate";
import { parseEnv } from "@/lib/env";
import { CliError } from "@/cli/errors";

export const TOKEN_HELP = `Usage: runyard token create --scope admin|scheduler|worker|metrics [options]

Creates an API token and prints it once. Runs on the server: it uses DATABASE_URL, or the
embedded database in RUNYARD_DATA_DIR (default .data).

Options:
  --scope S        admin, scheduler, worker or metrics (GET /metrics only) (required)
  --team NAME      the team the token acts for (default: default; created if missing)
  --name TEXT      a name to recognise the token by
  --worker ID      bind a worker token to one worker
  --expires-in D   e.g. 30d, 12h (default: never)`;

function parseDuration(text: string): Date {
  const match = /^(\d+)([smhd])$/.exec(text);
  if (!match) throw new CliError(`--expires-in must look like 30d, 12h or 45m (got "${text}")`);
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as "s" | "m" | "h" | "d"];
  return new Date(Date.now() + Number(match[1]) * unit * 1000);
}

export async function tokenCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== "create") throw new CliError(TOKEN_HELP);
  const { values } = parseArgs({
    args: rest,
    options: { scope: { type: "string" }, team: { type: "string" }, name: { type: "string" }, worker: { type: "string" }, "expires-in": { type: "string" } },
    strict: true,
  });
  if (!values.scope || !SCOPES.includes(values.scope as Scope)) throw new CliError(`--scope must be one of ${SCOPES.join(", ")}`);
  const expiresAt = values["expires-in"] ? parseDuration(values["expires-in"]) : null;
  const database = await openLocalDatabase(parseEnv());
  process.env.DATABASE_URL = database.url;
  try {
    await migrate(database.url);
    const { ensureTeam } = await import("@/lib/server/teams/ensure-team");
    const { createToken } = await import("@/lib/server/auth/tokens");
    const { closePool } = await import("@/lib/db/pool");
    const teamId = await ensureTeam(values.team);
    const token = await createToken({
      teamId,
      scope: values.scope as Scope,
      name: values.name ?? `${values.scope} token (cli)`,
      workerId: values.worker ?? null,
      expiresAt,
      createdBy: "cli",
    }).finally(closePool);
    console.log(token.secret);
    console.error(`${values.scope} token for team "${values.team ?? "default"}"${values.worker ? ` bound to worker ${values.worker}` : ""}${expiresAt ? `, expires ${expiresAt.toISOString()}` : ""}. It is shown only once.`);
  } finally {
    await database.close();
  }
}
