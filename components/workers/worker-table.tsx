import type { Worker } from "@/lib/contract/workers";
import { LabelChips } from "@/components/ui/label-chip";
import { WorkerStateBadge } from "@/components/ui/state-badge";

export function WorkerTable({ workers }: { workers: Worker[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3">Name</th>
            <th scope="col" className="px-4 py-3">Labels</th>
            <th scope="col" className="px-4 py-3">State</th>
            <th scope="col" className="px-4 py-3">Last seen</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {workers.map((worker) => (
            <tr key={worker.id} data-testid="worker-row" data-worker-name={worker.name}>
              <td className="px-4 py-3">
                <div className="font-medium text-slate-900">{worker.name}</div>
                <div className="font-mono text-xs text-slate-500">{worker.id}</div>
              </td>
              <td className="px-4 py-3">
                <LabelChips labels={worker.labels} />
              </td>
              <td className="px-4 py-3">
                <WorkerStateBadge state={worker.state} />
              </td>
              <td className="px-4 py-3 text-slate-600">
                {worker.lastSeenAt ? new Date(worker.lastSeenAt).toLocaleString() : "never"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
