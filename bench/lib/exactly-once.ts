// The correctness check every scenario runs while it measures: each run completed exactly
// once — one COMPLETED state, one COMPLETED event, on the attempt expected (nobody re-ran
// it) — and the clients saw each completion once. Runs not completed were never handed out.
import type pg from "pg";
import type { Check } from "./types";

export async function checkExactlyOnce(
  db: pg.Pool,
  options: { teamId: string; completions: Map<string, number>; expectCompleted?: number; attempt?: number },
): Promise<Check[]> {
  const attempt = options.attempt ?? 1;
  const twice = [...options.completions.values()].filter((n) => n !== 1).length;
  const { rows } = await db.query<{ completed: number; held: number; reran: number; touched_open: number }>(
    `SELECT count(*) FILTER (WHERE state = 'COMPLETED')::int AS completed,
            count(*) FILTER (WHERE state IN ('LOCKED', 'RUNNING'))::int AS held,
            count(*) FILTER (WHERE state = 'COMPLETED' AND attempt <> $2)::int AS reran,
            count(*) FILTER (WHERE state = 'OPEN' AND attempt <> 0)::int AS touched_open
       FROM runs WHERE team_id = $1`,
    [options.teamId, attempt],
  );
  const events = await db.query<{ wrong: number; stray: number }>(
    `SELECT (SELECT count(*) FROM (
               SELECT r.id FROM runs r LEFT JOIN run_events e ON e.run_id = r.id AND e.type = 'COMPLETED'
                WHERE r.team_id = $1 AND r.state = 'COMPLETED' GROUP BY r.id HAVING count(e.id) <> 1) x)::int AS wrong,
            (SELECT count(*) FROM run_events e JOIN runs r ON r.id = e.run_id
              WHERE r.team_id = $1 AND e.type = 'COMPLETED' AND r.state <> 'COMPLETED')::int AS stray`,
    [options.teamId],
  );
  const db_ = rows[0]!;
  const ev = events.rows[0]!;
  const checks: Check[] = [
    { name: "clients saw each run completed once", ok: twice === 0, detail: `${options.completions.size} runs completed by clients, ${twice} more than once` },
    {
      name: "database agrees with the clients",
      ok: db_.completed === options.completions.size,
      detail: `${db_.completed} COMPLETED in the database, ${options.completions.size} seen by clients`,
    },
    { name: "one COMPLETED event per completed run", ok: ev.wrong === 0 && ev.stray === 0, detail: `${ev.wrong} runs with ≠ 1 COMPLETED event, ${ev.stray} stray events` },
    { name: `completed on attempt ${attempt} (no re-runs)`, ok: db_.reran === 0, detail: `${db_.reran} completed on another attempt` },
    { name: "nothing left held or re-queued", ok: db_.held === 0 && db_.touched_open === 0, detail: `${db_.held} held, ${db_.touched_open} re-queued` },
  ];
  if (options.expectCompleted !== undefined) {
    checks.push({ name: "every run completed", ok: db_.completed === options.expectCompleted, detail: `${db_.completed} / ${options.expectCompleted}` });
  }
  return checks;
}
