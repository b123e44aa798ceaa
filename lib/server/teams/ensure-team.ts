// Teams are created on demand by name; a fresh install has one team, "default".
import { pool } from "@/lib/db/pool";

export const DEFAULT_TEAM = "default";

export async function ensureTeam(name: string = DEFAULT_TEAM): Promise<string> {
  const { rows } = await pool().query<{ id: string }>(
    `WITH ins AS (INSERT INTO teams (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id)
     SELECT id FROM ins UNION ALL SELECT id FROM teams WHERE name = $1 LIMIT 1`,
    [name],
  );
  return rows[0]?.id ?? ensureTeam(name);
}
