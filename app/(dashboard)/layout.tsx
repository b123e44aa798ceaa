import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { requireDashboardSession } from "@/lib/server/accounts/dashboard-session";
import { notFoundUnlessPageTargetExists } from "@/lib/server/http/missing-page-target";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await requireDashboardSession();
  // Before anything streams: a missing run or worker answers 404 (app/not-found.tsx).
  await notFoundUnlessPageTargetExists(session.principal?.teamId);
  return (
    <AppShell user={session.user} memberships={session.memberships} current={session.current}>
      {children}
    </AppShell>
  );
}
