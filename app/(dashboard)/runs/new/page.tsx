import type { Metadata } from "next";
import { ScheduleRunForm } from "@/components/runs/schedule-run-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireTeamPrincipal } from "@/lib/server/accounts/dashboard-session";

export const metadata: Metadata = { title: "Schedule a run" };
export const dynamic = "force-dynamic";

export default async function NewRunPage() {
  await requireTeamPrincipal();
  return (
    <>
      <PageHeader title="Schedule a run" description="Pick the labels a worker must have; the preview shows who could take it, right now." />
      <ScheduleRunForm />
    </>
  );
}
