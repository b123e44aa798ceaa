// POST /workers/{id}/heartbeat: the agent is alive. Extends the leases of the runs it says it
// holds, and tells it which to abort (cancel requested) and which it lost (lease expired and
// re-queued, or its worker was retired) so it stops them.
import type { z } from "zod";
import type { HeartbeatBody, HeartbeatResponse } from "@/lib/contract/fleet";
import { pool, withTransaction } from "@/lib/db/pool";
import { env } from "@/lib/env";
import { requireWorkerAccess, type Principal } from "@/lib/server/auth/authenticate";
import { notFound } from "@/lib/server/errors";
import { retryOnConflict } from "@/lib/server/retry";
import { presence, presenceIntervalMs } from "@/lib/server/workers/presence";
import { version as serverVersion } from "@/package.json";

type Input = z.output<typeof HeartbeatBody>;

/**
 * An idle agent (it lists no runs) whose row changed nothing: one read, no row written unless
 * last_seen_at is older than the presence interval, the worker was CRASHED or its agent info
 * changed (docs/scaling.md: idle agents cost ~nothing).
 */
async function idleHeartbeat(principal: Principal, workerId: string, input: Input): Promise<HeartbeatResponse> {
  const info = input.info;
  const { rows } = await pool().query<{ draining: boolean; lease_until: Date; wrote: boolean; age_ms: number | null }>({
    name: "runyard_idle_heartbeat",
    text: `WITH cur AS (
        SELECT id, draining, last_seen_at, crashed_at, agent_version, hostname, facts FROM workers
         WHERE id = $1 AND team_id = $2 AND retired_at IS NULL),
      touched AS (
        UPDATE workers w SET last_seen_at = now(), crashed_at = NULL,
               agent_version = coalesce($3, w.agent_version), hostname = coalesce($4, w.hostname), facts = coalesce($5::jsonb, w.facts)
          FROM cur
         WHERE w.id = cur.id
           AND (cur.last_seen_at IS NULL OR cur.last_seen_at < now() - make_interval(secs => $7::double precision) OR cur.crashed_at IS NOT NULL
                OR cur.agent_version IS DISTINCT FROM coalesce($3, cur.agent_version) OR cur.hostname IS DISTINCT FROM coalesce($4, cur.hostname)
                OR cur.facts IS DISTINCT FROM coalesce($5::jsonb, cur.facts))
        RETURNING w.id)
      SELECT cur.draining, now() + make_interval(secs => $6) AS lease_until, EXISTS (SELECT 1 FROM touched) AS wrote,
             (extract(epoch FROM now() - cur.last_seen_at) * 1000)::float8 AS age_ms FROM cur`,
    values: [workerId, principal.teamId, info?.version ?? null, info?.hostname ?? null, info?.facts ? JSON.stringify(info.facts) : null,
      env().RUNYARD_LEASE_S, presenceIntervalMs() / 1000],
  });
  const row = rows[0];
  if (!row) throw notFound("worker (retired workers cannot send heartbeats)");
  if (row.wrote) presence().wrote(workerId);
  else presence().touch(workerId, Date.now() - (row.age_ms ?? 0));
  return { workerId, draining: row.draining, leaseExpiresAt: row.lease_until.toISOString(), held: [], abort: [], lost: [], serverVersion };
}

export async function heartbeat(principal: Principal, workerId: string, input: Input): Promise<HeartbeatResponse> {
  requireWorkerAccess(principal, workerId);
  if (input.runs && input.runs.length === 0) return idleHeartbeat(principal, workerId, input);
  const lease = env().RUNYARD_LEASE_S;
  return retryOnConflict(() =>
    withTransaction(async (client) => {
      // Worker row first, then its runs: the same lock order as claims and reports.
      const info = input.info;
      const worker = await client.query<{ draining: boolean; lease_until: Date }>(
        `UPDATE workers SET last_seen_at = now(), crashed_at = NULL,
                agent_version = coalesce($3, agent_version), hostname = coalesce($4, hostname),
                facts = coalesce($5::jsonb, facts)
          WHERE id = $1 AND team_id = $2 AND retired_at IS NULL
          RETURNING draining, now() + make_interval(secs => $6) AS lease_until`,
        [workerId, principal.teamId, info?.version ?? null, info?.hostname ?? null, info?.facts ? JSON.stringify(info.facts) : null, lease],
      );
      const row = worker.rows[0];
      if (!row) throw notFound("worker (retired workers cannot send heartbeats)");
      presence().wrote(workerId);
      // With a list, only those (id, attempt) leases are extended: a run the agent does not
      // know it holds (a lost claim response) must expire and be re-queued, not kept alive.
      const listed = input.runs;
      const { rows: held } = await client.query<{ id: string; attempt: number; abort: boolean }>(
        `UPDATE runs SET lease_expires_at = now() + make_interval(secs => $2)
          WHERE worker_id = $1 AND state IN ('LOCKED', 'RUNNING')
            AND ($3::uuid[] IS NULL OR (id, attempt) IN (SELECT * FROM unnest($3::uuid[], $4::int[])))
          RETURNING id, attempt, abort_requested_at IS NOT NULL AS abort`,
        [workerId, lease, listed ? listed.map((r) => r.id) : null, listed ? listed.map((r) => r.leaseToken) : null],
      );
      const stillHeld = new Set(held.map((r) => `${r.id}/${r.attempt}`));
      return {
        workerId,
        draining: row.draining,
        leaseExpiresAt: row.lease_until.toISOString(),
        held: held.map((r) => ({ id: r.id, leaseToken: r.attempt })),
        abort: held.filter((r) => r.abort).map((r) => r.id),
        lost: (listed ?? []).filter((r) => !stillHeld.has(`${r.id}/${r.leaseToken}`)).map((r) => r.id),
        serverVersion,
      };
    }),
  );
}
