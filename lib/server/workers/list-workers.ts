// Lists a team's active workers, filtered by labels, derived state and name, by name.
import type { z } from "zod";
import type { ListWorkersQuery, WorkerPage, WorkerState } from "@/lib/contract/workers";
import { pool } from "@/lib/db/pool";
import { uuidPrefixRange } from "@/lib/domain/short-id";
import { decodeCursor, encodeCursor } from "@/lib/server/http/cursor";
import { loadCurrentRuns, loadFailures, serializeWorker, workerColumns, type WorkerRow } from "@/lib/server/workers/worker-sql";

export type ListWorkersOptions = z.output<typeof ListWorkersQuery> & { teamId: string };

export async function listWorkers(options: ListWorkersOptions): Promise<WorkerPage> {
  const where = ["w.team_id = $1", "w.retired_at IS NULL"];
  const values: unknown[] = [options.teamId];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (options.label.length > 0) where.push(`w.labels @> ${param(options.label)}::text[]`);
  if (options.idPrefix) {
    const [lo, hi] = uuidPrefixRange(options.idPrefix)!;
    where.push(`w.id BETWEEN ${param(lo)}::uuid AND ${param(hi)}::uuid`);
  }
  if (options.q) where.push(`w.name ILIKE ${param(`%${options.q.replace(/[\\%_]/g, "\\$&")}%`)}`);
  if (options.cursor) {
    const [name, id] = decodeCursor(options.cursor, ["text", "uuid"]);
    where.push(`(w.name, w.id) > (${param(name)}, ${param(id)}::uuid)`);
  }
  const stateFilter = options.state.length > 0 ? `WHERE state = ANY(${param(options.state as WorkerState[])}::text[])` : "";
  const limit = options.limit;
  const { rows } = await pool().query<WorkerRow>(
    `SELECT * FROM (SELECT ${workerColumns()} FROM workers w WHERE ${where.join(" AND ")}) listed
     ${stateFilter} ORDER BY name, id LIMIT ${limit + 1}`,
    values,
  );
  const pageRows = rows.slice(0, limit);
  const ids = pageRows.map((row) => row.id);
  const [current, failures] = await Promise.all([loadCurrentRuns(pool(), ids), loadFailures(pool(), ids)]);
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map((row) => serializeWorker(row, current.get(row.id), failures.get(row.id))),
    nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}
