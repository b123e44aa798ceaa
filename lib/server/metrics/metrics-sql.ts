// The statements behind /metrics. Each reads one team's rows on indexes that already exist for
// the claim and the dashboard, so a scrape costs about as much as loading the overview page.
// All values come from the database (its clock too), so every app instance answers the same.

/**
 * Active runs per label set: OPEN counts as queued, LOCKED/RUNNING as running, and the age of
 * the oldest OPEN run. Reads only active runs, through runs_team_id_state_created_at_idx.
 */
export const QUEUE_SQL = `
SELECT r.label_set_id::text AS id, ls.labels,
       count(*) FILTER (WHERE r.state = 'OPEN')::int AS queued,
       count(*) FILTER (WHERE r.state IN ('LOCKED', 'RUNNING'))::int AS running,
       coalesce(extract(epoch FROM now() - min(r.created_at) FILTER (WHERE r.state = 'OPEN')), 0)::float8 AS oldest_s
  FROM runs r JOIN label_sets ls ON ls.id = r.label_set_id
 WHERE r.team_id = $1 AND r.state IN ('OPEN', 'LOCKED', 'RUNNING')
 GROUP BY r.label_set_id, ls.labels`;

/** The team's newest label sets (zero-valued series for sets with nothing active) and how many it has. */
export const LABEL_SETS_SQL = `
SELECT id::text, labels, count(*) OVER ()::int AS total
  FROM label_sets WHERE team_id = $1 ORDER BY id DESC LIMIT $2`;

export const TEAM_SQL = "SELECT name FROM teams WHERE id = $1";

/** Webhook deliveries not yet delivered (pending, or failed after 24 h of retries). */
export const OUTBOX_SQL = `
SELECT d.status, count(*)::int AS n
  FROM webhook_endpoints e JOIN webhook_deliveries d ON d.endpoint_id = e.id
 WHERE e.team_id = $1 AND d.status IN ('pending', 'failed')
 GROUP BY d.status`;

/** Where the database-sourced counters stop being cached: 10 minutes before the current minute. */
export const WATERMARK_SQL = "SELECT date_trunc('minute', now()) - interval '10 minutes' AS watermark";

const FINAL_STATES = "('COMPLETED', 'FAILED', 'CANCELED', 'ABORTED', 'CRASHED')";

/**
 * Finished runs whose finished_at falls in [$2, $3), per label set and final state, with the
 * histograms of their wait (created → claimed for the last attempt) and run time (started, or
 * claimed, → finished) as cumulative bucket counts. Finished runs never change again, so these
 * totals only grow: counters that every instance computes alike (finished-runs.ts caches all
 * but the last minutes). The bounds are constants of the code, written into the statement.
 */
export function finishedRunsSql(waitBounds: readonly number[], durationBounds: readonly number[]): string {
  const buckets = (expr: string, bounds: readonly number[]) =>
    `ARRAY[${bounds.map((b) => `count(*) FILTER (WHERE ${expr} <= ${Number(b)})`).join(", ")}]::int[]`;
  return `
SELECT r.label_set_id::text AS id, r.state::text AS state, count(*)::int AS n,
       count(x.wait)::int AS wait_n, coalesce(sum(x.wait), 0)::float8 AS wait_sum, ${buckets("x.wait", waitBounds)} AS wait_buckets,
       count(x.took)::int AS took_n, coalesce(sum(x.took), 0)::float8 AS took_sum, ${buckets("x.took", durationBounds)} AS took_buckets
  FROM runs r
  CROSS JOIN LATERAL (SELECT extract(epoch FROM r.claimed_at - r.created_at)::float8 AS wait,
                             extract(epoch FROM r.finished_at - coalesce(r.started_at, r.claimed_at))::float8 AS took) x
 WHERE r.team_id = $1 AND r.finished_at >= $2 AND r.finished_at < $3 AND r.state IN ${FINAL_STATES}
 GROUP BY r.label_set_id, r.state`;
}
