// The outbox statements of the delivery loop (delivery-loop.ts).

/**
 * Takes up to $1 due deliveries for this instance. SKIP LOCKED lets every instance poll at once
 * without waiting on or taking the same rows. The attempt is counted and the row leased: it
 * is not due again until $2 seconds from now (longer than any attempt may last), so if this
 * instance dies mid-delivery another one sends it again then — the same delivery id, as
 * at-least-once allows. Reads the due rows through webhook_deliveries_due_idx. $3, a team id
 * or null, limits it to one team (tests that share a database keep to their own rows).
 */
export const CLAIM_DELIVERIES_SQL = `
WITH due AS (
  SELECT id FROM webhook_deliveries
   WHERE status = 'pending' AND next_attempt_at <= now() AND ($3::uuid IS NULL OR team_id = $3::uuid)
   ORDER BY next_attempt_at
   LIMIT $1
   FOR UPDATE SKIP LOCKED
)
UPDATE webhook_deliveries d
   SET attempts = d.attempts + 1, last_attempt_at = now(),
       leased_until = now() + make_interval(secs => $2), next_attempt_at = now() + make_interval(secs => $2)
  FROM due, webhook_endpoints e, teams t
 WHERE d.id = due.id AND e.id = d.endpoint_id AND t.id = d.team_id
RETURNING d.id, d.team_id, t.name AS team_name, d.event, d.payload, d.attempts, d.created_at, e.url, e.secret`;

/**
 * The attempt's outcome. Fenced on the attempt number: if this instance was presumed dead and
 * another took the row over, the late result changes nothing. A failure is retried after $4 ms,
 * but never later than give_up_at; a failure at or after give_up_at ends the delivery as failed.
 */
export const RECORD_ATTEMPT_SQL = `
UPDATE webhook_deliveries
   SET status = CASE WHEN $3 THEN 'delivered' WHEN now() >= give_up_at THEN 'failed' ELSE 'pending' END,
       delivered_at = CASE WHEN $3 THEN now() END,
       next_attempt_at = CASE WHEN $3 THEN next_attempt_at ELSE least(now() + make_interval(secs => $4::float8 / 1000), give_up_at) END,
       leased_until = NULL, response_status = $5, last_error = $6, duration_ms = $7
 WHERE id = $1 AND attempts = $2 AND status = 'pending'`;

/** Old finished deliveries, a batch at a time (any instance may run it; it is idempotent). */
export const PRUNE_DELIVERIES_SQL = `
DELETE FROM webhook_deliveries WHERE id IN (
  SELECT id FROM webhook_deliveries WHERE status <> 'pending' AND created_at < now() - make_interval(days => $1) LIMIT 1000)`;
