-- Delivery: a dispatcher that hands due items to pg_net (net.http_post) and a collector that reads
-- pg_net's responses (net._http_response) and decides success, retry or failure. pg_net itself never
-- retries; the retry promise of the spec (3 retries after 5, 10 and 20 s) is kept here.
--
-- Ordering (SND-ORDER-01): per (instance, record) only the OLDEST open item (pending or in_flight) may
-- be sent. A newer snapshot waits until every older one is final (success or failed), so a retry of
-- an old version can never land after the new version, and every change is still delivered.

-- The backoff before retry number n (1-based); past the end of the list the last value repeats.
CREATE FUNCTION replication.backoff_for(retry integer, backoffs numeric[]) RETURNS interval
LANGUAGE sql IMMUTABLE AS $$
    SELECT make_interval(secs => backoffs[least(greatest(retry, 1), cardinality(backoffs))]::double precision)
$$;

-- 2xx: success; 5xx, 408, timeout or connection error: retry while retries are left; anything else
-- (4xx, 3xx, 1xx): failed at once, repeating the same request cannot succeed.
CREATE FUNCTION replication.is_retryable(status_code integer) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT status_code IS NULL OR status_code >= 500 OR status_code = 408
$$;

-- Applies one attempt's outcome to its item, its attempt log row and its instance's counters.
CREATE FUNCTION replication.record_outcome(
    item_id bigint, status_code integer, error text, finished_at timestamptz
) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    s    replication.settings;
    item replication.replication_queue;
    active boolean;
    outcome text;
BEGIN
    SELECT * INTO s FROM replication.settings;
    SELECT * INTO item FROM replication.replication_queue WHERE id = item_id FOR UPDATE;
    IF item.status IS DISTINCT FROM 'in_flight' THEN
        RETURN NULL;
    END IF;
    SELECT i.is_active INTO active FROM replication.instances i WHERE i.instance_id = item.instance_id;

    IF status_code BETWEEN 200 AND 299 THEN
        outcome := 'success';
    ELSIF replication.is_retryable(status_code) AND item.attempts <= s.max_retries AND active THEN
        outcome := 'pending';
    ELSE
        outcome := 'failed';
    END IF;
    IF outcome <> 'success' AND error IS NULL THEN
        error := 'no error text';
    END IF;
    IF outcome = 'failed' AND NOT active AND replication.is_retryable(status_code) THEN
        error := error || ' (instance deactivated, not retried)';
    END IF;

    UPDATE replication.replication_queue q
       SET status = outcome,
           last_status_code = record_outcome.status_code,
           last_error = CASE WHEN outcome = 'success' THEN NULL ELSE error END,
           next_attempt_at = CASE WHEN outcome = 'pending'
                                  THEN item.last_attempt_at + replication.backoff_for(item.attempts, s.backoff_seconds)
                                  ELSE q.next_attempt_at END,
           completed_at = CASE WHEN outcome IN ('success', 'failed') THEN finished_at END,
           updated_at = clock_timestamp()
     WHERE q.id = item_id;

    UPDATE replication.delivery_attempts a
       SET finished_at = record_outcome.finished_at,
           status_code = record_outcome.status_code,
           error = CASE WHEN outcome = 'success' THEN NULL ELSE record_outcome.error END
     WHERE a.queue_id = item_id AND a.request_id = item.request_id;

    -- success_count counts delivered items; error_count counts failed attempts (each 5xx, 4xx,
    -- timeout or connection error, retried or not); last_error is the latest failure's text and is
    -- cleared by the next success.
    IF outcome = 'success' THEN
        UPDATE replication.instances i
           SET success_count = i.success_count + 1, last_sync_at = finished_at, last_error = NULL,
               updated_at = clock_timestamp()
         WHERE i.instance_id = item.instance_id;
    ELSE
        UPDATE replication.instances i
           SET error_count = i.error_count + 1, last_error = error, updated_at = clock_timestamp()
         WHERE i.instance_id = item.instance_id;
    END IF;
    RETURN outcome;
END
$$;

-- Reads pg_net's responses for every in-flight item; an item whose response never came (lost by a
-- crash or the response TTL) counts as a connection error once timeout + grace have passed.
CREATE FUNCTION replication.collect() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    s replication.settings;
    r record;
    n integer := 0;
BEGIN
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

-- Sends every due item that is the oldest open item of its (instance, record).
-- Backoff: a retry is due "backoff" after the start of the tick that sent the failed attempt
-- (last_attempt_at), and goes out with the first tick from then on; 100 ms of tolerance absorb
-- pg_cron's start-up jitter, so a 5 s backoff at a 5 s cadence goes out with the very next tick.
-- Each item is locked and re-checked before sending: an instance deactivated since the selection
-- has failed its pending items, and those must stay failed and unsent.
CREATE FUNCTION replication.dispatch() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    s replication.settings;
    item record;
    headers jsonb;
    rid bigint;
    n integer := 0;
