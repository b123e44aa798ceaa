// The audit log page: newest first, filterable by action and actor.
import type { z } from "zod";
import type { AuditPage, AuditQuery } from "@/lib/contract/accounts";
import { pool } from "@/lib/db/pool";

export async function listAudit(teamId: string, query: z.output<typeof AuditQuery>): Promise<AuditPage> {
  const values: unknown[] = [teamId];
  const param = (v: unknown) => (values.push(v), `$${values.length}`);
  const where = ["team_id = $1"];
  if (query.action.length > 0) where.push(`action = ANY(${param(query.action)}::text[])`);
  if (query.actor) where.push(`actor ILIKE ${param(`%${query.actor.replace(/[\\%_]/g, "\\$&")}%`)}`);
  if (query.cursor && /^\d{1,19}$/.test(query.cursor)) where.push(`id < ${param(query.cursor)}::bigint`);
  const { rows } = await pool().query<{ id: string; at: Date; actor_kind: string; actor: string; action: string; target_type: string; target_id: string; summary: string; data: unknown }>(
    `SELECT id::text, at, actor_kind, actor, action, target_type, target_id, summary, data FROM audit_events
      WHERE ${where.join(" AND ")} ORDER BY audit_events.id DESC LIMIT ${query.limit + 1}`,
    values,
  );
  const items = rows.slice(0, query.limit);
  return {
    items: items.map((r) => ({ id: r.id, at: r.at.toISOString(), actorKind: r.actor_kind, actor: r.actor, action: r.action, targetType: r.target_type, targetId: r.target_id, summary: r.summary, data: r.data ?? null })),
    nextCursor: rows.length > query.limit ? items[items.length - 1]!.id : null,
  };
}
