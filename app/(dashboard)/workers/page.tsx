import type { Metadata } from "next";
import { headers } from "next/headers";
import { WorkersView } from "@/components/workers/workers-view";
import { requireTeamPrincipal } from "@/lib/server/accounts/dashboard-session";
import { listWorkers } from "@/lib/server/workers/list-workers";

export const metadata: Metadata = { title: "My Workers" };
export const dynamic = "force-dynamic";

export default async function WorkersPage() {
  const principal = await requireTeamPrincipal();
  const initial = await listWorkers({ teamId: principal.teamId, label: [], state: [], limit: 50 });
  const requestHeaders = await headers();
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "localhost:3000";
  const origin = `${requestHeaders.get("x-forwarded-proto") ?? "http"}://${host}`;
  return <WorkersView initial={initial} isAdmin={principal.scope === "admin"} origin={origin} />;
}
