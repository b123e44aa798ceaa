// POST /workers/default: an agent started without a worker id asks for a default worker
// (SPEC §2). It gets a default worker that is not online — marked seen at once, so a second
// agent asking at the same moment gets another — or a new one: default, default-2, …
import type { AgentInfo, Worker } from "@/lib/contract/workers";
import { pool, withTransaction } from "@/lib/db/pool";
import { env } from "@/lib/env";
import type { Principal } from "@/lib/server/auth/authenticate";
import { AppError } from "@/lib/server/errors";
import { findWorker } from "@/lib/server/workers/worker-sql";

export async function defaultWorker(
  principal: Principal,
  input: { maxConcurrency?: number; info?: AgentInfo },
): Promise<{ worker: Worker; created: boolean }> {
  if (principal.workerId) {
    throw new AppError("forbidden", `this token is bound to worker ${principal.workerId}; start the agent with RUNYARD_WORKER_ID=${principal.workerId}`);
  }
  const agent = [input.maxConcurrency ?? null, input.info?.version ?? null, input.info?.hostname ?? null,
    input.info?.facts ? JSON.stringify(input.info.facts) : null];
  const { id, created } = await withTransaction(async (client) => {
    const reused = await client.query<{ id: string }>(
      `UPDATE workers SET last_seen_at = now(), crashed_at = NULL, max_concurrency = coalesce($3, max_concurrency),
              agent_version = coalesce($4, agent_version), hostname = coalesce($5, hostname), facts = coalesce($6::jsonb, facts)
        WHERE id = (SELECT id FROM workers
                     WHERE team_id = $1 AND is_default AND retired_at IS NULL
                       AND (last_seen_at IS NULL OR last_seen_at < now() - make_interval(secs => $2))
                     ORDER BY created_at
                     LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [principal.teamId, env().RUNYARD_WORKER_OFFLINE_AFTER_S, ...agent],
    );
    if (reused.rows[0]) return { id: reused.rows[0].id, created: false };
    // Naming a new default worker must not race another agent doing the same.
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1::text || '/default-worker', 7207))", [principal.teamId]);
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO workers (team_id, name, labels, is_default, max_concurrency, last_seen_at, agent_version, hostname, facts)
       SELECT $1, candidate.name, '{}', true, coalesce($2, 1), now(), $3, $4, coalesce($5::jsonb, '{}')
         FROM (SELECT CASE WHEN n = 1 THEN 'default' ELSE 'default-' || n END AS name, n FROM generate_series(1, 1000000) n) candidate
        WHERE NOT EXISTS (SELECT 1 FROM workers w WHERE w.team_id = $1 AND w.name = candidate.name AND w.retired_at IS NULL)
        ORDER BY candidate.n
        LIMIT 1
       RETURNING id`,
      [principal.teamId, ...agent],
    );
    return { id: inserted.rows[0]!.id, created: true };
  });
  return { worker: (await findWorker(pool(), principal.teamId, id))!, created };
}
