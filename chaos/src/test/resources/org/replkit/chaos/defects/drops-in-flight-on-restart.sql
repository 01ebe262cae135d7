-- A sender that drops in-flight items on restart: the kit's own test of its checker (never applied
-- outside the chaos module's tests). A wrapper around the sender's own replication.collect(), not a
-- copy of it: today's collector is renamed and runs unchanged after the planted defect, so the run
-- keeps every other behaviour of the sender under test. Fails loudly when applied to a sender whose
-- collector is no longer replication.collect() (the rename finds nothing) or whose queue no longer has
-- the columns the defect reads (a SQL function's body is checked when it is created).
ALTER FUNCTION replication.collect() RENAME TO collect_without_planted_defect;

CREATE FUNCTION replication.collect() RETURNS integer
LANGUAGE sql AS $$
    -- PLANTED DEFECT: after a restart, an item whose request died with the server (neither queued
    -- nor answered) is simply deleted instead of being retried: the change is dropped.
    DELETE FROM replication.replication_queue q
     WHERE q.status = 'in_flight'
       AND q.last_attempt_at < pg_postmaster_start_time()
       AND NOT EXISTS (SELECT 1 FROM net._http_response resp WHERE resp.id = q.request_id)
       AND NOT EXISTS (SELECT 1 FROM net.http_request_queue hq WHERE hq.id = q.request_id);
    SELECT replication.collect_without_planted_defect();
$$;
COMMENT ON FUNCTION replication.collect() IS
    'PLANTED DEFECT (chaos tests only): drops in-flight items whose request died with a restart, breaking SND-AUDIT-01';
