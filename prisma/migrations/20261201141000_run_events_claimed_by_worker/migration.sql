-- A worker token bound to one worker reads only the runs that worker holds or held (issue 14):
-- "held" is "has a CLAIMED event by that worker". This partial index answers that for one
-- worker without scanning a team's history; it grows by one entry per claim.
CREATE INDEX "run_events_claimed_by_worker_idx" ON "run_events"("worker_id", "run_id") WHERE "type" = 'CLAIMED';
