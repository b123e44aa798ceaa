// Who is looking at the dashboard: read once per request in server components and layouts.
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { Principal } from "@/lib/server/auth/authenticate";
import { needsSetup } from "@/lib/server/accounts/create-account";
import { currentMembership, hasSessionCookie, membershipsOf, principalFor, sessionUser, type Membership, type SessionUser } from "@/lib/server/accounts/session-principal";

export type DashboardSession = { user: SessionUser; memberships: Membership[]; current: Membership | undefined; principal: Principal | null };

/** The signed-in user and the team they act in; redirects to sign-in (or first-run setup). */
export const requireDashboardSession = cache(async (): Promise<DashboardSession> => {
  const requestHeaders = await headers();
  const user = hasSessionCookie(requestHeaders) ? await sessionUser(requestHeaders) : null;
  if (!user) redirect((await needsSetup()) ? "/setup" : "/sign-in");
  const memberships = await membershipsOf(user.id);
  const current = currentMembership(memberships, requestHeaders);
  const principal = current ? principalFor(user, current) : null;
  return { user, memberships, current, principal };
});

/** For pages that need a team: the principal, or a redirect to the page explaining there is none. */
export async function requireTeamPrincipal(): Promise<Principal> {
  const session = await requireDashboardSession();
  if (!session.principal) redirect("/no-team");
  return session.principal;
}
