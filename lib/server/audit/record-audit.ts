// The audit log: who registered, retired or drained a worker, who made or revoked a token,
// who cancelled a run, who changed the team. Written in the same transaction as the change
// when one is given, so an action and its record land together.
import type pg from "pg";
import { pool } from "@/lib/db/pool";
import type { Principal } from "@/lib/server/auth/authenticate";

export const AUDIT_ACTIONS = [
  "worker.registered", "worker.retired", "worker.drained", "worker.resumed",
  "token.created", "token.revoked", "run.canceled",
  "member.added", "member.removed", "member.role_changed", "invite.created", "install.setup",
  "webhook.created", "webhook.deleted", "webhook.rotated", "webhook.redelivered",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export async function recordAudit(
  actor: Pick<Principal, "teamId" | "actor"> & { kind: Principal["kind"] | "system" },
  event: { action: AuditAction; targetType: string; targetId: string; summary: string; data?: Record<string, unknown> },
  db: pg.Pool | pg.PoolClient = pool(),
): Promise<void> {
  await db.query(
    `INSERT INTO audit_events (team_id, actor_kind, actor, action, target_type, target_id, summary, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [actor.teamId, actor.kind, actor.actor, event.action, event.targetType, event.targetId, event.summary, event.data ? JSON.stringify(event.data) : null],
  );
}
