import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { DatabaseUnavailable } from "@/components/layout/database-unavailable";
import { requireDashboardSession, type DashboardSession } from "@/lib/server/accounts/dashboard-session";
import { isDatabaseOutage } from "@/lib/server/http/outage";
import { notFoundUnlessPageTargetExists } from "@/lib/server/http/missing-page-target";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  let session: DashboardSession;
  try {
    session = await requireDashboardSession();
  } catch (error) {
    // No session can be read while the database is down: a calm notice that recovers by
    // itself, not a 500 (issue 12). Redirects and other errors go on as they are.
    if (await isDatabaseOutage(error)) return <DatabaseUnavailable />;
    throw error;
  }
  // Before anything streams: a missing run or worker answers 404 (app/not-found.tsx).
  await notFoundUnlessPageTargetExists(session.principal?.teamId);
  return (
    <AppShell user={session.user} memberships={session.memberships} current={session.current}>
      {children}
    </AppShell>
  );
}
