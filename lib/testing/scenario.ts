// Helpers that read like the spec: a team with workers and runs, driven through the typed client.
import type { RunyardClient } from "@/lib/client/runyard-client";
import type { ClaimedRun } from "@/lib/contract/runs";
import { newTeam, uniqueName } from "@/lib/testing/fixtures";

export async function teamWithWorkers(specs: { name?: string; labels: string[]; maxConcurrency?: number }[]) {
  const team = await newTeam();
  const workers = [];
  for (const spec of specs) {
    const worker = await team.admin.registerComputeWorker({ name: spec.name ?? uniqueName("w"), labels: spec.labels, maxConcurrency: spec.maxConcurrency });
    workers.push({ ...worker, client: await team.client("worker", worker.id) });
  }
  return { ...team, workers };
}

/** Claims one run and completes it, as an agent would. */
export async function claimAndComplete(client: RunyardClient, workerId: string): Promise<ClaimedRun | undefined> {
  const { runs } = await client.claimComputeWorkerRuns(workerId, { max: 1 });
  const run = runs[0];
  if (!run) return undefined;
  await client.reportComputeWorkerRun(run.id, { leaseToken: run.leaseToken, state: "RUNNING" });
  await client.reportComputeWorkerRun(run.id, { leaseToken: run.leaseToken, state: "COMPLETED" });
  return run;
}
