// Accounts are made in two ways only: the first admin at setup, and people with an invitation.
// Both create the user through Better Auth (its password hashing, its session cookie) and add
// the team membership in our tables.
import type { z } from "zod";
import { pool, withTransaction } from "@/lib/db/pool";
import { getAuth } from "@/lib/server/accounts/auth";
import { hashInvite } from "@/lib/server/accounts/members";
import { passwordProblem } from "@/lib/server/accounts/password-policy";
import { authenticateToken } from "@/lib/server/auth/authenticate";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { AppError, invalid } from "@/lib/server/errors";
import type { NewAccountBody, SetupBody } from "@/lib/contract/account-pages";

const SETUP_LOCK = 7_207_002;
const alreadySetUp = () => new AppError("conflict", "this installation is already set up: sign in");

export async function needsSetup(): Promise<boolean> {
  const { rows } = await pool().query("SELECT 1 FROM users LIMIT 1");
  return rows.length === 0;
}

/** Creates the user through Better Auth and returns the Set-Cookie headers of its new session. */
/** The headers Better Auth needs to know the site's address; the Host header at least. */
function siteHeaders(request: Request): Headers {
  const headers = new Headers(request.headers);
  if (!headers.has("host")) headers.set("host", new URL(request.url).host);
  return headers;
}

async function signUp(body: { name: string; email: string; password: string }, request: Request): Promise<{ userId: string; headers: Headers }> {
  const requestHeaders = siteHeaders(request);
  const auth = await getAuth(requestHeaders);
  try {
    // The request's headers give Better Auth the site's address (cookie flags, origin); no
    // `request` is passed, which is how the sign-up guard in auth.ts tells this call apart.
    const { headers, response } = await auth.api.signUpEmail({ body, headers: requestHeaders, returnHeaders: true });
    return { userId: response.user.id, headers };
  } catch (error) {
    const message = (error as { body?: { message?: string }; message?: string }).body?.message ?? (error as Error).message;
    if (/already exists/i.test(message)) throw invalid("email", "an account with this email already exists: sign in, then open this link again to accept");
    if (/password/i.test(message)) throw invalid("password", message);
    throw new AppError("validation_failed", message);
  }
}

async function refuseWeakPassword(password: string, person: { name: string; email: string }): Promise<void> {
  const problem = await passwordProblem(password, person);
  if (problem) throw invalid("password", problem);
}

/**
 * First run: with no users yet, the person holding the install's admin token (printed once
 * by `npm start`) becomes the first admin of that token's team. No default passwords.
 */
export async function setupFirstAdmin(body: z.output<typeof SetupBody>, request: Request): Promise<Headers> {
  // Once set up, the answer is the same whatever token is sent: this route must not become an
  // unauthenticated oracle for whether a token is valid, or an admin's.
  if (!(await needsSetup())) throw alreadySetUp();
  const principal = await authenticateToken(body.adminToken).catch(() => {
    throw invalid("adminToken", "this is not a valid admin token: use the one `npm start` printed, or make one with `npx runyard token create --scope admin`");
  });
  if (principal.scope !== "admin") throw invalid("adminToken", "this token's scope is not admin");
  await refuseWeakPassword(body.password, body);
  return withTransaction(async (client) => {
    // Two people racing through setup: the second one finds a user and is refused.
    await client.query("SELECT pg_advisory_xact_lock($1)", [SETUP_LOCK]);
    if ((await client.query("SELECT 1 FROM users LIMIT 1")).rows.length > 0) throw alreadySetUp();
    const { userId, headers } = await signUp(body, request);
    await client.query("INSERT INTO team_members (team_id, user_id, role) VALUES ($1, $2, 'admin')", [principal.teamId, userId]);
    await recordAudit({ teamId: principal.teamId, kind: "user", actor: body.email }, { action: "install.setup", targetType: "user", targetId: body.email, summary: `${body.email} set up the installation as first admin` }, client);
    return headers;
  });
}

export type InviteInfo = { teamName: string; email: string; role: "admin" | "member" };

export async function findInvite(token: string): Promise<InviteInfo | null> {
  const { rows } = await pool().query<InviteInfo>(
    `SELECT t.name AS "teamName", i.email, i.role FROM team_invites i JOIN teams t ON t.id = i.team_id
      WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.expires_at > now()`,
    [hashInvite(token)],
  );
  return rows[0] ?? null;
}

/** Accepting an invitation creates the account for the invited email and joins the team. */
export async function acceptInvite(body: z.output<typeof NewAccountBody>, request: Request): Promise<Headers> {
  return withTransaction(async (client) => {
    const { rows } = await client.query<{ id: string; team_id: string; email: string; role: string; created_by: string }>(
      `SELECT id, team_id, email, role, created_by FROM team_invites
        WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > now() FOR UPDATE`,
      [hashInvite(body.token)],
    );
    const invite = rows[0];
    if (!invite) throw new AppError("not_found", "this invitation is not valid any more: ask a team admin for a new link");
    await refuseWeakPassword(body.password, { name: body.name, email: invite.email });
    const { userId, headers } = await signUp({ name: body.name, email: invite.email, password: body.password }, request);
    await client.query("INSERT INTO team_members (team_id, user_id, role) VALUES ($1, $2, $3)", [invite.team_id, userId, invite.role]);
    await client.query("UPDATE team_invites SET accepted_at = now() WHERE id = $1", [invite.id]);
    await recordAudit({ teamId: invite.team_id, kind: "user", actor: invite.email }, { action: "member.added", targetType: "user", targetId: invite.email, summary: `${invite.email} joined as ${invite.role} (invited by ${invite.created_by})` }, client);
    return headers;
  });
}
