// GET /runs/{id}/explain: why a run is or is not being picked up, with counts (SPEC §3):
// "0/12 workers can take it: 7 lack gpu-A100, 3 offline, 2 busy, 0 draining".
// Every worker is counted once, under the first reason that rules it out.
import type { ExplainResponse } from "@/lib/contract/fleet";
import { pool } from "@/lib/db/pool";
import { missingLabels } from "@/lib/domain/matching";
import { notFound } from "@/lib/server/errors";
import { blockingRun, findRunRow } from "@/lib/server/runs/get-run";
import { labelSetId } from "@/lib/server/runs/label-sets";
import { loadFleet } from "@/lib/server/matching/match-workers";

export async function explainRun(teamId: string, runId: string): Promise<ExplainResponse> {
  const run = await findRunRow(pool(), teamId, runId);
  if (!run) throw notFound("run");
  const fleet = await loadFleet(teamId);
  const lacking = new Map<string, number>();
  const counts = { offline: 0, draining: 0, busy: 0, available: 0 };
  for (const worker of fleet) {
    const missing = missingLabels(worker.labels, run.runs_on);
    if (missing.length > 0) lacking.set(missing.join(", "), (lacking.get(missing.join(", ")) ?? 0) + 1);
    else if (worker.state === "OFFLINE" || worker.state === "CRASHED") counts.offline++;
    else if (worker.draining) counts.draining++;
    else if (worker.free <= 0) counts.busy++;
    else counts.available++;
  }
  const lackingList = [...lacking].map(([labels, count]) => ({ labels: labels.split(", "), count })).sort((a, b) => b.count - a.count);
  const parts = [
    ...lackingList.map((l) => `${l.count} lack ${l.labels.join(", ")}`),
    `${counts.offline} offline`,
    `${counts.busy} busy`,
    `${counts.draining} draining`,
  ];
  const waitingBehind = await blockingRun(teamId, run);
  const queuedAhead = run.state === "OPEN" ? await countAhead(teamId, run.runs_on, run.priority, run.created_at, run.id) : 0;
  const hints: string[] = [];
  let summary: string;
  if (run.state === "OPEN") {
    summary = `${counts.available}/${fleet.length} workers can take it: ${parts.join(", ")}`;
    if (waitingBehind) hints.push(`It waits behind run ${waitingBehind.name ?? waitingBehind.id} (${waitingBehind.state}), which holds dataset "${run.dataset}".`);
    if (fleet.length === 0) hints.push("No workers are registered: register one or start an agent.");
    else if (lackingList.length === fleet.length && fleet.length > 0) hints.push("No registered worker has every label this run needs: it will wait until one is registered.");
    if (counts.available > 0 && !waitingBehind) {
      hints.push(queuedAhead > 0 ? `${queuedAhead} ${queuedAhead === 1 ? "run" : "runs"} with the same labels ${queuedAhead === 1 ? "is" : "are"} ahead of it in the queue.` : "A worker can take it now: it is picked up at that worker's next poll.");
    }
  } else if (run.state === "LOCKED" || run.state === "RUNNING") {
    summary = `${run.state === "LOCKED" ? "Claimed by" : "Running on"} ${run.worker_name ?? run.worker_id} (attempt ${run.attempt} of ${run.max_attempts})`;
  } else {
    summary = `The run ended: ${run.state}${run.worker_name ? ` on ${run.worker_name}` : ""} (attempt ${run.attempt})`;
  }
  return {
    runId: run.id,
    state: run.state,
    pickable: run.state === "OPEN" && counts.available > 0 && !waitingBehind,
    summary,
    workers: { total: fleet.length, available: counts.available, lacking: lackingList, offline: counts.offline, draining: counts.draining, busy: counts.busy },
    waitingBehind,
    queuedAhead,
    hints,
  };
}

/** OPEN runs with the same labels that will be claimed before this one. */
async function countAhead(teamId: string, runsOn: string[], priority: string, createdAt: Date, id: string): Promise<number> {
  const setId = await labelSetId(teamId, runsOn);
  const { rows } = await pool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM runs
      WHERE label_set_id = $1 AND state = 'OPEN' AND (priority > $2::"RunPriority" OR (priority = $2::"RunPriority" AND (created_at, id) < ($3, $4::uuid)))`,
    [setId, priority, createdAt, id],
  );
  return rows[0]!.n;
}
