// Team membership: admins add people by email — at once when they already have an account,
// otherwise with an invitation link (shown once; we send no email) — and remove them.
import { createHash, randomBytes } from "node:crypto";
import type { z } from "zod";
import type { AddMemberBody, AddMemberResult, MemberList } from "@/lib/contract/accounts";
import { pool, withTransaction } from "@/lib/db/pool";
import type { Principal } from "@/lib/server/auth/authenticate";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { AppError, notFound } from "@/lib/server/errors";

const INVITE_DAYS = 7;
export const hashInvite = (token: string) => createHash("sha256").update(token).digest("hex");

export async function listMembers(teamId: string): Promise<MemberList> {
  const [members, invites] = await Promise.all([
    pool().query<{ user_id: string; name: string; email: string; role: "admin" | "member"; created_at: Date }>(
      `SELECT m.user_id, u.name, u.email, m.role, m.created_at FROM team_members m JOIN users u ON u.id = m.user_id
        WHERE m.team_id = $1 ORDER BY m.role, u.email`,
      [teamId],
    ),
    pool().query<{ id: string; email: string; role: "admin" | "member"; created_by: string; created_at: Date; expires_at: Date }>(
      `SELECT id, email, role, created_by, created_at, expires_at FROM team_invites
        WHERE team_id = $1 AND accepted_at IS NULL AND expires_at > now() ORDER BY created_at DESC`,
      [teamId],
    ),
  ]);
  return {
    members: members.rows.map((m) => ({ userId: m.user_id, name: m.name, email: m.email, role: m.role, joinedAt: m.created_at.toISOString() })),
    invites: invites.rows.map((i) => ({ id: i.id, email: i.email, role: i.role, createdBy: i.created_by, createdAt: i.created_at.toISOString(), expiresAt: i.expires_at.toISOString() })),
  };
}

export async function addMember(principal: Principal, body: z.output<typeof AddMemberBody>, origin: string): Promise<AddMemberResult> {
  const email = body.email.toLowerCase();
  return withTransaction(async (client) => {
    const user = (await client.query<{ id: string; name: string }>("SELECT id, name FROM users WHERE email = $1", [email])).rows[0];
    if (user) {
      const { rows } = await client.query<{ created_at: Date }>(
        `INSERT INTO team_members (team_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (team_id, user_id) DO UPDATE SET role = EXCLUDED.role RETURNING created_at`,
        [principal.teamId, user.id, body.role],
      );
      await recordAudit(principal, { action: "member.added", targetType: "user", targetId: email, summary: `added ${email} as ${body.role}` }, client);
      return { added: { userId: user.id, name: user.name, email, role: body.role, joinedAt: rows[0]!.created_at.toISOString() }, invite: null };
    }
    const token = randomBytes(24).toString("base64url");
    const { rows } = await client.query<{ id: string; created_at: Date; expires_at: Date }>(
      `INSERT INTO team_invites (team_id, email, role, token_hash, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => ${INVITE_DAYS})) RETURNING id, created_at, expires_at`,
      [principal.teamId, email, body.role, hashInvite(token), principal.actor],
    );
    const invite = rows[0]!;
    await recordAudit(principal, { action: "invite.created", targetType: "invite", targetId: email, summary: `invited ${email} as ${body.role}` }, client);
    return {
      added: null,
      invite: {
        id: invite.id, email, role: body.role, createdBy: principal.actor, createdAt: invite.created_at.toISOString(),
        expiresAt: invite.expires_at.toISOString(), link: `${origin}/invite/${token}`,
      },
    };
  });
}

export async function removeMember(principal: Principal, userId: string): Promise<void> {
  await withTransaction(async (client) => {
    const members = (await client.query<{ user_id: string; role: string; email: string }>(
      "SELECT m.user_id, m.role, u.email FROM team_members m JOIN users u ON u.id = m.user_id WHERE m.team_id = $1 FOR UPDATE OF m",
      [principal.teamId],
    )).rows;
    const target = members.find((m) => m.user_id === userId);
    if (!target) throw notFound("member");
    if (target.role === "admin" && members.filter((m) => m.role === "admin").length === 1) {
      throw new AppError("conflict", "a team needs at least one admin: make someone else admin first");
    }
    await client.query("DELETE FROM team_members WHERE team_id = $1 AND user_id = $2", [principal.teamId, userId]);
    await recordAudit(principal, { action: "member.removed", targetType: "user", targetId: target.email, summary: `removed ${target.email}` }, client);
  });
}
