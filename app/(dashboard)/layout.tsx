import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { requireDashboardSession } from "@/lib/server/accounts/dashboard-session";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await requireDashboardSession();
  return (
    <AppShell user={session.user} memberships={session.memberships} current={session.current}>
      {children}
    </AppShell>
  );
}
