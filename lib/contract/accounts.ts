// Wire shapes of tokens, members, invitations and the audit log (the accounts issue).
import { z } from "zod";
import { BigintCursor, Id, PageLimit, Timestamp, page, repeated } from "@/lib/contract/common";
import { SCOPES } from "@/lib/contract/operations";

export const TokenScope = z.enum(SCOPES);

export const ApiTokenInfo = z.object({
  id: Id,
  name: z.string(),
  scope: TokenScope,
  prefix: z.string(),
  workerId: Id.nullable(),
  workerName: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  expiresAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});
export type ApiTokenInfo = z.infer<typeof ApiTokenInfo>;

export const TokenList = z.object({ items: z.array(ApiTokenInfo) });

export const CreateTokenBody = z
  .object({
    name: z.string().trim().min(1, { error: "give the token a name" }).max(100),
    scope: TokenScope,
    workerId: Id.optional(),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();
export type CreateTokenBody = z.input<typeof CreateTokenBody>;

/** The one response that carries the secret: it is never shown again. */
export const CreatedToken = ApiTokenInfo.extend({ secret: z.string() });
export type CreatedToken = z.infer<typeof CreatedToken>;

export const TeamRole = z.enum(["admin", "member"]);
export type TeamRole = z.infer<typeof TeamRole>;

export const Member = z.object({ userId: z.string(), name: z.string(), email: z.string(), role: TeamRole, joinedAt: Timestamp });
export const Invite = z.object({ id: Id, email: z.string(), role: TeamRole, createdBy: z.string(), createdAt: Timestamp, expiresAt: Timestamp });
export const MemberList = z.object({ members: z.array(Member), invites: z.array(Invite) });
export type MemberList = z.infer<typeof MemberList>;

export const AddMemberBody = z
  .object({ email: z.email({ error: "enter an email address" }).max(254), role: TeamRole })
  .strict();
export type AddMemberBody = z.input<typeof AddMemberBody>;

/**
 * Adding someone by email always makes an invitation link (shown once), whether or not the email
 * has an account — the answer never says which; the person joins only by accepting it.
 */
export const AddMemberResult = z.object({ invite: Invite.extend({ link: z.string() }) });
export type AddMemberResult = z.infer<typeof AddMemberResult>;

/** A signed-in user accepting an invitation made for their email. */
export const JoinTeamBody = z.object({ token: z.string().min(10).max(100) }).strict();
export type JoinTeamBody = z.input<typeof JoinTeamBody>;
export const JoinedTeam = z.object({ teamId: Id, teamName: z.string(), role: TeamRole });
export type JoinedTeam = z.infer<typeof JoinedTeam>;

export const UserIdParams = z.object({ userId: z.string().min(1).max(100) }).strict();

export const ChangeMemberRoleBody = z.object({ role: TeamRole }).strict();
export type ChangeMemberRoleBody = z.input<typeof ChangeMemberRoleBody>;

export const Team = z.object({ id: Id, name: z.string(), role: TeamRole.nullable(), current: z.boolean() });
export const TeamList = z.object({ teams: z.array(Team) });

export const AuditEvent = z.object({
  id: z.string(),
  at: Timestamp,
  actorKind: z.string(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  summary: z.string(),
  data: z.unknown().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;
export const AuditPage = page(AuditEvent);
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditQuery = z
  .object({
    action: repeated(z.string().max(40)),
    actor: z.string().max(200).optional(),
    cursor: BigintCursor("an audit event id").optional(),
    limit: PageLimit,
  })
  .strict();
export type AuditQuery = z.input<typeof AuditQuery>;

export const TokenIdParams = z.object({ id: Id }).strict();
