import type { Metadata } from "next";
import { DatabaseUnavailable } from "@/components/layout/database-unavailable";
import { RunsView } from "@/components/runs/runs-view";
import { requireTeamPrincipal } from "@/lib/server/accounts/dashboard-session";
import { pageData } from "@/lib/server/http/page-data";
import { listRuns } from "@/lib/server/runs/list-runs";

export const metadata: Metadata = { title: "Runs" };
export const dynamic = "force-dynamic";

export default async function RunsPage() {
  const principal = await requireTeamPrincipal();
  const loaded = await pageData(() => listRuns({ teamId: principal.teamId, state: [], priority: [], label: [], limit: 50 }));
  if (loaded.outage) return <DatabaseUnavailable />;
  return <RunsView initial={loaded.data} />;
}
