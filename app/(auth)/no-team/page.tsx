import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { UserMenu } from "@/components/layout/user-menu";
import { hasSessionCookie, sessionUser } from "@/lib/server/accounts/session-principal";

export const metadata: Metadata = { title: "No team yet" };
export const dynamic = "force-dynamic";

export default async function NoTeamPage() {
  const requestHeaders = await headers();
  const user = hasSessionCookie(requestHeaders) ? await sessionUser(requestHeaders) : null;
  if (!user) redirect("/sign-in");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">You are not in a team yet</h1>
      <p className="mt-2 text-sm text-slate-600">Signed in as {user.email}. Ask a team admin to invite you from their Team page, then open the link they give you while signed in.</p>
      <div className="mt-6"><UserMenu name={user.name} email={user.email} /></div>
    </>
  );
}
