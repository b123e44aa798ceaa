-- Integrations (issue 17): a `metrics` token scope for Prometheus scrapes, and signed webhooks.

-- A token that may read GET /metrics and nothing else. (Adding an enum value inside the
-- migration's transaction is fine on PostgreSQL 12+ as long as nothing here uses it.)
ALTER TYPE "TokenScope" ADD VALUE 'metrics';

-- Where a team wants to be told about state changes. The secret signs every delivery
-- (HMAC-SHA256), so it is kept as is: it is shown to the team once and never served again.
CREATE TABLE "webhook_endpoints" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "team_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT,
    "events" TEXT[] NOT NULL,
    "secret" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "secret_rotated_at" TIMESTAMPTZ(3),
    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "webhook_endpoints_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "webhook_endpoints_events_check" CHECK (cardinality("events") > 0)
);
-- The outbox triggers below look endpoints up by team on every run state change.
CREATE INDEX "webhook_endpoints_team_id_idx" ON "webhook_endpoints"("team_id");

-- The outbox: one row per (event, endpoint), written in the transaction that changed the state,
-- sent by the delivery loop of any app instance (lib/server/webhooks/delivery-loop.ts). The row
-- id is the X-Runyard-Delivery header, the same on every attempt.
CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "endpoint_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- Set while an app instance is sending it: past this time the sender is presumed dead and the
    -- row is due again (at-least-once; the same delivery id is sent again).
    "leased_until" TIMESTAMPTZ(3),
    "give_up_at" TIMESTAMPTZ(3) NOT NULL DEFAULT (CURRENT_TIMESTAMP + interval '24 hours'),
    "last_attempt_at" TIMESTAMPTZ(3),
    "response_status" INTEGER,
    "last_error" TEXT,
    "duration_ms" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),
    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "webhook_deliveries_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "webhook_deliveries_status_check" CHECK ("status" IN ('pending', 'delivered', 'failed'))
);
-- What the delivery loop polls: due rows only, oldest first.
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries"("next_attempt_at") WHERE "status" = 'pending';
-- The dashboard's list per endpoint, newest first (keyset paging on created_at, id).
CREATE INDEX "webhook_deliveries_endpoint_id_created_at_idx" ON "webhook_deliveries"("endpoint_id", "created_at" DESC, "id" DESC);
-- Counts of what is not delivered, per endpoint (dashboard, /metrics): a small part of the table.
CREATE INDEX "webhook_deliveries_endpoint_id_status_idx" ON "webhook_deliveries"("endpoint_id", "status") WHERE "status" <> 'delivered';
-- Pruning of old delivered/failed rows.
CREATE INDEX "webhook_deliveries_created_at_idx" ON "webhook_deliveries"("created_at") WHERE "status" <> 'pending';

-- The worker state last announced by worker.state_changed, per worker of a subscribed team.
-- A worker's state is partly derived from time (OFFLINE) and from the lease sweep (CRASHED),
-- so no single write marks the change: one app instance at a time compares the derived state
-- with this row under an advisory lock and emits each change once (lib/server/webhooks/worker-states.ts).
CREATE TABLE "worker_reported_states" (
    "worker_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "state" TEXT NOT NULL,
    "draining" BOOLEAN NOT NULL,
    "reported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "worker_reported_states_pkey" PRIMARY KEY ("worker_id"),
    CONSTRAINT "worker_reported_states_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "workers"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "worker_reported_states_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "worker_reported_states_team_id_idx" ON "worker_reported_states"("team_id");

-- Times in webhook bodies look like the API's: UTC, milliseconds, "Z".
CREATE FUNCTION "runyard_iso"(t TIMESTAMPTZ) RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- run.state_changed: every insert of a run and every change of its state writes one outbox row
-- per subscribed endpoint, inside the statement that made the change — so in its transaction,
-- whichever code path (claim, report, sweep, cancel, retire) did it. A team without such an
-- endpoint pays one indexed probe of webhook_endpoints and writes nothing. The WHEN clause keeps
-- updates that leave the state as it was (progress reports) from calling the function at all.
CREATE FUNCTION "runyard_runs_webhook_outbox"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "webhook_deliveries" ("endpoint_id", "team_id", "event", "payload")
  SELECT e."id", NEW."team_id", 'run.state_changed', jsonb_build_object(
           'previousState', CASE WHEN TG_OP = 'UPDATE' THEN OLD."state"::text END,
           'run', jsonb_build_object(
             'id', NEW."id", 'name', NEW."name", 'state', NEW."state"::text, 'runsOn', to_jsonb(NEW."runs_on"),
             'priority', NEW."priority"::text, 'dataset', NEW."dataset", 'attempt', NEW."attempt",
             'maxAttempts', NEW."max_attempts", 'workerId', NEW."worker_id",
             'workerName', (SELECT w."name" FROM "workers" w WHERE w."id" = NEW."worker_id"),
             'progress', NEW."progress", 'message', NEW."message", 'exitCode', NEW."exit_code",
             'createdAt', "runyard_iso"(NEW."created_at"), 'claimedAt', "runyard_iso"(NEW."claimed_at"), 'startedAt', "runyard_iso"(NEW."started_at"),
             'finishedAt', "runyard_iso"(NEW."finished_at")))
    FROM "webhook_endpoints" e
   WHERE e."team_id" = NEW."team_id" AND e."events" @> ARRAY['run.state_changed'];
  RETURN NULL;
END $$;

CREATE TRIGGER "runs_webhook_outbox_insert" AFTER INSERT ON "runs"
  FOR EACH ROW EXECUTE FUNCTION "runyard_runs_webhook_outbox"();
CREATE TRIGGER "runs_webhook_outbox_update" AFTER UPDATE OF "state" ON "runs"
  FOR EACH ROW WHEN (OLD."state" IS DISTINCT FROM NEW."state") EXECUTE FUNCTION "runyard_runs_webhook_outbox"();
