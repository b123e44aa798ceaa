// An invitation link. Whoever opens it sees the same page whether or not the invited email has
// an account: sign in to accept, or create the account. Signed in as the invited person, one
// button joins the team — nobody joins a team without saying so.
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { InviteForm } from "@/components/accounts/invite-form";
import { JoinTeamButton } from "@/components/accounts/join-team-button";
import { SwitchAccountButton } from "@/components/accounts/switch-account-button";
import { findInvite } from "@/lib/server/accounts/create-account";
import { hasSessionCookie, sessionUser } from "@/lib/server/accounts/session-principal";

export const metadata: Metadata = { title: "Join a team" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = /^[\w-]{10,100}$/.test(token) ? await findInvite(token) : null;
  if (!invite) {
    return (
      <>
        <h1 className="text-xl font-semibold text-slate-900">This invitation is not valid</h1>
        <p className="mt-2 text-sm text-slate-600">It may have expired (invitations last 7 days) or been used already. Ask a team admin for a new link.</p>
        <Link href="/sign-in" className="mt-6 inline-block text-sm font-medium text-indigo-600 hover:text-indigo-500">Go to sign in →</Link>
      </>
    );
  }
  const here = `/invite/${token}`;
  const requestHeaders = await headers();
  const user = hasSessionCookie(requestHeaders) ? await sessionUser(requestHeaders) : null;
  const heading = <h1 className="text-xl font-semibold text-slate-900">Join {invite.teamName}</h1>;
  if (user && user.email.toLowerCase() === invite.email) {
    return (
      <>
        {heading}
        <p className="mt-1 text-sm text-slate-600">
          You were invited as <strong>{invite.role}</strong>. You are signed in as <strong>{user.email}</strong>; join to see this team&apos;s workers and runs. Your other teams stay yours.
        </p>
        <JoinTeamButton token={token} teamName={invite.teamName} />
      </>
    );
  }
  if (user) {
    return (
      <>
        {heading}
        <p className="mt-1 text-sm text-slate-600">
          This invitation is for <strong>{invite.email}</strong>, but you are signed in as <strong>{user.email}</strong>.
        </p>
        <SwitchAccountButton next={here} />
      </>
    );
  }
  return (
    <>
      {heading}
      <p className="mt-1 text-sm text-slate-600">
        You were invited as <strong>{invite.role}</strong> with <strong>{invite.email}</strong>.
      </p>
      <Link
        href={`/sign-in?next=${encodeURIComponent(here)}`}
        className="mt-5 flex w-full items-center justify-center rounded-md px-3.5 py-2 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
      >
        I have a Runyard account: sign in to accept
      </Link>
      <div className="mt-6 flex items-center gap-3 text-xs uppercase tracking-wide text-slate-500">
        <span className="h-px flex-1 bg-slate-200" />
        or create your account
        <span className="h-px flex-1 bg-slate-200" />
      </div>
      <InviteForm token={token} email={invite.email} />
    </>
  );
}
