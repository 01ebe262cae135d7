-- Repeatable: re-applied whenever this file changes. Delivery: a dispatcher that hands due items to
-- pg_net (net.http_post) and a collector that reads pg_net's responses (net._http_response) and
-- decides success, retry or failure. pg_net itself never retries; the retry promise of the spec
-- (3 retries after 5, 10 and 20 s) is kept here.
--
-- Ordering (SND-ORDER-01): per (instance, record) only the OLDEST open item (pending or in_flight) may
-- be sent. A newer snapshot waits until every older one is final (success or failed), so a retry of
-- an old version can never land after the new version, and every change is still delivered.
--
-- Times: completed_at, finished_at and last_sync_at are when the collector saw the outcome
-- (clock_timestamp()); pg_net's own net._http_response.created, the start of its worker's batch,
-- is kept beside them in response_created_at. The collector runs five times a second (job
-- replication-collect, replication.collect_for) as well as at the start of every dispatch tick.

-- Signatures of earlier kits, replaced below by ones with other arguments.
DROP FUNCTION IF EXISTS replication.record_outcome(bigint, integer, text, timestamptz);
DROP FUNCTION IF EXISTS replication.tick();
DROP FUNCTION IF EXISTS replication.dispatch();

-- The backoff before retry number n (1-based); past the end of the list the last value repeats.
CREATE OR REPLACE FUNCTION replication.backoff_for(retry integer, backoffs numeric[]) RETURNS interval
LANGUAGE sql IMMUTABLE AS $$
    SELECT make_interval(secs => backoffs[least(greatest(retry, 1), cardinality(backoffs))]::double precision)
$$;
COMMENT ON FUNCTION replication.backoff_for(integer, numeric[]) IS
    'SND-RETRY-01: the wait before retry n (5, 10, 20 s by default; the last value repeats)';

-- 2xx: success; 5xx, 408, timeout or connection error: retry while retries are left; anything else
-- (4xx, 3xx, 1xx): failed at once, repeating the same request cannot succeed.
CREATE OR REPLACE FUNCTION replication.is_retryable(status_code integer) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT status_code IS NULL OR status_code >= 500 OR status_code = 408
$$;
COMMENT ON FUNCTION replication.is_retryable(integer) IS
    'SND-RETRY-02: only a 5xx, a 408, a timeout or a connection error (NULL status) is retried; any other status fails at once';

-- Applies one attempt's outcome to its item, its attempt log row and its instance's counters.
CREATE OR REPLACE FUNCTION replication.record_outcome(
    item_id bigint, status_code integer, error text, response_created timestamptz DEFAULT NULL
) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    s    replication.settings;
    item replication.replication_queue;
    active boolean;
    outcome text;
    seen timestamptz := clock_timestamp();
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
           completed_at = CASE WHEN outcome IN ('success', 'failed') THEN seen END,
           response_created_at = record_outcome.response_created,
           updated_at = seen
     WHERE q.id = item_id;

    UPDATE replication.delivery_attempts a
       SET finished_at = seen,
           response_created_at = record_outcome.response_created,
           status_code = record_outcome.status_code,
           error = CASE WHEN outcome = 'success' THEN NULL ELSE record_outcome.error END
     WHERE a.queue_id = item_id AND a.request_id = item.request_id;

    -- success_count counts delivered items; error_count counts failed attempts (each 5xx, 4xx,
    -- timeout or connection error, retried or not); last_error is the latest failure's text and is
    -- cleared by the next success.
    IF outcome = 'success' THEN
        UPDATE replication.instances i
           SET success_count = i.success_count + 1, last_sync_at = seen, last_error = NULL, updated_at = seen
         WHERE i.instance_id = item.instance_id;
    ELSE
        UPDATE replication.instances i
           SET error_count = i.error_count + 1, last_error = error, updated_at = seen
         WHERE i.instance_id = item.instance_id;
    END IF;
    RETURN outcome;
END
$$;
COMMENT ON FUNCTION replication.record_outcome(bigint, integer, text, timestamptz) IS
    'SND-RETRY-01: an attempt''s outcome: success, pending again after the backoff, or failed after the last retry; '
    'SND-STAT-01: the instance''s success_count, error_count, last_sync_at and last_error follow it';

-- Reads pg_net's responses for every in-flight item and applies them in one statement (what
-- record_outcome does for one item, for all: one call per item took most of a busy tick); an item
-- whose response never came (lost by a crash or the response TTL) counts as a connection error once
-- timeout + grace have passed. Counters follow every outcome; an instance's last_error ends as the
-- text of its last outcome in queue order, or NULL when that one succeeded, as if applied one by one.
CREATE OR REPLACE FUNCTION replication.collect() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    s replication.settings;
    r record;
    n integer := 0;
BEGIN
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
COMMENT ON FUNCTION replication.collect() IS
    'SND-AUDIT-01: every in-flight item gets its outcome from net._http_response, and one whose request pg_net lost '
    '(a crash: SND-CRASH-01, SND-DELIV-01) counts as a connection error after timeout + grace and is retried; '
    'so no item stays in flight forever';

