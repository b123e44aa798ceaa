// Labels in use by a team's workers or in any runsOn it has scheduled, for autocomplete.
import type { Labels } from "@/lib/contract/fleet";
import { pool } from "@/lib/db/pool";

export async function listLabels(teamId: string): Promise<Labels> {
  const { rows } = await pool().query<{ label: string; workers: number; in_runs_on: boolean }>(
    `SELECT label, sum(on_worker)::int AS workers, bool_or(in_runs_on) AS in_runs_on FROM (
       SELECT unnest(labels) AS label, 1 AS on_worker, false AS in_runs_on FROM workers WHERE team_id = $1 AND retired_at IS NULL
       UNION ALL
       SELECT unnest(labels), 0, true FROM label_sets WHERE team_id = $1
     ) used GROUP BY label ORDER BY label`,
    [teamId],
  );
  return { labels: rows.map((r) => ({ label: r.label, workers: r.workers, inRunsOn: r.in_runs_on })) };
}
