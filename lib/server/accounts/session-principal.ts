// A signed-in dashboard user acts in one team at a time (the team switcher sets a cookie).
// Their role there maps onto the API's scopes: admin → admin, member → scheduler (view and
// schedule runs). Everything is then checked exactly as for API tokens.
import type { Scope } from "@/lib/contract/operations";
import { pool } from "@/lib/db/pool";
import { getAuth } from "@/lib/server/accounts/auth";
import type { Principal } from "@/lib/server/auth/authenticate";
import { AppError } from "@/lib/server/errors";
import { rethrowAsOutage } from "@/lib/server/http/outage";
import { publicOrigin } from "@/lib/server/http/public-origin";

export const TEAM_COOKIE = "runyard_team";

/** joinedAt: when the user joined the team, in epoch milliseconds. */
export type Membership = { teamId: string; teamName: string; role: "admin" | "member"; joinedAt: number };
export type SessionUser = { id: string; email: string; name: string };

const ROLE_SCOPE: Record<Membership["role"], Scope> = { admin: "admin", member: "scheduler" };

export async function sessionUser(headers: Headers): Promise<SessionUser | null> {
  // Better Auth reports a database failure as its own error: an outage is said as one (503).
  const session = await (await getAuth(headers)).api.getSession({ headers }).catch(rethrowAsOutage);
  return session ? { id: session.user.id, email: session.user.email, name: session.user.name } : null;
}

export async function membershipsOf(userId: string): Promise<Membership[]> {
  const { rows } = await pool().query<Membership>(
    `SELECT m.team_id AS "teamId", t.name AS "teamName", m.role, (extract(epoch FROM m.created_at) * 1000)::float8 AS "joinedAt"
       FROM team_members m JOIN teams t ON t.id = m.team_id
      WHERE m.user_id = $1 ORDER BY t.name`,
    [userId],
  );
  return rows;
}

function cookie(headers: Headers, name: string): string | undefined {
  const header = headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

/**
 * The team this request acts in: the switcher's choice when the user belongs to it, else the
 * team they joined first — so joining another team never moves anyone's dashboard into it.
 */
export function currentMembership(memberships: Membership[], headers: Headers): Membership | undefined {
  const chosen = cookie(headers, TEAM_COOKIE);
  const earliest = memberships.reduce<Membership | undefined>((first, m) => (!first || m.joinedAt < first.joinedAt ? m : first), undefined);
  return memberships.find((m) => m.teamId === chosen) ?? earliest;
}

/** The Set-Cookie that makes `teamId` this browser's current team (what the team switcher sets). */
export function teamCookie(teamId: string, secure: boolean): string {
  return `${TEAM_COOKIE}=${encodeURIComponent(teamId)}; Path=/; Max-Age=31536000; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** The signed-in user behind a dashboard request, whatever their teams (none, even); 401 without a session. */
export async function requireSessionUser(request: Request): Promise<SessionUser> {
  const headers = new Headers(request.headers);
  if (!headers.has("host")) headers.set("host", new URL(request.url).host);
  const user = hasSessionCookie(headers) ? await sessionUser(headers) : null;
  if (!user) throw new AppError("unauthorized", "sign in to Runyard first");
  if (request.method !== "GET" && request.method !== "HEAD") assertSameOrigin(request);
  return user;
}

/** Whether the request carries Better Auth's session cookie at all (no lookup otherwise). */
export function hasSessionCookie(headers: Headers): boolean {
  return /(?:^|;\s*)(?:__Secure-)?better-auth\.session_token=/.test(headers.get("cookie") ?? "");
}

export function principalFor(user: SessionUser, membership: Membership): Principal {
  return { kind: "user", teamId: membership.teamId, scope: ROLE_SCOPE[membership.role], tokenId: "", workerId: null, userId: user.id, actor: user.email };
}

export async function principalFromSession(request: Request): Promise<Principal | null> {
  if (!hasSessionCookie(request.headers)) return null;
  const headers = new Headers(request.headers);
  if (!headers.has("host")) headers.set("host", new URL(request.url).host);
  const user = await sessionUser(headers);
  if (!user) return null;
  const membership = currentMembership(await membershipsOf(user.id), headers);
  if (!membership) throw new AppError("forbidden", "you are not a member of any team yet: ask a team admin to add you");
  return principalFor(user, membership);
}

/**
 * Cookies ride along on cross-site requests, so a state-changing request made with a session
 * must come from this site: its Origin must be Runyard's public origin exactly — scheme, host
 * and port (RUNYARD_PUBLIC_URL, or the scheme and host this request came in with).
 */
export function assertSameOrigin(request: Request): void {
  const headers = new Headers(request.headers);
  if (!headers.has("host")) headers.set("host", new URL(request.url).host);
  const origin = canonicalOrigin(request.headers.get("origin"));
  if (!origin || origin !== canonicalOrigin(publicOrigin(headers))) {
    throw new AppError("forbidden", "cross-site request refused: requests made with a dashboard session must come from the dashboard itself");
  }
}

/** `HTTP://Runyard.test:80` and `http://runyard.test` are one origin; "null" or junk is none. */
function canonicalOrigin(value: string | null): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.origin === "null" ? undefined : url.origin;
  } catch {
    return undefined;
  }
}
