-- A broken sender for kit verify-sender's self-test (never applied outside its tests): it waits ten minutes for an answer instead of its timeout.
-- A copy of the function in pg-image/sql/R__02_delivery.sql with the planted defect marked.
CREATE OR REPLACE FUNCTION replication.dispatch(max_items integer DEFAULT NULL) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    s replication.settings;
    n integer;
BEGIN
    SELECT * INTO s FROM replication.settings;
    IF NOT s.enabled THEN
        RETURN 0;
    END IF;
    WITH due AS (
        SELECT q.id
          FROM (SELECT DISTINCT ON (o.instance_id, o.record_id) o.id, o.status, o.next_attempt_at, o.instance_id
                  FROM replication.replication_queue o
                 WHERE o.status IN ('pending', 'in_flight')
                 ORDER BY o.instance_id, o.record_id, o.id) q
          JOIN replication.instances i ON i.instance_id = q.instance_id
         WHERE q.status = 'pending' AND q.next_attempt_at <= now() + interval '100 milliseconds' AND i.is_active
         ORDER BY q.id
         LIMIT least(s.dispatch_batch_size, coalesce(max_items, s.dispatch_batch_size))
    ), locked AS (
        SELECT q.id, q.attempts, q.event_type, q.table_name, q.record_id, q.payload, q.instance_id
          FROM replication.replication_queue q
          JOIN due ON due.id = q.id
         WHERE q.status = 'pending'
         ORDER BY q.id
           FOR UPDATE OF q
    ), sent AS (
        SELECT l.id, l.attempts,
               net.http_post(
                   url := i.http_endpoint,
                   body := l.payload,
                   headers := jsonb_build_object(
                       'Content-Type', 'application/json',
                       'X-Sync-Event-Type', l.event_type,
                       'X-Sync-Table', l.table_name,
                       'X-Sync-Record-Id', l.record_id::text)
                       || CASE WHEN i.auth_token IS NULL THEN '{}'::jsonb
                               ELSE jsonb_build_object('Authorization', 'Bearer ' || i.auth_token) END,
                   -- PLANTED DEFECT: no timeout (ten minutes instead of timeout_ms).
                   timeout_milliseconds := 600000) AS rid
          FROM locked l
          JOIN replication.instances i ON i.instance_id = l.instance_id
    ), marked AS (
        UPDATE replication.replication_queue q
           SET status = 'in_flight', request_id = sent.rid, attempts = q.attempts + 1,
               last_attempt_at = now(), updated_at = clock_timestamp()
          FROM sent
         WHERE q.id = sent.id
        RETURNING q.id, q.attempts, q.request_id
    )
    INSERT INTO replication.delivery_attempts (queue_id, attempt, request_id, sent_at)
    SELECT marked.id, marked.attempts, marked.request_id, clock_timestamp() FROM marked;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;
