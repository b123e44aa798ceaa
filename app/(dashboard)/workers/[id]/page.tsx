import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { WorkerDetail } from "@/components/workers/worker-detail";
import { requireTeamPrincipal } from "@/lib/server/accounts/dashboard-session";
import { AppError } from "@/lib/server/errors";
import { getWorker } from "@/lib/server/workers/get-worker";

export const metadata: Metadata = { title: "Worker" };
export const dynamic = "force-dynamic";

export default async function WorkerPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requireTeamPrincipal();
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const worker = await getWorker(principal.teamId, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return <WorkerDetail initial={worker} isAdmin={principal.scope === "admin"} />;
}
