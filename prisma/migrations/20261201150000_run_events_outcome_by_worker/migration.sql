-- A worker's failed runs and failure streak (issue 15: a worker that fails every run must not
-- look healthy): its FAILED and COMPLETED timeline events, newest first, without scanning the
-- team's history. One entry per finished attempt.
CREATE INDEX "run_events_outcome_by_worker_idx" ON "run_events"("worker_id", "id") WHERE "type" IN ('COMPLETED', 'FAILED');
