-- Wake-ups proportional to work (docs/scaling.md). The notification says how many runs of the
-- label set became claimable, "<team id>|<comma-separated runsOn>|<count>", so each app
-- instance wakes about that many waiters instead of every waiter that could take them. A held
-- run that ends frees its dataset (the next OPEN run of that dataset is announced, with its
-- own labels) and its worker's capacity — which only that worker's own waiting claim can use,
-- so that is a separate notification, "<team id>||0|<worker id>", which wakes no one else.
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
    WHERE nr.state IS DISTINCT FROM o.state AND nr.state = 'OPEN'
    GROUP BY nr.team_id, nr.runs_on
  ) n;
  -- A held run with a dataset ended: the next OPEN run of that dataset (whatever labels it
  -- needs) may be claimable now. One probe of runs_team_id_dataset_idx per freed dataset.
  PERFORM pg_notify('runyard_claimable', n.team_id::text || '|' || array_to_string(n.runs_on, ',') || '|1')
  FROM (
    SELECT DISTINCT nxt.team_id, nxt.runs_on
    FROM new_rows nr JOIN old_rows o ON o.id = nr.id
    CROSS JOIN LATERAL (
      SELECT r.team_id, r.runs_on FROM runs r
       WHERE r.team_id = nr.team_id AND r.dataset = nr.dataset AND r.state = 'OPEN'
       ORDER BY r.priority DESC, r.created_at, r.id LIMIT 1) nxt
    WHERE nr.dataset IS NOT NULL AND o.state IN ('LOCKED', 'RUNNING') AND nr.state NOT IN ('LOCKED', 'RUNNING')
  ) n;
  PERFORM pg_notify('runyard_claimable', n.team_id::text || '||0|' || n.worker_id::text)
  FROM (
    SELECT DISTINCT o.team_id, o.worker_id
    FROM new_rows nr JOIN old_rows o ON o.id = nr.id
    WHERE o.state IN ('LOCKED', 'RUNNING') AND nr.state NOT IN ('LOCKED', 'RUNNING') AND o.worker_id IS NOT NULL
  ) n;
  RETURN NULL;
END $$;
