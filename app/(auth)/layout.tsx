import type { ReactNode } from "react";
import { DatabaseUnavailable } from "@/components/layout/database-unavailable";
import { databaseReachable } from "@/lib/server/http/outage";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  // Sign-in, setup and invitations all read the database: while it is down, say so calmly
  // (and come back by themselves) rather than fail with a 500 (issue 12).
  if (!(await databaseReachable())) return <DatabaseUnavailable />;
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-slate-50 to-slate-100 px-4 py-12">
      <div className="mb-8 flex items-center gap-2 text-lg font-semibold tracking-tight text-slate-900">
        <span aria-hidden className="grid h-9 w-9 place-items-center rounded-lg bg-indigo-600 text-base font-bold text-white">R</span>
        Runyard
      </div>
      <div className="w-full max-w-md rounded-2xl bg-white p-8 shadow-xl ring-1 ring-slate-200">{children}</div>
    </main>
  );
}
