// The overview page's numbers: the queue per label set with the workers that could serve it,
// and the last hour minute by minute. Queue depth in the past is rebuilt from what changed
// since: depth(t) = depth(now) − runs created after t + runs picked up or cancelled after t
// (a run re-queued by a lease expiry counts once, at its last pickup).
import type { Overview } from "@/lib/contract/overview";
import { pool } from "@/lib/db/pool";
import { canTake } from "@/lib/domain/matching";
import { env } from "@/lib/env";
import { loadFleet } from "@/lib/server/matching/match-workers";
import { failureStreakSql } from "@/lib/server/workers/worker-sql";

type SetRow = { labels: string[]; queued: number; running: number; p50: number | null; p95: number | null };
type MinuteRow = { at: Date; created: number; dequeued: number; claimed: number; p50: number | null; p95: number | null };

export async function getOverview(teamId: string): Promise<Overview> {
  const [sets, minutes, finished, fleet, failing] = await Promise.all([
    pool().query<SetRow>(
      `SELECT ls.labels,
              count(*) FILTER (WHERE r.state = 'OPEN')::int AS queued,
              count(*) FILTER (WHERE r.state IN ('LOCKED', 'RUNNING'))::int AS running,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.claimed_at - r.created_at)) FILTER (WHERE r.claimed_at > now() - interval '1 hour') AS p50,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM r.claimed_at - r.created_at)) FILTER (WHERE r.claimed_at > now() - interval '1 hour') AS p95
         FROM label_sets ls JOIN runs r ON r.label_set_id = ls.id
        WHERE ls.team_id = $1 AND (r.state IN ('OPEN', 'LOCKED', 'RUNNING') OR r.claimed_at > now() - interval '1 hour')
        GROUP BY ls.id, ls.labels
        ORDER BY queued DESC, running DESC, ls.labels`,
      [teamId],
    ),
    pool().query<MinuteRow>(
      `WITH minutes AS (
         SELECT generate_series(date_trunc('minute', now()) - interval '59 minutes', date_trunc('minute', now()), interval '1 minute') AS at
       ),
       created AS (
         SELECT date_trunc('minute', created_at) AS at, count(*)::int AS n FROM runs
          WHERE team_id = $1 AND created_at >= date_trunc('minute', now()) - interval '59 minutes' GROUP BY 1
       ),
       claimed AS (
         SELECT date_trunc('minute', claimed_at) AS at, count(*)::int AS n,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM claimed_at - created_at)) AS p50,
                percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM claimed_at - created_at)) AS p95
           FROM runs WHERE team_id = $1 AND claimed_at >= date_trunc('minute', now()) - interval '59 minutes' GROUP BY 1
       ),
       canceled AS (
         SELECT date_trunc('minute', finished_at) AS at, count(*)::int AS n FROM runs
          WHERE team_id = $1 AND state = 'CANCELED' AND claimed_at IS NULL AND finished_at >= date_trunc('minute', now()) - interval '59 minutes' GROUP BY 1
       )
       SELECT m.at, coalesce(c.n, 0) AS created, coalesce(k.n, 0) + coalesce(x.n, 0) AS dequeued, coalesce(k.n, 0) AS claimed, k.p50, k.p95
         FROM minutes m LEFT JOIN created c ON c.at = m.at LEFT JOIN claimed k ON k.at = m.at LEFT JOIN canceled x ON x.at = m.at
        ORDER BY m.at`,
      [teamId],
    ),
    pool().query<{ completed: number; failed: number }>(
      `SELECT count(*) FILTER (WHERE state = 'COMPLETED')::int AS completed,
              count(*) FILTER (WHERE state IN ('FAILED', 'CRASHED'))::int AS failed
         FROM runs WHERE team_id = $1 AND finished_at > now() - interval '1 hour'`,
      [teamId],
    ),
    loadFleet(teamId),
    pool().query<{ id: string; name: string; failure_streak: number; draining: boolean }>(
      `SELECT * FROM (SELECT w.id, w.name, w.draining, ${failureStreakSql("w.id")} AS failure_streak
                        FROM workers w WHERE w.team_id = $1 AND w.retired_at IS NULL) s
        WHERE s.failure_streak >= $2 ORDER BY s.failure_streak DESC, s.name`,
      [teamId, env().RUNYARD_FAILING_AFTER_FAILURES],
    ),
  ]);

  const online = (state: string) => state === "IDLE" || state === "BUSY";
  const queued = sets.rows.reduce((sum, s) => sum + s.queued, 0);
  // Walk back from now: before minute m ended, the queue had what was created after it removed
  // and what was picked up after it put back.
  const series: Overview["series"] = [];
  let depth = queued;
  for (const minute of [...minutes.rows].reverse()) {
    series.unshift({ at: minute.at.toISOString(), queued: Math.max(0, depth), claimed: minute.claimed, waitP50S: minute.p50, waitP95S: minute.p95 });
    depth = depth - minute.created + minute.dequeued;
  }
  return {
    totals: {
      queued,
      running: sets.rows.reduce((sum, s) => sum + s.running, 0),
      completedLastHour: finished.rows[0]!.completed,
      failedLastHour: finished.rows[0]!.failed,
      workers: {
        total: fleet.length,
        idle: fleet.filter((w) => w.state === "IDLE").length,
        busy: fleet.filter((w) => w.state === "BUSY").length,
        offline: fleet.filter((w) => w.state === "OFFLINE").length,
        crashed: fleet.filter((w) => w.state === "CRASHED").length,
        draining: fleet.filter((w) => w.draining).length,
      },
    },
    failingWorkers: failing.rows.map((w) => ({ id: w.id, name: w.name, failureStreak: w.failure_streak, draining: w.draining })),
    labelSets: sets.rows.map((s) => {
      const eligible = fleet.filter((w) => canTake(w.labels, s.labels));
      return {
        runsOn: s.labels,
        queued: s.queued,
        running: s.running,
        workers: {
          idle: eligible.filter((w) => online(w.state) && !w.draining && w.free > 0).length,
          busy: eligible.filter((w) => online(w.state) && !w.draining && w.free <= 0).length,
          drained: eligible.filter((w) => online(w.state) && w.draining).length,
          offline: eligible.filter((w) => w.state === "OFFLINE").length,
          crashed: eligible.filter((w) => w.state === "CRASHED").length,
        },
        waitP50S: s.p50,
        waitP95S: s.p95,
      };
    }),
    series,
  };
}
