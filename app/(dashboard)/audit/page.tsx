import type { Metadata } from "next";
import { AdminsOnly } from "@/components/accounts/admins-only";
import { AuditView } from "@/components/accounts/audit-view";
import { requireTeamPrincipal } from "@/lib/server/accounts/dashboard-session";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

export default async function AuditPage() {
  const principal = await requireTeamPrincipal();
  return principal.scope === "admin" ? <AuditView /> : <AdminsOnly what="The audit log and API tokens" />;
}
