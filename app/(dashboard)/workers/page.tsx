import type { Metadata } from "next";
import { headers } from "next/headers";
import { DatabaseUnavailable } from "@/components/layout/database-unavailable";
import { WorkersView } from "@/components/workers/workers-view";
import { requireTeamPrincipal } from "@/lib/server/accounts/dashboard-session";
import { agentBundleSha256 } from "@/lib/server/downloads/agent-bundle";
import { pageData } from "@/lib/server/http/page-data";
import { publicOrigin } from "@/lib/server/http/public-origin";
import { listWorkers } from "@/lib/server/workers/list-workers";

export const metadata: Metadata = { title: "My Workers" };
export const dynamic = "force-dynamic";

export default async function WorkersPage() {
  const principal = await requireTeamPrincipal();
  const loaded = await pageData(() => listWorkers({ teamId: principal.teamId, label: [], state: [], limit: 50 }));
  if (loaded.outage) return <DatabaseUnavailable />;
  return <WorkersView initial={loaded.data} isAdmin={principal.scope === "admin"} origin={publicOrigin(await headers())} agentSha256={agentBundleSha256()} />;
}
