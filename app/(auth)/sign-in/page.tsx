import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/accounts/sign-in-form";
import { safeNext } from "@/lib/domain/safe-next";
import { needsSetup } from "@/lib/server/accounts/create-account";
import { hasSessionCookie, sessionUser } from "@/lib/server/accounts/session-principal";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  if (await needsSetup()) redirect("/setup");
  const next = safeNext((await searchParams).next);
  const requestHeaders = await headers();
  if (hasSessionCookie(requestHeaders) && (await sessionUser(requestHeaders))) redirect(next);
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Sign in</h1>
      <p className="mt-1 text-sm text-slate-600">{next.startsWith("/invite/") ? "Sign in to accept your invitation." : "Your fleet, your queue, live."}</p>
      <SignInForm next={next} />
    </>
  );
}
