// Big backlogs straight into the database (INSERT … SELECT generate_series): seeding a million
// runs through the API would take longer than the benchmark. Rows look like the API's own:
// every run points at its team's label set and carries the same runs_on.
import type pg from "pg";

/** Label-set ids for these label lists (each sorted, as the API stores them), created if missing. */
export async function labelSets(db: pg.Pool, teamId: string, sets: string[][]): Promise<string[]> {
  const ids: string[] = [];
  for (const labels of sets) {
    const sorted = [...new Set(labels)].sort();
    await db.query("INSERT INTO label_sets (team_id, labels) VALUES ($1, $2::text[]) ON CONFLICT (team_id, labels) DO NOTHING", [teamId, sorted]);
    const { rows } = await db.query<{ id: string }>("SELECT id FROM label_sets WHERE team_id = $1 AND labels = $2::text[]", [teamId, sorted]);
    ids.push(rows[0]!.id);
  }
  return ids;
}

/**
 * `count` OPEN runs spread round-robin over the label sets, created `ageSeconds` ago onwards
 * (one millisecond apart, so the queue order is the insert order). Inserted in chunks so a
 * million rows show progress and no statement runs for minutes.
 */
export async function seedOpenRuns(
  db: pg.Pool,
  options: { teamId: string; labelSetIds: string[]; count: number; priority?: string; ageSeconds: number; log?: (line: string) => void },
): Promise<void> {
  const chunk = 100_000;
  for (let start = 0; start < options.count; start += chunk) {
    const end = Math.min(options.count, start + chunk);
    await db.query(
      `WITH sets AS (SELECT id, labels, (row_number() OVER (ORDER BY array_position($2::bigint[], id)) - 1)::int AS i
                       FROM label_sets WHERE id = ANY($2::bigint[]))
       INSERT INTO runs (team_id, label_set_id, runs_on, priority, created_at, name)
       SELECT $1, s.id, s.labels, $3::"RunPriority", now() - make_interval(secs => $4) + g * interval '1 millisecond', 'bench-' || g
         FROM generate_series($5::int, $6::int) g JOIN sets s ON s.i = g % cardinality($2::bigint[])`,
      [options.teamId, options.labelSetIds, options.priority ?? "MID", options.ageSeconds, start, end - 1],
    );
    if (options.count > chunk) options.log?.(`  seeded ${end.toLocaleString("en")} / ${options.count.toLocaleString("en")} runs`);
  }
  await settle(db);
}

/**
 * After a bulk load, let the database catch up before measuring — as a backlog that grew over
 * days would have: vacuum and analyze the table (else autovacuum does it during the
 * measurement) and checkpoint (else the checkpointer writes the new pages out meanwhile).
 */
export async function settle(db: pg.Pool): Promise<void> {
  await db.query("VACUUM (ANALYZE) runs");
  await db.query("CHECKPOINT").catch(() => undefined); // needs superuser or pg_checkpoint; best effort
}
