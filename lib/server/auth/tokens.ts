// API tokens: random secrets shown once, stored only as sha256 hashes (SPEC §5).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Scope } from "@/lib/contract/operations";
import type pg from "pg";
import { pool } from "@/lib/db/pool";
import { AppError } from "@/lib/server/errors";

const TOKEN_PATTERN = /^ry_[A-Za-z0-9_-]{40}$/;

export function hashToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}

export function looksLikeToken(secret: string): boolean {
  return TOKEN_PATTERN.test(secret);
}

export type CreatedToken = { id: string; secret: string; scope: Scope; teamId: string; workerId: string | null };

export async function createToken(
  options: {
    teamId: string;
    scope: Scope;
    name: string;
    workerId?: string | null;
    expiresAt?: Date | null;
    createdBy?: string | null;
  },
  db: pg.Pool | pg.PoolClient = pool(),
): Promise<CreatedToken> {
  if (options.workerId && options.scope !== "worker") {
    throw new AppError("validation_failed", "only worker tokens can be bound to a worker", {
      invalidParams: [{ name: "workerId", reason: "only worker tokens can be bound to a worker" }],
    });
  }
  const secret = `ry_${randomBytes(30).toString("base64url")}`;
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO api_tokens (team_id, scope, name, worker_id, expires_at, created_by, token_hash, prefix)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [options.teamId, options.scope, options.name, options.workerId ?? null, options.expiresAt ?? null,
      options.createdBy ?? null, hashToken(secret), secret.slice(0, 10)],
  );
  return { id: rows[0]!.id, secret, scope: options.scope, teamId: options.teamId, workerId: options.workerId ?? null };
}
