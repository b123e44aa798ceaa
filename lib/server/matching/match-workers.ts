// GET /match and the "nobody can take this" flag (SPEC §3): which workers could take a run
// with this runsOn — online or not — and, when none can, the closest worker and what it lacks.
import type { MatchResponse } from "@/lib/contract/fleet";
import type { Run } from "@/lib/contract/runs";
import type { WorkerState } from "@/lib/contract/workers";
import { pool } from "@/lib/db/pool";
import { canTake, caseMismatches, missingLabels } from "@/lib/domain/matching";
import { workerStateSql } from "@/lib/server/workers/worker-sql";

export type FleetWorker = {
  id: string;
  name: string;
  labels: string[];
  state: WorkerState;
  draining: boolean;
  free: number;
};

/** The SQL twin of canTake() for "is there any worker": tested against it in claim-sql.integration.test.ts. */
export const ELIGIBLE_WORKER_SQL = "(cardinality(w.labels) = 0 OR w.labels @> $2::text[])";

export async function loadFleet(teamId: string): Promise<FleetWorker[]> {
  const { rows } = await pool().query<FleetWorker>(
    `SELECT w.id, w.name, w.labels, ${workerStateSql("w")} AS state, w.draining,
            w.max_concurrency - (SELECT count(*) FROM runs h WHERE h.worker_id = w.id AND h.state IN ('LOCKED', 'RUNNING'))::int AS free
       FROM workers w WHERE w.team_id = $1 AND w.retired_at IS NULL ORDER BY w.name`,
    [teamId],
  );
  return rows;
}

const isOnline = (w: FleetWorker) => w.state === "IDLE" || w.state === "BUSY";
const summary = ({ id, name, labels, state, draining }: FleetWorker) => ({ id, name, labels, state, draining });

export function matchFleet(fleet: FleetWorker[], runsOn: string[]): MatchResponse {
  const eligible = fleet.filter((w) => canTake(w.labels, runsOn));
  const online = eligible.filter(isOnline);
  const hints: string[] = [];
  let closest: MatchResponse["closest"] = null;
  if (fleet.length === 0) {
    hints.push("No workers are registered yet: register one, or start an agent without a worker id to get a default worker.");
  } else if (eligible.length === 0) {
    // Closest: fewest missing labels; then the most of those only differing by case (the
    // likely typo); then online before offline; then by name. Only a worker that has at least
    // one of the labels asked for (or one differing only by case) is close at all: for a label
    // nobody has, any worker would be an arbitrary pick, so none is named.
    const ranked = fleet
      .map((w) => ({ w, missing: missingLabels(w.labels, runsOn) }))
      .map((r) => ({ ...r, nearMisses: caseMismatches(r.w.labels, r.missing).length }))
      .filter((r) => r.missing.length < runsOn.length || r.nearMisses > 0)
      .sort((a, b) => a.missing.length - b.missing.length || b.nearMisses - a.nearMisses || Number(isOnline(b.w)) - Number(isOnline(a.w)) || a.w.name.localeCompare(b.w.name));
    const best = ranked[0];
    if (best) {
      closest = { worker: summary(best.w), missing: best.missing, caseMismatches: caseMismatches(best.w.labels, best.missing) };
      hints.push(`No worker has all of [${runsOn.join(", ")}]. Closest: ${best.w.name}, which lacks ${best.missing.join(", ")}.`);
    }
    const everyLabel = new Set(fleet.flatMap((w) => w.labels));
    for (const label of runsOn.filter((l) => !everyLabel.has(l))) {
      const similar = [...everyLabel].find((l) => l.toLowerCase() === label.toLowerCase());
      hints.push(similar ? `No worker has "${label}"; labels are case-sensitive — did you mean "${similar}"?` : `No worker has the label "${label}".`);
    }
  } else if (online.length === 0) {
    hints.push(`${eligible.length} worker(s) could take it, but none is online: the run waits until one polls.`);
  }
  return {
    runsOn,
    eligible: eligible.map(summary),
    counts: { workers: fleet.length, eligible: eligible.length, online: online.length, idle: online.filter((w) => w.state === "IDLE" && !w.draining).length },
    closest,
    hints,
  };
}

export async function matchWorkers(teamId: string, runsOn: string[]): Promise<MatchResponse> {
  return matchFleet(await loadFleet(teamId), runsOn);
}

/** The `unmatchable` flag of a run: null when some registered worker could take it. */
export async function unmatchableFlags(teamId: string, runsOnList: string[][]): Promise<Map<string, Run["unmatchable"]>> {
  const flags = new Map<string, Run["unmatchable"]>();
  const distinct = [...new Map(runsOnList.map((r) => [r.join(","), r])).values()];
  let fleet: FleetWorker[] | undefined;
  for (const runsOn of distinct) {
    const { rows } = await pool().query(
      `SELECT 1 FROM workers w WHERE w.team_id = $1 AND w.retired_at IS NULL AND ${ELIGIBLE_WORKER_SQL} LIMIT 1`,
      [teamId, runsOn],
    );
    if (rows.length > 0) {
      flags.set(runsOn.join(","), null);
      continue;
    }
    fleet ??= await loadFleet(teamId);
    const match = matchFleet(fleet, runsOn);
    flags.set(runsOn.join(","), {
      closest: match.closest ? { id: match.closest.worker.id, name: match.closest.worker.name, labels: match.closest.worker.labels } : null,
      missing: match.closest?.missing ?? runsOn,
      caseMismatches: match.closest?.caseMismatches ?? [],
    });
  }
  return flags;
}
