// The Tokens page: list a team's API tokens, make one (its secret is shown once), revoke one.
import type { ApiTokenInfo, CreateTokenBody, CreatedToken } from "@/lib/contract/accounts";
import type { z } from "zod";
import { tokenCache } from "@/lib/server/auth/token-cache";
import { withTransaction } from "@/lib/db/pool";
import { prisma } from "@/lib/db/prisma";
import type { Principal } from "@/lib/server/auth/authenticate";
import { createToken } from "@/lib/server/auth/tokens";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { AppError, notFound } from "@/lib/server/errors";

type TokenRow = {
  id: string; name: string; scope: ApiTokenInfo["scope"]; prefix: string; worker_id: string | null; worker_name: string | null;
  created_by: string | null; created_at: Date; last_used_at: Date | null; expires_at: Date | null; revoked_at: Date | null;
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

function serialize(row: TokenRow): ApiTokenInfo {
  return {
    id: row.id, name: row.name, scope: row.scope, prefix: row.prefix, workerId: row.worker_id, workerName: row.worker_name,
    createdBy: row.created_by, createdAt: row.created_at.toISOString(), lastUsedAt: iso(row.last_used_at),
    expiresAt: iso(row.expires_at), revokedAt: iso(row.revoked_at),
  };
}

const SELECT = `SELECT t.id, t.name, t.scope, t.prefix, t.worker_id, w.name AS worker_name, t.created_by, t.created_at,
  t.last_used_at, t.expires_at, t.revoked_at FROM api_tokens t LEFT JOIN workers w ON w.id = t.worker_id`;

export async function listTokens(teamId: string): Promise<ApiTokenInfo[]> {
  const tokens = await prisma().apiToken.findMany({
    where: { teamId },
    include: { worker: { select: { name: true } } },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
  return tokens.map((t) => serialize({
    id: t.id, name: t.name, scope: t.scope, prefix: t.prefix, worker_id: t.workerId, worker_name: t.worker?.name ?? null,
    created_by: t.createdBy, created_at: t.createdAt, last_used_at: t.lastUsedAt, expires_at: t.expiresAt, revoked_at: t.revokedAt,
  }));
}

export async function createApiToken(principal: Principal, body: z.output<typeof CreateTokenBody>): Promise<CreatedToken> {
  if (body.workerId && body.scope !== "worker") {
    throw new AppError("validation_failed", "only worker tokens can be bound to a worker", {
      invalidParams: [{ name: "workerId", reason: "only worker tokens can be bound to a worker" }],
    });
  }
  return withTransaction(async (client) => {
    if (body.workerId) {
      const worker = await client.query("SELECT 1 FROM workers WHERE id = $1 AND team_id = $2 AND retired_at IS NULL", [body.workerId, principal.teamId]);
      if (worker.rowCount === 0) throw notFound("worker");
    }
    const expiresAt = body.expiresInDays ? new Date(Date.now() + body.expiresInDays * 86_400_000) : null;
    const created = await createToken(
      { teamId: principal.teamId, scope: body.scope, name: body.name, workerId: body.workerId ?? null, expiresAt, createdBy: principal.actor },
      client,
    );
    if (principal.userId) await client.query("UPDATE api_tokens SET created_by_user_id = $2 WHERE id = $1", [created.id, principal.userId]);
    await recordAudit(principal, { action: "token.created", targetType: "token", targetId: created.id, summary: `created ${body.scope} token "${body.name}"` }, client);
    const { rows } = await client.query<TokenRow>(`${SELECT} WHERE t.id = $1`, [created.id]);
    return { ...serialize(rows[0]!), secret: created.secret };
  });
}

/** Revokes at once; revoking a revoked token changes nothing. */
export async function revokeToken(principal: Principal, id: string): Promise<ApiTokenInfo> {
  const revoked = await withTransaction(async (client) => {
    const { rows } = await client.query<{ name: string }>(
      "UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND team_id = $2 AND revoked_at IS NULL RETURNING name",
      [id, principal.teamId],
    );
    if (rows[0]) {
      await recordAudit(principal, { action: "token.revoked", targetType: "token", targetId: id, summary: `revoked token "${rows[0].name}"` }, client);
    }
    const token = await client.query<TokenRow>(`${SELECT} WHERE t.id = $1 AND t.team_id = $2`, [id, principal.teamId]);
    if (!token.rows[0]) throw notFound("token");
    return serialize(token.rows[0]);
  });
  // Refused here at once (other instances drop it when they hear the NOTIFY sent on commit).
  tokenCache().forget("token", id);
  return revoked;
}
