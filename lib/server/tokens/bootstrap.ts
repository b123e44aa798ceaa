// First start of a fresh install: make the default team and a first admin token, once.
import { withTransaction } from "@/lib/db/pool";
import { createToken } from "@/lib/server/auth/tokens";
import { ensureTeam } from "@/lib/server/teams/ensure-team";

const BOOTSTRAP_LOCK = 7_207_001;

/** Returns the first admin token's secret when this call created it, else null. */
export async function bootstrapInstall(): Promise<string | null> {
  const teamId = await ensureTeam();
  return withTransaction(async (client) => {
    // Several app instances may start at once on a fresh database: only one makes the token.
    await client.query("SELECT pg_advisory_xact_lock($1)", [BOOTSTRAP_LOCK]);
    const { rows } = await client.query("SELECT 1 FROM api_tokens LIMIT 1");
    if (rows.length > 0) return null;
    const token = await createToken({ teamId, scope: "admin", name: "first admin token", createdBy: "install" }, client);
    return token.secret;
  });
}
