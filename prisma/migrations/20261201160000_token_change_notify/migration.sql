-- Every app instance caches the API tokens it has checked (lib/server/auth/token-cache.ts).
-- Whatever can make a token unusable or change what it may do — revoking it, a new expiry,
-- deleting it (also by cascade), retiring the worker it is bound to — notifies every instance
-- on commit, and each drops its cached copy at once.
CREATE FUNCTION "runyard_notify_token_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('runyard_tokens', 'token:' || OLD.id);
  RETURN NULL;
END $$;

CREATE TRIGGER "api_tokens_notify_change"
  AFTER UPDATE OF "revoked_at", "expires_at", "token_hash", "scope", "worker_id", "team_id" OR DELETE ON "api_tokens"
  FOR EACH ROW EXECUTE FUNCTION "runyard_notify_token_changed"();

CREATE FUNCTION "runyard_notify_worker_retired"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.retired_at IS DISTINCT FROM OLD.retired_at THEN
    PERFORM pg_notify('runyard_tokens', 'worker:' || NEW.id);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "workers_notify_retired"
  AFTER UPDATE OF "retired_at" ON "workers"
  FOR EACH ROW EXECUTE FUNCTION "runyard_notify_worker_retired"();
