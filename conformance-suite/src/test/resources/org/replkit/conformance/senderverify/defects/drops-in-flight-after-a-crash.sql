-- A broken sender for kit verify-sender's self-test (never applied outside its tests): it drops the items
-- whose requests were in flight when the server crashed.
-- A copy of the function in pg-image/sql/R__02_delivery.sql with the planted defect marked.
CREATE OR REPLACE FUNCTION replication.collect() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    s replication.settings;
    r record;
    n integer := 0;
BEGIN
    -- PLANTED DEFECT: after a restart, an item whose request died with the server (neither queued
    -- nor answered) is deleted instead of being retried: the change is dropped.
    DELETE FROM replication.replication_queue q
     WHERE q.status = 'in_flight'
       AND q.last_attempt_at < pg_postmaster_start_time()
       AND NOT EXISTS (SELECT 1 FROM net._http_response resp WHERE resp.id = q.request_id)
       AND NOT EXISTS (SELECT 1 FROM net.http_request_queue hq WHERE hq.id = q.request_id);
    SELECT * INTO s FROM replication.settings;
    WITH got AS (
        SELECT q.id, q.instance_id, q.attempts, q.last_attempt_at, q.request_id, resp.status_code, resp.created,
               clock_timestamp() AS seen,
               CASE
                   WHEN resp.status_code IS NULL AND resp.timed_out THEN coalesce('timeout: ' || resp.error_msg, 'timeout')
                   WHEN resp.status_code IS NULL THEN coalesce(resp.error_msg, 'request failed without a response')
                   WHEN resp.status_code BETWEEN 200 AND 299 THEN NULL
                   ELSE 'HTTP ' || resp.status_code || coalesce(': ' || left(resp.content, 300), '')
               END AS error
          FROM replication.replication_queue q
          JOIN net._http_response resp ON resp.id = q.request_id
         WHERE q.status = 'in_flight'
         ORDER BY q.id
           FOR UPDATE OF q
    ), decided AS (
        SELECT g.*, i.is_active,
               CASE
                   WHEN g.status_code BETWEEN 200 AND 299 THEN 'success'
                   WHEN replication.is_retryable(g.status_code) AND g.attempts <= s.max_retries AND i.is_active THEN 'pending'
                   ELSE 'failed'
               END AS outcome
          FROM got g
          JOIN replication.instances i ON i.instance_id = g.instance_id
    ), outcomes AS (
        SELECT d.*,
               CASE WHEN d.outcome = 'success' THEN NULL
                    ELSE coalesce(d.error, 'no error text')
                         || CASE WHEN d.outcome = 'failed' AND NOT d.is_active AND replication.is_retryable(d.status_code)
                                 THEN ' (instance deactivated, not retried)' ELSE '' END
               END AS final_error
          FROM decided d
    ), items AS (
        UPDATE replication.replication_queue q
           SET status = o.outcome,
               last_status_code = o.status_code,
               last_error = o.final_error,
               next_attempt_at = CASE WHEN o.outcome = 'pending'
                                      THEN o.last_attempt_at + replication.backoff_for(o.attempts, s.backoff_seconds)
                                      ELSE q.next_attempt_at END,
               completed_at = CASE WHEN o.outcome IN ('success', 'failed') THEN o.seen END,
               response_created_at = o.created,
               updated_at = o.seen
          FROM outcomes o
         WHERE q.id = o.id
        RETURNING q.id
    ), attempts AS (
        UPDATE replication.delivery_attempts a
           SET finished_at = o.seen, response_created_at = o.created, status_code = o.status_code,
               error = o.final_error
          FROM outcomes o
         WHERE a.queue_id = o.id AND a.request_id = o.request_id
        RETURNING a.id
    ), per_instance AS (
        SELECT o.instance_id,
               count(*) FILTER (WHERE o.outcome = 'success') AS delivered,
               count(*) FILTER (WHERE o.outcome <> 'success') AS errors,
               (array_agg(o.outcome ORDER BY o.id DESC))[1] AS last_outcome,
               (array_agg(o.final_error ORDER BY o.id DESC))[1] AS last_error,
               max(o.seen) FILTER (WHERE o.outcome = 'success') AS last_success
          FROM outcomes o
         GROUP BY o.instance_id
    ), counters AS (
        UPDATE replication.instances i
           SET success_count = i.success_count + p.delivered,
               error_count = i.error_count + p.errors,
               last_sync_at = coalesce(p.last_success, i.last_sync_at),
               last_error = CASE WHEN p.last_outcome = 'success' THEN NULL ELSE p.last_error END,
               updated_at = clock_timestamp()
          FROM per_instance p
         WHERE i.instance_id = p.instance_id
        RETURNING i.instance_id
    )
    SELECT count(*) INTO n FROM items;

    FOR r IN
        SELECT q.id
          FROM replication.replication_queue q
         WHERE q.status = 'in_flight'
           AND q.last_attempt_at < clock_timestamp()
                 - make_interval(secs => s.timeout_ms / 1000.0 + s.lost_grace_seconds)
           AND NOT EXISTS (SELECT 1 FROM net._http_response resp WHERE resp.id = q.request_id)
           AND NOT EXISTS (SELECT 1 FROM net.http_request_queue hq WHERE hq.id = q.request_id)
    LOOP
        PERFORM replication.record_outcome(r.id, NULL, 'no response recorded by pg_net (request lost)');
        n := n + 1;
    END LOOP;
    RETURN n;
END
$$;
