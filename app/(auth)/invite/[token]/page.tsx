import type { Metadata } from "next";
import Link from "next/link";
import { InviteForm } from "@/components/accounts/invite-form";
import { findInvite } from "@/lib/server/accounts/create-account";

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
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Join {invite.teamName}</h1>
      <p className="mt-1 text-sm text-slate-600">
        You were invited as <strong>{invite.role}</strong>. Create your account for <strong>{invite.email}</strong>.
      </p>
      <InviteForm token={token} email={invite.email} />
    </>
  );
}