BEGIN
    SELECT * INTO s FROM replication.settings;
    IF NOT s.enabled THEN
        RETURN 0;
    END IF;
    FOR item IN
        SELECT q.id, q.attempts, q.event_type, q.table_name, q.record_id, q.payload, i.http_endpoint, i.auth_token
          FROM (SELECT DISTINCT ON (o.instance_id, o.record_id) o.*
                  FROM replication.replication_queue o
                 WHERE o.status IN ('pending', 'in_flight')
                 ORDER BY o.instance_id, o.record_id, o.id) q
          JOIN replication.instances i ON i.instance_id = q.instance_id
         WHERE q.status = 'pending' AND q.next_attempt_at <= now() + interval '100 milliseconds' AND i.is_active
         ORDER BY q.id
         LIMIT s.dispatch_batch_size
    LOOP
        PERFORM 1 FROM replication.replication_queue q WHERE q.id = item.id AND q.status = 'pending' FOR UPDATE;
        IF NOT FOUND THEN
            CONTINUE;
        END IF;
        headers := jsonb_build_object(
            'Content-Type', 'application/json',
            'X-Sync-Event-Type', item.event_type,
            'X-Sync-Table', item.table_name,
            'X-Sync-Record-Id', item.record_id::text);
        IF item.auth_token IS NOT NULL THEN
            headers := headers || jsonb_build_object('Authorization', 'Bearer ' || item.auth_token);
        END IF;
        rid := net.http_post(
            url := item.http_endpoint,
            body := item.payload,
            headers := headers,
            timeout_milliseconds := s.timeout_ms);
        UPDATE replication.replication_queue q
           SET status = 'in_flight', request_id = rid, attempts = q.attempts + 1,
               last_attempt_at = now(), updated_at = clock_timestamp()
         WHERE q.id = item.id;
        INSERT INTO replication.delivery_attempts (queue_id, attempt, request_id, sent_at)
        VALUES (item.id, item.attempts + 1, rid, clock_timestamp());
        n := n + 1;
    END LOOP;
    RETURN n;
END
$$;

-- One cadence tick, run by pg_cron: first collect the outcomes, then send what is due.
-- An advisory lock keeps two ticks (cron and a manual call) from interleaving.
CREATE FUNCTION replication.tick() RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
    collected integer;
    sent integer;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('replication.tick')) THEN
        RETURN jsonb_build_object('skipped', true);
    END IF;
    collected := replication.collect();
    sent := replication.dispatch();
    RETURN jsonb_build_object('collected', collected, 'sent', sent);
END
$$;

CREATE FUNCTION replication.get_settings() RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'enabled', s.enabled,
        'cadence_seconds', s.cadence_seconds,
        'timeout_ms', s.timeout_ms,
        'backoff_seconds', to_jsonb(s.backoff_seconds),
        'max_retries', s.max_retries,
        'dispatch_batch_size', s.dispatch_batch_size,
        'lost_grace_seconds', s.lost_grace_seconds)
      FROM replication.settings s
$$;

-- Changes the timing (NULL keeps a value) and reschedules the pg_cron job to the new cadence.
CREATE FUNCTION replication.configure(
    cadence_seconds integer DEFAULT NULL,
    timeout_ms integer DEFAULT NULL,
    backoff_seconds numeric[] DEFAULT NULL,
    max_retries integer DEFAULT NULL,
    enabled boolean DEFAULT NULL
) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
    cadence integer;
BEGIN
    UPDATE replication.settings s
       SET cadence_seconds = coalesce(configure.cadence_seconds, s.cadence_seconds),
           timeout_ms = coalesce(configure.timeout_ms, s.timeout_ms),
           backoff_seconds = coalesce(configure.backoff_seconds, s.backoff_seconds),
           max_retries = coalesce(configure.max_retries, s.max_retries),
           enabled = coalesce(configure.enabled, s.enabled)
    RETURNING s.cadence_seconds INTO cadence;
    PERFORM cron.schedule('replication-dispatch', cadence || ' seconds', 'SELECT replication.tick()');
    RETURN replication.get_settings();
END
$$;

SELECT replication.configure();

-- pg_cron logs every run; keep a day of it.
SELECT cron.schedule('replication-cron-log-cleanup', '17 * * * *',
    $$DELETE FROM cron.job_run_details WHERE end_time < now() - interval '1 day'$$);
