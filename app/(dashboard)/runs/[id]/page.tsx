import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DatabaseUnavailable } from "@/components/layout/database-unavailable";
import { RunDetail } from "@/components/runs/run-detail";
import { requireTeamPrincipal } from "@/lib/server/accounts/dashboard-session";
import { AppError } from "@/lib/server/errors";
import { pageData } from "@/lib/server/http/page-data";
import { getRun } from "@/lib/server/runs/get-run";

export const metadata: Metadata = { title: "Run" };
export const dynamic = "force-dynamic";

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requireTeamPrincipal();
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const loaded = await pageData(() =>
    getRun(principal.teamId, id).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") notFound();
      throw error;
    }),
  );
  if (loaded.outage) return <DatabaseUnavailable />;
  const run = loaded.data;
  return <RunDetail initial={run} />;
}
