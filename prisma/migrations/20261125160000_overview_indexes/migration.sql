-- The overview reads the last hour of pickups (claimed_at) and finishes per team.
CREATE INDEX "runs_team_id_claimed_at_idx" ON "runs"("team_id", "claimed_at");
CREATE INDEX "runs_team_id_finished_at_idx" ON "runs"("team_id", "finished_at");
