import type { Metadata } from "next";
import { DatabaseUnavailable } from "@/components/layout/database-unavailable";
import { OverviewView } from "@/components/overview/overview-view";
import { requireTeamPrincipal } from "@/lib/server/accounts/dashboard-session";
import { pageData } from "@/lib/server/http/page-data";
import { getOverview } from "@/lib/server/overview/get-overview";

export const metadata: Metadata = { title: "Overview" };
export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const principal = await requireTeamPrincipal();
  const loaded = await pageData(() => getOverview(principal.teamId));
  if (loaded.outage) return <DatabaseUnavailable />;
  return <OverviewView initial={loaded.data} isAdmin={principal.scope === "admin"} />;
}
