// The claim, in one statement. It must agree with canTake() in lib/domain/matching.ts
// (claim-sql.integration.test.ts checks that on generated cases).
//
// Why it looks like this (SPEC §4): runs are grouped by their distinct label set. The worker's
// eligible sets are found first — `labels <@ worker.labels`, or every set for an unlabeled
// worker — and only the head of each eligible set's queue is read, through the partial index
// runs_open_queue_idx (label_set_id, priority DESC, created_at, id) WHERE state = 'OPEN'.
// Runs that need labels this worker lacks are never scanned, however many sit at the head of
// the global queue. A plain `runs_on <@ labels` filter over one priority index would walk
// past all of them on every claim.
//
// Concurrency: rows are locked FOR UPDATE SKIP LOCKED, so concurrent claimers never wait on
// nor take the same run. Dataset exclusivity is kept by the partial unique index
// runs_dataset_held_key; a per-dataset advisory lock makes concurrent claimers skip a dataset
// another claim is taking instead of colliding on that index (a collision that slips through
// raises 23505 and the caller retries).
//
// Capacity: the caller holds the worker's row lock, so no other claim for this worker is in
// flight, and this statement's snapshot — taken after that lock was granted — sees every run
// the worker's earlier claims took. `free` must be counted here, not while waiting for the lock.
export const CLAIM_SQL = `
WITH worker AS (
  SELECT id, team_id, labels,
         greatest(0, least($2::int, max_concurrency - (
           SELECT count(*) FROM runs h WHERE h.worker_id = $1 AND h.state IN ('LOCKED', 'RUNNING'))))::int AS free
    FROM workers WHERE id = $1
),
eligible_sets AS (
  SELECT ls.id FROM label_sets ls, worker w
   WHERE ls.team_id = w.team_id AND (cardinality(w.labels) = 0 OR ls.labels <@ w.labels)
),
candidates AS (
  SELECT c.* FROM eligible_sets s
  CROSS JOIN LATERAL (
    SELECT r.id, r.priority, r.created_at, r.dataset
      FROM runs r
     WHERE r.label_set_id = s.id AND r.state = 'OPEN'
       AND (r.dataset IS NULL OR (
             NOT EXISTS (SELECT 1 FROM runs h WHERE h.team_id = r.team_id AND h.dataset = r.dataset AND h.state IN ('LOCKED', 'RUNNING'))
             AND pg_try_advisory_xact_lock(hashtextextended(r.team_id::text || '/' || r.dataset, 7207))))
     ORDER BY r.priority DESC, r.created_at, r.id
     LIMIT (SELECT free FROM worker)
     FOR UPDATE OF r SKIP LOCKED
  ) c
),
picked AS (
  SELECT id FROM (
    SELECT id, priority, created_at,
           row_number() OVER (PARTITION BY coalesce(dataset, id::text) ORDER BY priority DESC, created_at, id) AS nth
      FROM candidates
  ) one_per_dataset
   WHERE nth = 1
   ORDER BY priority DESC, created_at, id
   LIMIT (SELECT free FROM worker)
),
claimed AS (
  UPDATE runs r
     SET state = 'LOCKED', worker_id = $1, attempt = r.attempt + 1, claimed_at = now(),
         lease_expires_at = now() + make_interval(secs => $3), progress = 0, message = NULL, exit_code = NULL
    FROM picked
   WHERE r.id = picked.id
  RETURNING r.*
),
events AS (
  INSERT INTO run_events (run_id, type, attempt, worker_id)
  SELECT id, 'CLAIMED', attempt, worker_id FROM claimed
)
SELECT * FROM claimed ORDER BY priority DESC, created_at, id`;
