// Run logs: the holder of the current attempt appends lines; anyone on the team reads them
// after a cursor (the id of the last line seen), which is how the dashboard tails them.
import type { z } from "zod";
import type { AppendLogsBody, LogPage } from "@/lib/contract/runs";
import { pool } from "@/lib/db/pool";
import { PROGRESS_LINE_SQL } from "@/lib/domain/log-lines";
import type { Principal } from "@/lib/server/auth/authenticate";
import { AppError, notFound } from "@/lib/server/errors";

export async function appendLogs(principal: Principal, runId: string, body: z.output<typeof AppendLogsBody>): Promise<number> {
  const { rows } = await pool().query<{ state: string; attempt: number; worker_id: string | null; appended: number | null }>(
    `WITH run AS (SELECT id, state, attempt, worker_id FROM runs WHERE id = $1 AND team_id = $2),
     ok AS (SELECT id FROM run WHERE state IN ('LOCKED', 'RUNNING') AND attempt = $3 AND ($4::uuid IS NULL OR worker_id = $4)),
     ins AS (
       INSERT INTO run_logs (run_id, attempt, stream, line)
       SELECT ok.id, $3, l.stream, l.line FROM ok, unnest($5::text[], $6::text[]) WITH ORDINALITY AS l(stream, line, n) ORDER BY l.n
       RETURNING 1
     )
     SELECT state, attempt, worker_id, (SELECT count(*) FROM ins)::int AS appended FROM run`,
    [runId, principal.teamId, body.leaseToken, principal.workerId, body.lines.map((l) => l.stream), body.lines.map((l) => l.line.replaceAll("\u0000", ""))],
  );
  const run = rows[0];
  if (!run) throw notFound("run");
  if (run.appended === 0) {
    throw new AppError("stale_lease", `lease token ${body.leaseToken} does not hold this run (it is ${run.state}, attempt ${run.attempt}); no lines were appended`);
  }
  return run.appended ?? 0;
}

export async function readLogs(teamId: string, runId: string, cursor: string | undefined, limit: number): Promise<LogPage> {
  const exists = await pool().query("SELECT 1 FROM runs WHERE id = $1 AND team_id = $2", [runId, teamId]);
  if (exists.rowCount === 0) throw notFound("run");
  // Ordered by the bigint column, not by its text (`10` sorts before `2` as text): the page is
  // the next `limit` lines after the cursor, so the last one is the new cursor and a reader
  // that follows it sees every line once, in order. `::progress` lines (older agents logged
  // them) are progress, not log.
  const { rows } = await pool().query<{ id: string; attempt: number; stream: string; line: string; at: Date }>(
    "SELECT l.id::text AS id, l.attempt, l.stream, l.line, l.at FROM run_logs l WHERE l.run_id = $1 AND l.id > $2::bigint AND l.line !~ $4 ORDER BY l.id LIMIT $3",
    [runId, cursor ?? "0", limit, PROGRESS_LINE_SQL],
  );
  const last = rows.length > 0 ? rows[rows.length - 1]!.id : undefined;
  return {
    items: rows.map((r) => ({ id: r.id, attempt: r.attempt, stream: r.stream, line: r.line, at: r.at.toISOString() })),
    // The cursor never moves backwards, whatever the page holds.
    nextCursor: last !== undefined && (cursor === undefined || BigInt(last) > BigInt(cursor)) ? last : (cursor ?? null),
  };
}
