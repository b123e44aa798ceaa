import type { Me } from "@/lib/contract/fleet";
import { pool } from "@/lib/db/pool";
import type { Principal } from "@/lib/server/auth/authenticate";

export async function describeCaller(principal: Principal): Promise<Me> {
  const { rows } = await pool().query<{ name: string }>("SELECT name FROM teams WHERE id = $1", [principal.teamId]);
  return { teamId: principal.teamId, teamName: rows[0]!.name, scope: principal.scope, workerId: principal.workerId };
}