-- Sends every due item (at most max_items, and dispatch_batch_size) that is the oldest open item of
-- its (instance, record), in one statement
-- (a loop of statements per item took a second per 2000 items, which the lag pays for).
-- Backoff: a retry is due "backoff" after the start of the tick that sent the failed attempt
-- (last_attempt_at), and goes out with the first tick from then on; 100 ms of tolerance absorb
-- pg_cron's start-up jitter, so a 5 s backoff at a 5 s cadence goes out with the very next tick.
-- Each item is locked and re-checked before sending (FOR UPDATE re-reads a row changed since the
-- selection): an instance deactivated since then has failed its pending items, and those must stay
-- failed and unsent.
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
                               ELSE jsonb_build_object('Authorization', 'Bearer ' || i.auth_token) END
                       || replication.signature_headers(l.instance_id, l.id, l.payload),   -- SND-SIG-01, R__07
                   timeout_milliseconds := s.timeout_ms) AS rid
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
COMMENT ON FUNCTION replication.dispatch(integer) IS
    'SND-HDR-01: each due item goes to net.http_post with Content-Type, X-Sync-Event-Type, X-Sync-Table, '
    'X-Sync-Record-Id (and Authorization: Bearer), the row as JSON, and timeout_ms as its timeout (SND-TIME-01); '
    'SND-ORDER-01: only the oldest open item of an (instance, record) is sent';

-- One cadence tick, run by pg_cron: first collect the outcomes, then send what is due (dispatch =>
-- false: collect only, as replication.collect_for does between ticks). An advisory lock keeps
-- two ticks (cron and a manual call) from interleaving: a dispatch tick waits for it, a collector
-- pass that finds it taken is skipped (the tick collects anyway).
CREATE OR REPLACE FUNCTION replication.tick(dispatch boolean DEFAULT true) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
    collected integer;
    sent integer := 0;
    started timestamptz := clock_timestamp();
BEGIN
    IF tick.dispatch THEN
        -- A dispatch tick waits for a collector pass (a few milliseconds) rather than skip a cadence.
        PERFORM pg_advisory_xact_lock(hashtext('replication.tick'));
    ELSIF NOT pg_try_advisory_xact_lock(hashtext('replication.tick')) THEN
        RETURN jsonb_build_object('skipped', true);
    END IF;
    collected := replication.collect();
    IF tick.dispatch THEN
        sent := replication.dispatch();
    END IF;
    RETURN jsonb_build_object('collected', collected, 'sent', sent,
                              'ms', round(extract(epoch FROM clock_timestamp() - started) * 1000));
END
$$;
COMMENT ON FUNCTION replication.tick(boolean) IS
    'SND-CAD-01: every cadence (5 s) pg_cron collects the outcomes and sends every due change';

-- The collector between ticks: pg_cron starts it every second (job replication-collect); it collects
-- every every_seconds for about run_seconds, each pass in a transaction of its own, so an outcome is
-- recorded within a fraction of a second of pg_net storing it.
CREATE OR REPLACE PROCEDURE replication.collect_for(run_seconds numeric DEFAULT 0.8, every_seconds numeric DEFAULT 0.2)
LANGUAGE plpgsql AS $$
DECLARE
    deadline timestamptz := clock_timestamp() + make_interval(secs => run_seconds::double precision);
BEGIN
    LOOP
        PERFORM replication.tick(dispatch => false);
        COMMIT;
        EXIT WHEN clock_timestamp() + make_interval(secs => every_seconds::double precision) > deadline;
        PERFORM pg_sleep(every_seconds::double precision);
    END LOOP;
END
$$;
COMMENT ON PROCEDURE replication.collect_for(numeric, numeric) IS
    'SND-STAT-01: outcomes (and the counters that follow them) are recorded within a fraction of a second of the answer';

-- The cadence tick as pg_cron runs it (job replication-dispatch): collect, then send in chunks of
-- `chunk` items, each committed at once, so pg_net (which sends only what is committed) starts on the
-- first chunk while the next is prepared; a tick of thousands of items no longer holds them all back
-- until its end. At most dispatch_batch_size items per tick, as tick() does in one transaction.
CREATE OR REPLACE PROCEDURE replication.run_tick(chunk integer DEFAULT 500)
LANGUAGE plpgsql AS $$
DECLARE
    budget integer;
    sent integer;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('replication.tick'));
    PERFORM replication.collect();
    SELECT s.dispatch_batch_size INTO budget FROM replication.settings s;
    COMMIT;
    LOOP
        PERFORM pg_advisory_xact_lock(hashtext('replication.tick'));
        sent := replication.dispatch(least(chunk, budget));
        budget := budget - sent;
        COMMIT;
        EXIT WHEN sent < least(chunk, budget + sent) OR budget <= 0;
    END LOOP;
END
$$;
COMMENT ON PROCEDURE replication.run_tick(integer) IS
    'SND-CAD-01: every cadence (5 s) pg_cron collects the outcomes and sends every due change, committed in chunks '
    'so that pg_net starts sending at once';
