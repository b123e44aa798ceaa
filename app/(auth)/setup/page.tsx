import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/accounts/setup-form";
import { needsSetup } from "@/lib/server/accounts/create-account";

export const metadata: Metadata = { title: "Set up Runyard" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  if (!(await needsSetup())) redirect("/sign-in");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Welcome — set up Runyard</h1>
      <p className="mt-1 text-sm text-slate-600">
        Create the first admin. To prove this is your installation, paste the admin token that <code className="rounded bg-slate-100 px-1">npm start</code> printed
        on first start (or make one on the server with <code className="rounded bg-slate-100 px-1">npx runyard token create --scope admin</code>).
      </p>
      <SetupForm />
    </>
  );
}
