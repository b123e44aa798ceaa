// A fleet for metrics tests, written straight into the database: 120 workers in every state
// across four kinds of machine, and ~1,900 runs — queued, held and finished, with known times —
// over six label sets (one of them needs a label nobody has). What it wrote is returned so tests
// can compute what /metrics must say without the code under test.
import { pool } from "@/lib/db/pool";
import { labelSetId } from "@/lib/server/runs/label-sets";
import { rng } from "@/lib/testing/random";

export type SeededCondition = "idle" | "busy" | "offline" | "never" | "crashed" | "draining";
export type SeededWorker = { id: string; name: string; labels: string[]; maxConcurrency: number; condition: SeededCondition; holds: number };

const MACHINES: { labels: string[]; conditions: [SeededCondition, number][]; maxConcurrency: number }[] = [
  { labels: ["gpu", "gpu-A100", "fra"], maxConcurrency: 2, conditions: [["idle", 25], ["busy", 10], ["offline", 3], ["crashed", 2]] },
  { labels: ["gpu", "gpu-H100"], maxConcurrency: 4, conditions: [["idle", 14], ["busy", 6], ["draining", 5], ["never", 5]] },
  { labels: ["cpu"], maxConcurrency: 8, conditions: [["idle", 20], ["busy", 10], ["offline", 15]] },
  { labels: [], maxConcurrency: 1, conditions: [["idle", 3], ["never", 2]] },
];

/** Label sets of the runs, with how many wait in the queue. */
export const QUEUED: [string[], number][] = [
  [["gpu", "gpu-A100"], 150], [["gpu"], 1200], [["gpu", "gpu-H100"], 64], [["cpu"], 37], [[], 12], [["tpu"], 3],
];

const FINAL = ["COMPLETED", "FAILED", "CANCELED", "ABORTED", "CRASHED"] as const;

export async function seedMetricsFleet(teamId: string, seed = 17) {
  const random = rng(seed);
  const db = pool();
  const workers: SeededWorker[] = [];
  MACHINES.forEach((machine, m) => {
    for (const [condition, count] of machine.conditions) {
      for (let i = 0; i < count; i++) {
        workers.push({ id: "", name: `m${m}-${condition}-${i}`, labels: machine.labels, maxConcurrency: machine.maxConcurrency, condition, holds: condition === "busy" ? 1 + (i % machine.maxConcurrency) : 0 });
      }
    }
  });
  const inserted = await db.query<{ id: string; name: string }>(
    `INSERT INTO workers (team_id, name, labels, max_concurrency, draining, last_seen_at, crashed_at)
     SELECT $1, w.name, ARRAY(SELECT jsonb_array_elements_text(w.labels)), w.max_concurrency, w.condition = 'draining',
            CASE w.condition WHEN 'never' THEN NULL WHEN 'offline' THEN now() - interval '1 hour' WHEN 'crashed' THEN now() - interval '1 hour' ELSE now() END,
            CASE WHEN w.condition = 'crashed' THEN now() - interval '30 minutes' END
       FROM jsonb_to_recordset($2::jsonb) AS w(name text, labels jsonb, max_concurrency int, condition text)
     RETURNING id, name`,
    [teamId, JSON.stringify(workers.map((w) => ({ name: w.name, labels: w.labels, max_concurrency: w.maxConcurrency, condition: w.condition })))],
  );
  const ids = new Map(inserted.rows.map((r) => [r.name, r.id]));
  for (const w of workers) w.id = ids.get(w.name)!;

  type RunSeed = { labels: string[]; state: string; worker: string | null; created: number; claimed: number | null; started: number | null; finished: number | null };
  const runs: RunSeed[] = [];
  // Queued: created up to 40 minutes ago.
  for (const [labels, count] of QUEUED) for (let i = 0; i < count; i++) runs.push({ labels, state: "OPEN", worker: null, created: random.int(2400) + 1, claimed: null, started: null, finished: null });
  // Held by busy workers: a run they may take (their own labels).
  for (const w of workers.filter((x) => x.condition === "busy")) {
    for (let i = 0; i < w.holds; i++) runs.push({ labels: w.labels.slice(0, 2), state: i % 2 ? "LOCKED" : "RUNNING", worker: w.id, created: 900, claimed: 600, started: i % 2 ? null : 590, finished: null });
  }
  // Finished: most two to three hours ago (past the metrics' cached watermark), some just now.
  for (let i = 0; i < 420; i++) {
    const labels = QUEUED[i % 5]![0];
    const state = FINAL[random.int(FINAL.length)]!;
    const finished = i % 7 === 0 ? random.int(30) : 7200 + random.int(3600);
    const neverPicked = state === "CANCELED" && i % 2 === 0;
    const took = [0.4, 3, 45, 200, 1500, 5000, 20000, 90000][random.int(8)]! * (0.5 + random.next());
    const wait = [0.2, 2, 10, 40, 100, 500, 3000, 40000][random.int(8)]! * (0.5 + random.next());
    const claimed = neverPicked ? null : finished + took;
    runs.push({ labels, state, worker: null, created: neverPicked ? finished + 60 : claimed! + wait, claimed, started: neverPicked || state === "CRASHED" ? null : claimed! - Math.min(1, took / 2), finished });
  }
  const setIds = new Map<string, string>();
  for (const labels of new Set(runs.map((r) => r.labels.join(",")))) setIds.set(labels, await labelSetId(teamId, labels ? labels.split(",") : []));
  const at = (secondsAgo: number | null) => (secondsAgo === null ? null : new Date(Date.now() - secondsAgo * 1000).toISOString());
  await db.query(
    `INSERT INTO runs (team_id, label_set_id, runs_on, state, worker_id, lease_expires_at, attempt, created_at, claimed_at, started_at, finished_at)
     SELECT $1, r.set_id, ARRAY(SELECT jsonb_array_elements_text(r.labels)), r.state::"RunState", r.worker,
            CASE WHEN r.state IN ('LOCKED', 'RUNNING') THEN now() + interval '1 hour' END, CASE WHEN r.claimed IS NULL THEN 0 ELSE 1 END,
            r.created, r.claimed, r.started, r.finished
       FROM jsonb_to_recordset($2::jsonb) AS r(set_id bigint, labels jsonb, state text, worker uuid, created timestamptz, claimed timestamptz, started timestamptz, finished timestamptz)`,
    [teamId, JSON.stringify(runs.map((r) => ({ set_id: setIds.get(r.labels.join(",")), labels: r.labels, state: r.state, worker: r.worker, created: at(r.created), claimed: at(r.claimed), started: at(r.started), finished: at(r.finished) })))],
  );
  return { workers, runs: runs.length };
}
