-- Wake-ups proportional to work (docs/scaling.md). The notification says how many runs of the
-- label set became claimable, "<team id>|<comma-separated runsOn>|<count>", so each app
-- instance wakes about that many waiters instead of every waiter that could take them. A held
-- run that ends frees a dataset other runs may wait on (counted like a claimable run), and
-- its worker's capacity — which only that worker's own waiting claim can use, so that is a
-- separate notification, "<team id>||0|<worker id>", which wakes no one else.
CREATE OR REPLACE FUNCTION "runyard_notify_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('runyard_claimable', n.team_id::text || '|' || array_to_string(n.runs_on, ',') || '|' || n.count)
  FROM (SELECT team_id, runs_on, count(*) AS count FROM new_rows WHERE state = 'OPEN' GROUP BY team_id, runs_on) n;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION "runyard_notify_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('runyard_claimable', n.team_id::text || '|' || array_to_string(n.runs_on, ',') || '|' || n.count)
  FROM (
    SELECT nr.team_id, nr.runs_on, count(*) AS count
    FROM new_rows nr JOIN old_rows o ON o.id = nr.id
    WHERE nr.state IS DISTINCT FROM o.state
      AND (nr.state = 'OPEN'
           OR (o.state IN ('LOCKED', 'RUNNING') AND nr.state NOT IN ('LOCKED', 'RUNNING') AND nr.dataset IS NOT NULL))
    GROUP BY nr.team_id, nr.runs_on
  ) n;
  PERFORM pg_notify('runyard_claimable', n.team_id::text || '||0|' || n.worker_id::text)
  FROM (
    SELECT DISTINCT o.team_id, o.worker_id
    FROM new_rows nr JOIN old_rows o ON o.id = nr.id
    WHERE o.state IN ('LOCKED', 'RUNNING') AND nr.state NOT IN ('LOCKED', 'RUNNING') AND o.worker_id IS NOT NULL
  ) n;
  RETURN NULL;
END $$;
