import type { Metadata } from "next";
import { MembersView } from "@/components/accounts/members-view";
import { requireDashboardSession, requireTeamPrincipal } from "@/lib/server/accounts/dashboard-session";

export const metadata: Metadata = { title: "Team" };
export const dynamic = "force-dynamic";

export default async function TeamPage() {
  const principal = await requireTeamPrincipal();
  const session = await requireDashboardSession();
  return <MembersView isAdmin={principal.scope === "admin"} teamName={session.current?.teamName ?? ""} selfId={session.user.id} />;
}
