// GET /runs: a team's runs, newest first, filtered by state, worker, labels, dataset, priority.
import type { z } from "zod";
import type { ListRunsQuery, RunPage } from "@/lib/contract/runs";
import { pool } from "@/lib/db/pool";
import { uuidPrefixRange } from "@/lib/domain/short-id";
import { decodeCursor, encodeCursor } from "@/lib/server/http/cursor";
import { unmatchableFlags } from "@/lib/server/matching/match-workers";
import { heldByWorker } from "@/lib/server/runs/run-access";
import { RUN_COLUMNS, serializeRun, type RunRow } from "@/lib/server/runs/run-sql";

/** heldBy: a bound worker token's worker — it lists only runs that worker holds or held (run-access.ts). */
export type ListRunsOptions = z.output<typeof ListRunsQuery> & { teamId: string; heldBy?: string | null };

export async function listRuns(options: ListRunsOptions): Promise<RunPage> {
  const values: unknown[] = [options.teamId];
  const param = (value: unknown) => (values.push(value), `$${values.length}`);
  const where = ["r.team_id = $1"];
  if (options.heldBy) where.push(heldByWorker(param(options.heldBy)));
  if (options.state.length > 0) where.push(`r.state = ANY(${param(options.state)}::"RunState"[])`);
  if (options.priority.length > 0) where.push(`r.priority = ANY(${param(options.priority)}::"RunPriority"[])`);
  if (options.workerId) where.push(`r.worker_id = ${param(options.workerId)}::uuid`);
  if (options.label.length > 0) where.push(`r.runs_on @> ${param(options.label)}::text[]`);
  if (options.dataset) where.push(`r.dataset = ${param(options.dataset)}`);
  if (options.idPrefix) {
    // A range of the primary key, not a LIKE on its text: the index answers it.
    const [lo, hi] = uuidPrefixRange(options.idPrefix)!;
    where.push(`r.id BETWEEN ${param(lo)}::uuid AND ${param(hi)}::uuid`);
  }
  if (options.q) {
    const q = param(`%${options.q.replace(/[\\%_]/g, "\\$&")}%`);
    where.push(`(r.name ILIKE ${q} OR r.dataset ILIKE ${q} OR r.id::text LIKE ${param(`${options.q.toLowerCase().replace(/[\\%_]/g, "\\$&")}%`)})`);
  }
  if (options.cursor) {
    const [createdAt, id] = decodeCursor(options.cursor, ["timestamp", "uuid"]);
    where.push(`(r.created_at, r.id) < (${param(createdAt)}::timestamptz, ${param(id)}::uuid)`);
  }
  const { rows } = await pool().query<RunRow>(
    `SELECT ${RUN_COLUMNS} FROM runs r LEFT JOIN workers w ON w.id = r.worker_id
      WHERE ${where.join(" AND ")} ORDER BY r.created_at DESC, r.id DESC LIMIT ${options.limit + 1}`,
    values,
  );
  const page = rows.slice(0, options.limit);
  const open = page.filter((r) => r.state === "OPEN");
  const flags = open.length > 0 ? await unmatchableFlags(options.teamId, open.map((r) => r.runs_on)) : new Map();
  const last = page[page.length - 1];
  return {
    items: page.map((row) => serializeRun(row, row.state === "OPEN" ? (flags.get(row.runs_on.join(",")) ?? null) : null)),
    nextCursor: rows.length > options.limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
  };
}
