// Each distinct runsOn of a team is a label set, the unit the claim queues by. Label sets
// never change and are never deleted, so their ids are cached for the life of the process.
import type pg from "pg";
import { pool } from "@/lib/db/pool";

const cache = new Map<string, string>();
const MAX_CACHED = 100_000;

/** The id of the team's label set for these (normalized: sorted, distinct) labels. */
export async function labelSetId(teamId: string, labels: readonly string[], db: pg.Pool | pg.PoolClient = pool()): Promise<string> {
  const key = `${teamId}|${labels.join(",")}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const { rows } = await db.query<{ id: string }>(
    `WITH found AS (SELECT id FROM label_sets WHERE team_id = $1 AND labels = $2::text[]),
          made AS (INSERT INTO label_sets (team_id, labels) SELECT $1, $2::text[] WHERE NOT EXISTS (SELECT 1 FROM found)
                   ON CONFLICT (team_id, labels) DO NOTHING RETURNING id)
     SELECT id FROM found UNION ALL SELECT id FROM made`,
    [teamId, labels],
  );
  // Another transaction made it between our read and our insert: read it once more.
  const id = rows[0]?.id ?? (await db.query<{ id: string }>("SELECT id FROM label_sets WHERE team_id = $1 AND labels = $2::text[]", [teamId, labels])).rows[0]!.id;
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, id);
  return id;
}
