import type { Metadata } from "next";
import { WorkerTable } from "@/components/workers/worker-table";
import { WorkersEmptyState } from "@/components/workers/workers-empty-state";
import { listWorkers } from "@/lib/server/workers/list-workers";
import { ensureTeam } from "@/lib/server/teams/ensure-team";

export const metadata: Metadata = { title: "My Workers" };
export const dynamic = "force-dynamic";

export default async function WorkersPage() {
  const teamId = await ensureTeam();
  const page = await listWorkers({ teamId, label: [], state: [], limit: 100 });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">My Workers</h1>
        <p className="mt-1 text-sm text-slate-600">Machines that take runs whose runsOn labels they all have.</p>
      </div>
      {page.items.length === 0 ? <WorkersEmptyState /> : <WorkerTable workers={page.items} />}
    </div>
  );
}
