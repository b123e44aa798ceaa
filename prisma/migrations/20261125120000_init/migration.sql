-- Runyard initial schema: teams, API tokens, workers, label sets, runs, run events, run logs.

CREATE TYPE "TokenScope" AS ENUM ('admin', 'scheduler', 'worker');
-- Declaration order is the sort order: ORDER BY priority DESC puts CRITICAL first.
CREATE TYPE "RunPriority" AS ENUM ('LOW', 'MID', 'HIGH', 'CRITICAL');
CREATE TYPE "RunState" AS ENUM ('OPEN', 'LOCKED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELED', 'ABORTED', 'CRASHED');

CREATE TABLE "teams" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "teams_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "teams_name_key" ON "teams"("name");

CREATE TABLE "workers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "team_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "labels" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "max_concurrency" INTEGER NOT NULL DEFAULT 1,
    "draining" BOOLEAN NOT NULL DEFAULT false,
    "last_seen_at" TIMESTAMPTZ(3),
    "crashed_at" TIMESTAMPTZ(3),
    "agent_version" TEXT,
    "hostname" TEXT,
    "facts" JSONB NOT NULL DEFAULT '{}',
    "runs_completed" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMPTZ(3),
    CONSTRAINT "workers_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "workers_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "workers_max_concurrency_check" CHECK ("max_concurrency" BETWEEN 1 AND 256)
);
CREATE INDEX "workers_team_id_created_at_idx" ON "workers"("team_id", "created_at");
-- A name is unique per team among workers that are not retired.
CREATE UNIQUE INDEX "workers_team_id_name_active_key" ON "workers"("team_id", "name") WHERE "retired_at" IS NULL;
CREATE INDEX "workers_labels_idx" ON "workers" USING GIN ("labels");

-- Labels are immutable (SPEC §1): refuse any change at the lowest level, whatever the caller.
CREATE FUNCTION "runyard_workers_labels_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."labels" IS DISTINCT FROM OLD."labels" THEN
    RAISE EXCEPTION 'worker labels are immutable' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "workers_labels_immutable" BEFORE UPDATE OF "labels" ON "workers"
  FOR EACH ROW EXECUTE FUNCTION "runyard_workers_labels_immutable"();

CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "team_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "scope" "TokenScope" NOT NULL,
    "worker_id" UUID,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "api_tokens_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "api_tokens_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "workers"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");
CREATE INDEX "api_tokens_team_id_idx" ON "api_tokens"("team_id");

CREATE TABLE "label_sets" (
    "id" BIGSERIAL NOT NULL,
    "team_id" UUID NOT NULL,
    "labels" TEXT[] NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "label_sets_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "label_sets_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "label_sets_team_id_labels_key" ON "label_sets"("team_id", "labels");

CREATE TABLE "runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "team_id" UUID NOT NULL,
    "label_set_id" BIGINT NOT NULL,
    "name" TEXT,
    "dataset" TEXT,
    "config" JSONB NOT NULL DEFAULT '{}',
    "runs_on" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "priority" "RunPriority" NOT NULL DEFAULT 'MID',
    "state" "RunState" NOT NULL DEFAULT 'OPEN',
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL DEFAULT 3,
    "worker_id" UUID,
    "lease_expires_at" TIMESTAMPTZ(3),
    "abort_requested_at" TIMESTAMPTZ(3),
    "progress" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT,
    "exit_code" INTEGER,
    "idempotency_key" TEXT,
    "idempotency_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_at" TIMESTAMPTZ(3),
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "runs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "runs_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "runs_label_set_id_fkey" FOREIGN KEY ("label_set_id") REFERENCES "label_sets"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "runs_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "workers"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "runs_progress_check" CHECK ("progress" BETWEEN 0 AND 100),
    CONSTRAINT "runs_max_attempts_check" CHECK ("max_attempts" BETWEEN 1 AND 100),
    -- A held run always names its worker and its lease.
    CONSTRAINT "runs_held_check" CHECK ("state" NOT IN ('LOCKED', 'RUNNING') OR ("worker_id" IS NOT NULL AND "lease_expires_at" IS NOT NULL))
);
CREATE UNIQUE INDEX "runs_team_id_idempotency_key_key" ON "runs"("team_id", "idempotency_key");
CREATE INDEX "runs_team_id_state_created_at_idx" ON "runs"("team_id", "state", "created_at");
-- The claim queue: one ordered stream per label set (priority, then oldest first).
CREATE INDEX "runs_open_queue_idx" ON "runs"("label_set_id", "priority" DESC, "created_at", "id") WHERE "state" = 'OPEN';
-- Held runs per worker (capacity, BUSY state) and the lease-expiry sweep.
CREATE INDEX "runs_held_by_worker_idx" ON "runs"("worker_id") WHERE "state" IN ('LOCKED', 'RUNNING');
CREATE INDEX "runs_held_lease_idx" ON "runs"("lease_expires_at") WHERE "state" IN ('LOCKED', 'RUNNING');
CREATE INDEX "runs_worker_id_created_at_idx" ON "runs"("worker_id", "created_at");
CREATE INDEX "runs_team_id_dataset_idx" ON "runs"("team_id", "dataset") WHERE "dataset" IS NOT NULL;
-- Dataset exclusivity (SPEC §3) as an invariant the database keeps: at most one held run per dataset.
CREATE UNIQUE INDEX "runs_dataset_held_key" ON "runs"("team_id", "dataset") WHERE "dataset" IS NOT NULL AND "state" IN ('LOCKED', 'RUNNING');

CREATE TABLE "run_events" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "worker_id" UUID,
    "message" TEXT,
    "data" JSONB,
    CONSTRAINT "run_events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "run_events_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "run_events_run_id_id_idx" ON "run_events"("run_id", "id");

CREATE TABLE "run_logs" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "stream" TEXT NOT NULL DEFAULT 'stdout',
    "line" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "run_logs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "run_logs_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "run_logs_run_id_id_idx" ON "run_logs"("run_id", "id");

-- Wake long-polling claimers on every app instance when runs become claimable: a run is
-- scheduled or re-queued (it becomes OPEN), or a held run ends (its dataset and its worker's
-- capacity free up). The payload is "<team id>|<comma-separated runsOn>" so each instance
-- wakes only the waiters whose labels match. Statement-level, so a bulk insert notifies once
-- per distinct label set, not once per row.
CREATE FUNCTION "runyard_notify_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('runyard_claimable', n.team_id::text || '|' || array_to_string(n.runs_on, ','))
  FROM (SELECT DISTINCT team_id, runs_on FROM new_rows WHERE state = 'OPEN') n;
  RETURN NULL;
END $$;
CREATE FUNCTION "runyard_notify_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('runyard_claimable', n.team_id::text || '|' || array_to_string(n.runs_on, ','))
  FROM (
    SELECT DISTINCT nr.team_id, nr.runs_on
    FROM new_rows nr JOIN old_rows o ON o.id = nr.id
    WHERE nr.state IS DISTINCT FROM o.state
      AND (nr.state = 'OPEN' OR (o.state IN ('LOCKED', 'RUNNING') AND nr.state NOT IN ('LOCKED', 'RUNNING')))
  ) n;
  RETURN NULL;
END $$;
CREATE TRIGGER "runs_notify_insert" AFTER INSERT ON "runs" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "runyard_notify_inserted"();
CREATE TRIGGER "runs_notify_update" AFTER UPDATE ON "runs" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "runyard_notify_updated"();
