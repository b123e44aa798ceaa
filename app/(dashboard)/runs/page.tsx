import type { Metadata } from "next";
import { RunsView } from "@/components/runs/runs-view";
import { requireTeamPrincipal } from "@/lib/server/accounts/dashboard-session";
import { listRuns } from "@/lib/server/runs/list-runs";

export const metadata: Metadata = { title: "Runs" };
export const dynamic = "force-dynamic";

export default async function RunsPage() {
  const principal = await requireTeamPrincipal();
  const initial = await listRuns({ teamId: principal.teamId, state: [], priority: [], label: [], limit: 50 });
  return <RunsView initial={initial} />;
}
