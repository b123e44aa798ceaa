// worker.state_changed. A worker's state is derived — OFFLINE from the time since its last
// contact, CRASHED from the lease sweep, BUSY/IDLE from the runs it holds — so no single write
// marks a change. Instead, each app instance's webhook loop runs this sweep about every second:
// under a transaction-scoped advisory lock (one instance at a time; the others skip), it
// compares each subscribed team's derived worker states with worker_reported_states and, in the
// same transaction, records every difference and writes one outbox row per subscribed endpoint.
// So each change is announced once, however many instances run. An OFFLINE event comes at most
// one sweep (RUNYARD_WEBHOOK_POLL_MS) after the worker counts as OFFLINE, which is
// RUNYARD_WORKER_OFFLINE_AFTER_S after its last contact; a change undone within one sweep
// (a BUSY worker idle for half a second between runs) may go unannounced.
import type pg from "pg";
import { pool, withTransaction } from "@/lib/db/pool";
import { workerStateSql } from "@/lib/server/workers/worker-sql";

/** Serialises the sweep with itself and with endpoints being added or removed. */
const SWEEP_LOCK = 7_207_017;
const EVENT = "worker.state_changed";

const SUBSCRIBED_SQL = `SELECT EXISTS (SELECT 1 FROM webhook_endpoints WHERE events @> ARRAY['${EVENT}']) AS any`;

function sweepSql(): string {
  return `
WITH subscribed AS (
  SELECT DISTINCT team_id FROM webhook_endpoints WHERE events @> ARRAY['${EVENT}']
),
observed AS (
  SELECT w.id, w.team_id, w.name, w.labels, w.draining, w.last_seen_at,
         CASE WHEN w.retired_at IS NOT NULL THEN 'RETIRED' ELSE ${workerStateSql("w")} END AS state,
         p.state AS previous_state, p.draining AS previous_draining, p.worker_id IS NOT NULL AS known
    FROM workers w
    JOIN subscribed s ON s.team_id = w.team_id
    LEFT JOIN worker_reported_states p ON p.worker_id = w.id
   WHERE w.retired_at IS NULL OR p.worker_id IS NOT NULL
),
changed AS (
  SELECT * FROM observed WHERE NOT known OR state <> previous_state OR draining <> previous_draining
),
saved AS (
  INSERT INTO worker_reported_states (worker_id, team_id, state, draining, reported_at)
  SELECT id, team_id, state, draining, now() FROM changed WHERE state <> 'RETIRED'
  ON CONFLICT (worker_id) DO UPDATE SET state = EXCLUDED.state, draining = EXCLUDED.draining, reported_at = EXCLUDED.reported_at
),
forgotten AS (
  DELETE FROM worker_reported_states p USING changed c WHERE p.worker_id = c.id AND c.state = 'RETIRED'
),
queued AS (
  INSERT INTO webhook_deliveries (endpoint_id, team_id, event, payload)
  SELECT e.id, c.team_id, '${EVENT}', jsonb_build_object(
           'previousState', c.previous_state, 'previousDraining', c.previous_draining,
           'worker', jsonb_build_object('id', c.id, 'name', c.name, 'labels', to_jsonb(c.labels), 'state', c.state,
                                        'draining', c.draining, 'lastSeenAt', runyard_iso(c.last_seen_at)))
    FROM changed c JOIN webhook_endpoints e ON e.team_id = c.team_id AND e.events @> ARRAY['${EVENT}']
)
SELECT count(*)::int AS changed FROM changed`;
}

/** One sweep; answers how many workers changed (0 when another instance holds the lock). */
export async function sweepWorkerStates(): Promise<number> {
  const { rows } = await pool().query<{ any: boolean }>(SUBSCRIBED_SQL);
  if (!rows[0]?.any) return 0;
  return withTransaction(async (client) => {
    const lock = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_xact_lock($1) AS locked", [SWEEP_LOCK]);
    if (!lock.rows[0]!.locked) return 0;
    // A statement of its own after the lock: its snapshot sees what the previous holder committed.
    return (await client.query<{ changed: number }>(sweepSql())).rows[0]!.changed;
  });
}

/**
 * Inside the transaction that adds or removes a team's endpoint: a team that starts listening
 * to worker.state_changed gets its current states recorded silently (no flood of events for
 * the whole fleet), and one that stops has them forgotten.
 */
export async function syncWorkerBaseline(client: pg.PoolClient, teamId: string): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock($1)", [SWEEP_LOCK]);
  const { rows } = await client.query<{ listening: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM webhook_endpoints WHERE team_id = $1 AND events @> ARRAY['${EVENT}']) AS listening`,
    [teamId],
  );
  if (rows[0]!.listening) {
    await client.query(
      `INSERT INTO worker_reported_states (worker_id, team_id, state, draining)
       SELECT w.id, w.team_id, ${workerStateSql("w")}, w.draining FROM workers w WHERE w.team_id = $1 AND w.retired_at IS NULL
       ON CONFLICT (worker_id) DO NOTHING`,
      [teamId],
    );
  } else {
    await client.query("DELETE FROM worker_reported_states WHERE team_id = $1", [teamId]);
  }
}
