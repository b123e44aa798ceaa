// `runyard token create` in the one-file agent: through the API (an admin RUNYARD_TOKEN), since
// the agent has no database. The server's own version (token.ts) works without any token.
import type { Command } from "@/cli/commands/command";
import { parseDuration, tokenHelp } from "@/cli/commands/token-help";
import { apiClient, apiConfig } from "@/cli/config";
import { CliError } from "@/cli/errors";
import { parseCommand } from "@/cli/help";
import { resolveWorkerId } from "@/cli/resolve-id";
import { SCOPES, type Scope } from "@/lib/contract/operations";

const help = tokenHelp("api");

async function run(args: string[]): Promise<void> {
  const { values } = parseCommand(args, help, { scope: { type: "string" }, name: { type: "string" }, worker: { type: "string" }, "expires-in": { type: "string" } });
  if (!values.scope || !SCOPES.includes(values.scope as Scope)) throw new CliError(`--scope must be one of ${SCOPES.join(", ")}`);
  const seconds = values["expires-in"] ? parseDuration(values["expires-in"]) : undefined;
  if (values["expires-in"] && (!seconds || seconds % 86400 !== 0)) throw new CliError(`--expires-in must be whole days here, like 30d (got "${values["expires-in"]}")`);
  const expiresInDays = seconds ? seconds / 86400 : undefined;
  if (!process.env.RUNYARD_TOKEN) {
    throw new CliError("token create needs an admin RUNYARD_TOKEN here. With none yet: run `npx runyard token create --scope admin` on the server (it uses the database), or use the dashboard's Tokens page");
  }
  const client = apiClient(apiConfig());
  const workerId = values.worker ? await resolveWorkerId(client, values.worker) : undefined;
  const token = await client.createApiToken({ scope: values.scope as Scope, name: values.name ?? `${values.scope} token (cli)`, workerId, expiresInDays });
  console.log(token.secret);
  console.error(`${values.scope} token${workerId ? ` bound to worker ${workerId}` : ""}${expiresInDays ? `, expires in ${expiresInDays} days` : ""}. It is shown only once.`);
}

export const tokenCreate: Command = { name: "token create", help, run };
