// Team membership: admins invite people by email — always an invitation link (shown once; we
// send no email), which the person accepts by signing in or by creating their account — and
// remove them.
import { createHash, randomBytes } from "node:crypto";
import type { z } from "zod";
import type { AddMemberBody, AddMemberResult, JoinedTeam, Member, MemberList } from "@/lib/contract/accounts";
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

/**
 * Adding someone by email always makes an invitation, whether or not the email has an account:
 * the answer is the same either way (and no query even asks), and nobody joins a team without
 * accepting (joinWithInvite, or creating their account with the link). A new link for the same
 * email replaces the open one.
 */
export async function addMember(principal: Principal, body: z.output<typeof AddMemberBody>, origin: string): Promise<AddMemberResult> {
  const email = body.email.toLowerCase();
  return withTransaction(async (client) => {
    const { rows: already } = await client.query(
      "SELECT 1 FROM team_members m JOIN users u ON u.id = m.user_id WHERE m.team_id = $1 AND lower(u.email) = $2",
      [principal.teamId, email],
    );
    // Only what the admin can see on the member list anyway.
    if (already.length > 0) throw new AppError("conflict", `${email} is already a member of this team`);
    await client.query(
      "UPDATE team_invites SET expires_at = now() WHERE team_id = $1 AND email = $2 AND accepted_at IS NULL AND expires_at > now()",
      [principal.teamId, email],
    );
    const token = randomBytes(24).toString("base64url");
    const { rows } = await client.query<{ id: string; created_at: Date; expires_at: Date }>(
      `INSERT INTO team_invites (team_id, email, role, token_hash, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => ${INVITE_DAYS})) RETURNING id, created_at, expires_at`,
      [principal.teamId, email, body.role, hashInvite(token), principal.actor],
    );
    const invite = rows[0]!;
    await recordAudit(principal, { action: "invite.created", targetType: "invite", targetId: email, summary: `invited ${email} as ${body.role}` }, client);
    return {
      invite: {
        id: invite.id, email, role: body.role, createdBy: principal.actor, createdAt: invite.created_at.toISOString(),
        expiresAt: invite.expires_at.toISOString(), link: `${origin}/invite/${token}`,
      },
    };
  });
}

/** A signed-in user accepts an invitation made for their email: their consent to join. */
export async function joinWithInvite(user: { id: string; email: string }, token: string): Promise<JoinedTeam> {
  return withTransaction(async (client) => {
    const { rows } = await client.query<{ id: string; team_id: string; team_name: string; email: string; role: "admin" | "member"; created_by: string }>(
      `SELECT i.id, i.team_id, t.name AS team_name, i.email, i.role, i.created_by FROM team_invites i JOIN teams t ON t.id = i.team_id
        WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.expires_at > now() FOR UPDATE OF i`,
      [hashInvite(token)],
    );
    const invite = rows[0];
    if (!invite) throw new AppError("not_found", "this invitation is not valid any more: ask a team admin for a new link");
    if (invite.email !== user.email.toLowerCase()) {
      throw new AppError("forbidden", `this invitation is for ${invite.email}; you are signed in as ${user.email}: sign in as the invited person to accept it`);
    }
    await client.query(
      "INSERT INTO team_members (team_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (team_id, user_id) DO NOTHING",
      [invite.team_id, user.id, invite.role],
    );
    await client.query("UPDATE team_invites SET accepted_at = now() WHERE id = $1", [invite.id]);
    await recordAudit(
      { teamId: invite.team_id, kind: "user", actor: invite.email },
      { action: "member.added", targetType: "user", targetId: invite.email, summary: `${invite.email} accepted the invitation and joined as ${invite.role} (invited by ${invite.created_by})` },
      client,
    );
    return { teamId: invite.team_id, teamName: invite.team_name, role: invite.role };
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
      throw new AppError("last_admin", `${target.email} is the team's only admin and cannot be removed: make someone else admin first`);
    }
    await client.query("DELETE FROM team_members WHERE team_id = $1 AND user_id = $2", [principal.teamId, userId]);
    await recordAudit(principal, { action: "member.removed", targetType: "user", targetId: target.email, summary: `removed ${target.email}` }, client);
  });
}

/** Makes a member admin or member; the team's last admin stays admin (409 last_admin). */
export async function changeMemberRole(principal: Principal, userId: string, role: "admin" | "member"): Promise<z.output<typeof Member>> {
  return withTransaction(async (client) => {
    const members = (await client.query<{ user_id: string; role: "admin" | "member"; email: string; name: string; created_at: Date }>(
      "SELECT m.user_id, m.role, u.email, u.name, m.created_at FROM team_members m JOIN users u ON u.id = m.user_id WHERE m.team_id = $1 FOR UPDATE OF m",
      [principal.teamId],
    )).rows;
    const target = members.find((m) => m.user_id === userId);
    if (!target) throw notFound("member");
    if (target.role !== role) {
      if (target.role === "admin" && members.filter((m) => m.role === "admin").length === 1) {
        throw new AppError("last_admin", `${target.email} is the team's only admin: make someone else admin first, then change ${target.email}'s role`);
      }
      await client.query("UPDATE team_members SET role = $3 WHERE team_id = $1 AND user_id = $2", [principal.teamId, userId, role]);
      await recordAudit(principal, { action: "member.role_changed", targetType: "user", targetId: target.email, summary: `made ${target.email} ${role} (was ${target.role})` }, client);
    }
    return { userId, name: target.name, email: target.email, role, joinedAt: target.created_at.toISOString() };
  });
}
