// `runyard token create` on the server: it talks to the database directly (so it works before
// any token exists) and prints the new secret once. The one-file agent has token-remote.ts.
import type { Command } from "@/cli/commands/command";
import { parseDuration, tokenHelp } from "@/cli/commands/token-help";
import { CliError } from "@/cli/errors";
import { parseCommand } from "@/cli/help";
import { SCOPES, type Scope } from "@/lib/contract/operations";

const help = tokenHelp("server");

async function run(args: string[]): Promise<void> {
  const { values } = parseCommand(args, help, {
    scope: { type: "string" }, team: { type: "string" }, name: { type: "string" }, worker: { type: "string" }, "expires-in": { type: "string" },
  });
  if (!values.scope || !SCOPES.includes(values.scope as Scope)) throw new CliError(`--scope must be one of ${SCOPES.join(", ")}`);
  const seconds = values["expires-in"] ? parseDuration(values["expires-in"]) : undefined;
  if (values["expires-in"] && !seconds) throw new CliError(`--expires-in must look like 30d, 12h or 45m (got "${values["expires-in"]}")`);
  const expiresAt = seconds ? new Date(Date.now() + seconds * 1000) : null;
  const { openLocalDatabase } = await import("@/lib/db/local-database");
  const { migrate } = await import("@/lib/db/migrate");
  const { parseEnv } = await import("@/lib/env");
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

export const tokenCreate: Command = { name: "token create", help, run };
