import type { Metadata } from "next";
import { OverviewView } from "@/components/overview/overview-view";
import { requireTeamPrincipal } from "@/lib/server/accounts/dashboard-session";
import { getOverview } from "@/lib/server/overview/get-overview";

export const metadata: Metadata = { title: "Overview" };
export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const principal = await requireTeamPrincipal();
  return <OverviewView initial={await getOverview(principal.teamId)} isAdmin={principal.scope === "admin"} />;
}
