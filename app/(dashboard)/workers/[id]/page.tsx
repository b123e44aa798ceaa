import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DatabaseUnavailable } from "@/components/layout/database-unavailable";
import { WorkerDetail } from "@/components/workers/worker-detail";
import { requireTeamPrincipal } from "@/lib/server/accounts/dashboard-session";
import { AppError } from "@/lib/server/errors";
import { pageData } from "@/lib/server/http/page-data";
import { getWorker } from "@/lib/server/workers/get-worker";

export const metadata: Metadata = { title: "Worker" };
export const dynamic = "force-dynamic";

export default async function WorkerPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requireTeamPrincipal();
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const loaded = await pageData(() =>
    getWorker(principal.teamId, id).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") notFound();
      throw error;
    }),
  );
  if (loaded.outage) return <DatabaseUnavailable />;
  const worker = loaded.data;
  return <WorkerDetail initial={worker} isAdmin={principal.scope === "admin"} />;
}
