-- A sender that drops in-flight items on restart: the kit's own test of its checker (never applied
-- outside the chaos module's tests). replication.collect() as in pg-image/sql/0004_delivery.sql, with
-- the planted defect at the top.
CREATE OR REPLACE FUNCTION replication.collect() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    s replication.settings;
    r record;
    n integer := 0;
BEGIN
    -- PLANTED DEFECT: after a restart, an item whose request died with the server (neither queued
    -- nor answered) is simply deleted instead of being retried: the change is dropped.
    DELETE FROM replication.replication_queue q
     WHERE q.status = 'in_flight'
       AND q.last_attempt_at < pg_postmaster_start_time()
       AND NOT EXISTS (SELECT 1 FROM net._http_response resp WHERE resp.id = q.request_id)
       AND NOT EXISTS (SELECT 1 FROM net.http_request_queue hq WHERE hq.id = q.request_id);
    SELECT * INTO s FROM replication.settings;
    FOR r IN
        SELECT q.id, resp.status_code, resp.timed_out, resp.error_msg, resp.content, resp.created
          FROM replication.replication_queue q
          JOIN net._http_response resp ON resp.id = q.request_id
         WHERE q.status = 'in_flight'
         ORDER BY q.id
    LOOP
        PERFORM replication.record_outcome(
            r.id,
            r.status_code,
            CASE
                WHEN r.status_code IS NULL AND r.timed_out THEN coalesce('timeout: ' || r.error_msg, 'timeout')
                WHEN r.status_code IS NULL THEN coalesce(r.error_msg, 'request failed without a response')
                WHEN r.status_code BETWEEN 200 AND 299 THEN NULL
                ELSE 'HTTP ' || r.status_code || coalesce(': ' || left(r.content, 300), '')
            END,
            r.created);
        n := n + 1;
    END LOOP;

    FOR r IN
        SELECT q.id
          FROM replication.replication_queue q
         WHERE q.status = 'in_flight'
           AND q.last_attempt_at < clock_timestamp()
                 - make_interval(secs => s.timeout_ms / 1000.0 + s.lost_grace_seconds)
           AND NOT EXISTS (SELECT 1 FROM net._http_response resp WHERE resp.id = q.request_id)
           AND NOT EXISTS (SELECT 1 FROM net.http_request_queue hq WHERE hq.id = q.request_id)
    LOOP
        PERFORM replication.record_outcome(r.id, NULL, 'no response recorded by pg_net (request lost)', clock_timestamp());
        n := n + 1;
    END LOOP;
    RETURN n;
END
$$;
