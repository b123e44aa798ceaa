// Resolves the caller of an API request to a team-scoped principal and checks its scope.
import type { Scope } from "@/lib/contract/operations";
import { pool } from "@/lib/db/pool";
import { presence } from "@/lib/server/workers/presence";
import { AppError } from "@/lib/server/errors";
import { tokenCache } from "@/lib/server/auth/token-cache";
import { hashToken, looksLikeToken, sameHash } from "@/lib/server/auth/tokens";

export type Principal = {
  kind: "token" | "user" | "job";
  teamId: string;
  scope: Scope;
  tokenId: string;
  /** Set for worker tokens bound to one worker: they may act only as that worker. */
  workerId: string | null;
  /** The signed-in user, for dashboard sessions. */
  userId: string | null;
  /** Who did it, for timelines and the audit log. */
  actor: string;
  /** Set for a job token (lib/server/auth/job-tokens.ts): the one run attempt it may touch. */
  job?: { runId: string; attempt: number };
};

type TokenRow = {
  id: string;
  team_id: string;
  scope: Scope;
  worker_id: string | null;
  token_hash: string;
  expires_at: Date | null;
  name: string;
  prefix: string;
  usable: boolean;
  touch: boolean;
};

export function bearerSecret(request: Request): string {
  const header = request.headers.get("authorization");
  if (!header) throw new AppError("unauthorized", "send an API token: Authorization: Bearer <token>");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new AppError("unauthorized", "the Authorization header must be: Bearer <token>");
  return match[1];
}

export async function authenticateToken(secret: string): Promise<Principal> {
  if (!looksLikeToken(secret)) throw new AppError("unauthorized", "the API token is not valid");
  const hash = hashToken(secret);
  // Tokens this instance checked lately: no read of api_tokens (revocation reaches every
  // instance's cache at once through NOTIFY: lib/server/auth/token-cache.ts).
  const cache = tokenCache();
  const cached = cache.get(hash);
  if (cached) {
    if (cache.dueTouch(hash)) presence().tokenUsed(cached.tokenId);
    return { ...cached };
  }
  const generation = cache.generation;
  // Named: every API request runs it, so each pooled connection plans it once.
  const { rows } = await pool().query<TokenRow>({
    name: "runyard_authenticate_token",
    text: `SELECT t.id, t.team_id, t.scope, t.worker_id, t.token_hash, t.name, t.prefix, t.expires_at,
            (t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
              AND (t.worker_id IS NULL OR w.retired_at IS NULL)) AS usable,
            (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS touch
       FROM api_tokens t LEFT JOIN workers w ON w.id = t.worker_id
      WHERE t.token_hash = $1`,
    values: [hash],
  });
  const row = rows[0];
  if (!row || !sameHash(row.token_hash, hash) || !row.usable) {
    throw new AppError("unauthorized", "the API token is not valid, was revoked or has expired");
  }
  // Best effort and rate-limited to once a minute per token, written in one statement per
  // second for all tokens due (presence.ts): never on the request's critical path.
  if (row.touch) presence().tokenUsed(row.id);
  const principal: Principal = {
    kind: "token",
    teamId: row.team_id,
    scope: row.scope,
    tokenId: row.id,
    workerId: row.worker_id,
    userId: null,
    actor: `token "${row.name}" (${row.prefix}…)`,
  };
  cache.set(hash, principal, { generation, expiresAt: row.expires_at });
  return { ...principal };
}

export function requireScope(principal: Principal, allowed: readonly Scope[]): void {
  if (principal.scope === "admin" || allowed.includes(principal.scope)) return;
  const needed = ["admin", ...allowed].join(" or ");
  throw new AppError("forbidden", `this needs a token with scope ${needed}; yours has scope ${principal.scope}`);
}

/** A worker token bound to one worker may act only as that worker. */
export function requireWorkerAccess(principal: Principal, workerId: string): void {
  if (principal.workerId && principal.workerId !== workerId) {
    throw new AppError("forbidden", `this token is bound to worker ${principal.workerId}`);
  }
}
