-- Run lists are newest first, filtered by labels: keep them fast with 100k+ runs.
CREATE INDEX "runs_team_id_created_at_id_idx" ON "runs"("team_id", "created_at" DESC, "id" DESC);
CREATE INDEX "runs_runs_on_idx" ON "runs" USING GIN ("runs_on");
