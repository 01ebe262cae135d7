-- Repeatable: re-applied whenever this file changes. The functions and workers of the pg_net stand-in.
--
-- Faithful to pg_net 0.20 where the trigger schema can tell:
--   * a request is sent only after the caller's transaction commits; never retried;
--   * the worker serves only the database named by pg_net.database_name (default 'postgres'): in any
--     other database requests stay queued and nothing errors, as with pg_net;
--   * it paces as pg_net's worker: one pass of up to pg_net.batch_size (200) requests, sent
--     concurrently, whose outcomes appear together when the slowest request ends, with a wait of
--     1 s before every pass; so its ceiling is about batch_size requests per second;
--   * net._http_response.created is when the pass started, not when the answer came;
--   * requests carry User-Agent: pg_net/0.20.0; a timeout's error text is
--     'Timeout of <n> ms reached. Total time: <t> ms';
--   * responses are kept for pg_net.ttl (default '6 hours').
--   * pg_net.batch_size and pg_net.ttl are read where pg_net 0.20 reads them: server-wide settings
--     (ALTER SYSTEM, reload), taken up when net.worker_restart() restarts the worker.
-- Where it differs (documented in pg-image/README.md): a pass is sent by standin_workers (4)
-- senders, each sending one request at a time through pgsql-http, where pg_net sends the whole pass
-- at once through libcurl's multi interface; a pass of 1000 takes about a second here.

-- Internal functions of earlier kits whose arguments changed.
DROP FUNCTION IF EXISTS net._compat_send(net.http_request_queue);
DROP FUNCTION IF EXISTS net._compat_send(net.http_request_queue, timestamptz);

-- url plus the query parameters, URL-encoded.
CREATE OR REPLACE FUNCTION net._url_with_params(url text, params jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN params IS NULL OR params = '{}'::jsonb THEN url
        ELSE url || CASE WHEN position('?' IN url) > 0 THEN '&' ELSE '?' END
                 || pgnet_compat_http.urlencode(params)
    END
$$;
COMMENT ON FUNCTION net._url_with_params(text, jsonb) IS
    'pg_net stand-in: the URL with its query parameters, as net.http_get / net.http_post build it';

CREATE OR REPLACE FUNCTION net._check_request(url text, headers jsonb, timeout_milliseconds integer) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF url IS NULL OR url !~* '^https?://' THEN
        RAISE EXCEPTION 'URL must start with http:// or https://, got %', url;
    END IF;
    IF headers IS NOT NULL AND jsonb_typeof(headers) <> 'object' THEN
        RAISE EXCEPTION 'headers must be a JSON object';
    END IF;
    IF timeout_milliseconds IS NULL OR timeout_milliseconds <= 0 THEN
        RAISE EXCEPTION 'timeout_milliseconds must be positive';
    END IF;
END
$$;
COMMENT ON FUNCTION net._check_request(text, jsonb, integer) IS
    'pg_net stand-in: refuses a request pg_net would refuse (not http(s), headers not an object, no timeout)';

CREATE OR REPLACE FUNCTION net.http_get(
    url text,
    params jsonb DEFAULT '{}'::jsonb,
    headers jsonb DEFAULT '{}'::jsonb,
    timeout_milliseconds integer DEFAULT 5000
) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    request_id bigint;
BEGIN
    PERFORM net._check_request(url, headers, timeout_milliseconds);
    INSERT INTO net.http_request_queue (method, url, headers, body, timeout_milliseconds)
    VALUES ('GET', net._url_with_params(url, params), coalesce(headers, '{}'::jsonb), NULL, timeout_milliseconds)
    RETURNING id INTO request_id;
    RETURN request_id;
END
$$;
COMMENT ON FUNCTION net.http_get(text, jsonb, jsonb, integer) IS
    'pg_net 0.20 API (stand-in): queues a GET, sent after the caller commits; returns the request id';

CREATE OR REPLACE FUNCTION net.http_post(
    url text,
    body jsonb DEFAULT '{}'::jsonb,
    params jsonb DEFAULT '{}'::jsonb,
    headers jsonb DEFAULT '{"Content-Type": "application/json"}'::jsonb,
    timeout_milliseconds integer DEFAULT 5000
) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    request_id bigint;
    content_type text;
BEGIN
    PERFORM net._check_request(url, headers, timeout_milliseconds);
    SELECT h.value INTO content_type
      FROM jsonb_each_text(coalesce(headers, '{}'::jsonb)) h
     WHERE lower(h.key) = 'content-type'
     LIMIT 1;
    -- As pg_net: a missing Content-Type is added, any other than JSON is refused.
    IF content_type IS NULL THEN
        headers := coalesce(headers, '{}'::jsonb) || '{"Content-Type": "application/json"}'::jsonb;
    ELSIF content_type <> 'application/json' THEN
        RAISE EXCEPTION 'Content-Type header must be "application/json"';
    END IF;
    INSERT INTO net.http_request_queue (method, url, headers, body, timeout_milliseconds)
    VALUES ('POST', net._url_with_params(url, params), headers, convert_to(body::text, 'UTF8'), timeout_milliseconds)
    RETURNING id INTO request_id;
    RETURN request_id;
END
$$;
COMMENT ON FUNCTION net.http_post(text, jsonb, jsonb, jsonb, integer) IS
    'pg_net 0.20 API (stand-in): queues a JSON POST, sent after the caller commits; returns the request id';

-- Sends one request; returns its outcome as the row pg_net would store (status and body, or
-- timed_out / error_msg). created is when the pass started (as pg_net: when its worker started the batch).
CREATE OR REPLACE FUNCTION net._compat_send(req net.http_request_queue, started timestamptz)
RETURNS net._http_response
LANGUAGE plpgsql AS $$
DECLARE
    content_type text;
    header_list pgnet_compat_http.http_header[];
    resp pgnet_compat_http.http_response;
    sent_at timestamptz := clock_timestamp();
    outcome net._http_response;
BEGIN
    SELECT h.value INTO content_type FROM jsonb_each_text(req.headers) h WHERE lower(h.key) = 'content-type' LIMIT 1;
    SELECT coalesce(array_agg(pgnet_compat_http.http_header(h.key, h.value)), '{}')
      INTO header_list
      FROM jsonb_each_text(req.headers) h
     WHERE lower(h.key) <> 'content-type';
    IF NOT EXISTS (SELECT 1 FROM jsonb_object_keys(req.headers) k WHERE lower(k) = 'user-agent') THEN
        header_list := header_list || pgnet_compat_http.http_header('User-Agent', 'pg_net/0.20.0');
    END IF;
    PERFORM pgnet_compat_http.http_set_curlopt('CURLOPT_TIMEOUT_MS', req.timeout_milliseconds::text);
    BEGIN
        resp := pgnet_compat_http.http((
            upper(req.method), req.url, header_list, content_type,
            CASE WHEN req.body IS NULL THEN NULL ELSE convert_from(req.body, 'UTF8') END
        )::pgnet_compat_http.http_request);
        outcome := ROW(req.id, resp.status, resp.content_type,
                       (SELECT jsonb_object_agg(h.field, h.value) FROM unnest(resp.headers) h),
                       resp.content, false, NULL, started)::net._http_response;
    EXCEPTION WHEN OTHERS THEN
        outcome := ROW(req.id, NULL, NULL, NULL, NULL, SQLERRM ~* 'timed out|timeout',
                       CASE WHEN SQLERRM ~* 'timed out|timeout'
                            THEN format('Timeout of %s ms reached. Total time: %s ms', req.timeout_milliseconds,
                                        round(extract(epoch FROM clock_timestamp() - sent_at) * 1000, 3))
                            ELSE SQLERRM END,
                       started)::net._http_response;
    END;
    RETURN outcome;
END
$$;
COMMENT ON FUNCTION net._compat_send(net.http_request_queue, timestamptz) IS
    'pg_net stand-in: sends one request through pgsql-http and returns the outcome pg_net would store';

-- pg_net.batch_size as pg_net's worker reads it (server-wide; 200 when unset or not a positive number).
CREATE OR REPLACE FUNCTION net._compat_batch_size() RETURNS integer
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN s ~ '^\s*[0-9]{1,9}\s*$' AND s::integer > 0 THEN s::integer ELSE 200 END
      FROM coalesce(current_setting('pg_net.batch_size', true), '') AS s
$$;
COMMENT ON FUNCTION net._compat_batch_size() IS
    'pg_net stand-in: pg_net.batch_size, the requests per pass (default 200)';

-- The coordinator, pg_net's worker loop: for about run_seconds, claims a pass of up to
-- pg_net.batch_size queued requests (oldest first), waits until the senders have an outcome for
-- every one, then in one transaction stores the outcomes in net._http_response and removes the
-- requests from the queue, so a request is always either queued or answered, never neither (which
-- the trigger schema would count as lost), and a pass's outcomes appear together when its slowest
-- request ends. Before every pass it waits 1 s, as pg_net's loop waits on its latch for up to 1 s
-- (busy or idle: a request committed to an idle worker waits up to 1 s too).
-- A pass left by a coordinator that was stopped is finished first. Like pg_net's worker, it serves
-- only the database pg_net.database_name names, and deletes responses older than pg_net.ttl.
-- pg_cron starts it every second; an advisory lock keeps it single.
CREATE OR REPLACE PROCEDURE net._compat_coordinator(run_seconds numeric DEFAULT 30)
LANGUAGE plpgsql AS $$
DECLARE
    deadline timestamptz := clock_timestamp() + make_interval(secs => run_seconds::double precision);
    ttl interval := coalesce(nullif(current_setting('pg_net.ttl', true), '')::interval, interval '6 hours');
    served text := coalesce(nullif(current_setting('pg_net.database_name', true), ''), 'postgres');
    batch integer := net._compat_batch_size();
    claimed integer;
BEGIN
    IF served <> current_database() THEN
        RETURN; -- as pg_net: its worker is connected to another database and never sees these requests
    END IF;
    IF NOT pg_try_advisory_lock(hashtext('pgnet-compat-coordinator')) THEN
        RETURN;
    END IF;
    DELETE FROM net._http_response WHERE created < clock_timestamp() - ttl;
    COMMIT;
    WHILE clock_timestamp() < deadline LOOP
        SELECT count(*) INTO claimed FROM net._compat_pass;
        IF claimed = 0 THEN
            -- As pg_net's loop: a wait of up to 1 s before every pass (its latch), busy or idle.
            PERFORM pg_sleep(1);
            INSERT INTO net._compat_pass (request_id, pass_started)
            SELECT q.id, clock_timestamp() FROM net.http_request_queue q ORDER BY q.id LIMIT batch;
            GET DIAGNOSTICS claimed = ROW_COUNT;
            COMMIT;
        END IF;
        CONTINUE WHEN claimed = 0;
        -- The pass ends when its slowest request does.
        WHILE EXISTS (SELECT 1 FROM net._compat_pass WHERE NOT sent) LOOP
            COMMIT;
            PERFORM pg_sleep(0.01);
        END LOOP;
        INSERT INTO net._http_response (id, status_code, content_type, headers, content, timed_out, error_msg, created)
        SELECT (p.response).id, (p.response).status_code, (p.response).content_type, (p.response).headers,
               (p.response).content, (p.response).timed_out, (p.response).error_msg, (p.response).created
          FROM net._compat_pass p;
        DELETE FROM net.http_request_queue q USING net._compat_pass p WHERE q.id = p.request_id;
        DELETE FROM net._compat_pass;
        COMMIT;
    END LOOP;
    PERFORM pg_advisory_unlock(hashtext('pgnet-compat-coordinator'));
END
$$;
COMMENT ON PROCEDURE net._compat_coordinator(numeric) IS
    'pg_net stand-in: pg_net''s worker loop: a pass of up to pg_net.batch_size requests, outcomes stored together when '
    'the slowest ends, then a 1 s wait';

-- One sender: for about run_seconds, takes a request of the current pass that no other sender holds,
-- sends it and parks its outcome for the coordinator, one at a time. A sender that dies mid-send
-- leaves its request unsent for another. pg_cron starts it every second; standin_workers of them
-- run side by side, so that many requests of a pass are in flight at once.
CREATE OR REPLACE PROCEDURE net._compat_worker(run_seconds numeric DEFAULT 30)
LANGUAGE plpgsql AS $$
DECLARE
    deadline timestamptz := clock_timestamp() + make_interval(secs => run_seconds::double precision);
    served text := coalesce(nullif(current_setting('pg_net.database_name', true), ''), 'postgres');
    item net._compat_pass;
    req net.http_request_queue;
BEGIN
    IF served <> current_database() THEN
        RETURN;
    END IF;
    WHILE clock_timestamp() < deadline LOOP
        SELECT * INTO item FROM net._compat_pass WHERE NOT sent ORDER BY request_id LIMIT 1 FOR UPDATE SKIP LOCKED;
        IF NOT FOUND THEN
            COMMIT;
            PERFORM pg_sleep(0.01);
            CONTINUE;
        END IF;
        SELECT * INTO req FROM net.http_request_queue WHERE id = item.request_id;
        UPDATE net._compat_pass
           SET sent = true,
               response = CASE WHEN req.id IS NULL
                               THEN ROW(item.request_id, NULL, NULL, NULL, NULL, false,
                                        'request no longer queued', item.pass_started)::net._http_response
                               ELSE net._compat_send(req, item.pass_started) END
         WHERE request_id = item.request_id;
        COMMIT;
    END LOOP;
END
$$;
COMMENT ON PROCEDURE net._compat_worker(numeric) IS
    'pg_net stand-in: one sender of the current pass, one request at a time, for about run_seconds';

-- As pg_net's net.worker_restart(): the worker stops and starts again, reading the server's settings
-- anew (pg_net.batch_size, pg_net.ttl). Here: the coordinator is stopped; pg_cron starts it again
-- within a second, and it first finishes the pass it left.
CREATE OR REPLACE FUNCTION net.worker_restart() RETURNS boolean
LANGUAGE sql VOLATILE AS $$
    SELECT coalesce(bool_or(pg_terminate_backend(a.pid)), true)
      FROM pg_stat_activity a
     WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
       AND a.query LIKE 'CALL net.\_compat\_coordinator(%'
$$;
COMMENT ON FUNCTION net.worker_restart() IS
    'pg_net 0.20 API (stand-in): restarts the worker, which reads pg_net.batch_size and pg_net.ttl again';

-- n senders, each a pg_cron job started every second (pgnet-compat-worker-1..n); others unscheduled.
CREATE OR REPLACE FUNCTION net._compat_set_workers(n integer) RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
    IF n IS NULL OR n < 1 OR n > 32 THEN
        RAISE EXCEPTION 'the stand-in needs 1 to 32 workers, got %', n USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Only the jobs that are missing: any change makes pg_cron reload every job.
    PERFORM cron.schedule('pgnet-compat-worker-' || w, '1 seconds', 'CALL net._compat_worker(30)')
       FROM generate_series(1, n) AS w
      WHERE NOT EXISTS (SELECT 1 FROM cron.job j WHERE j.jobname = 'pgnet-compat-worker-' || w
                           AND j.schedule = '1 seconds' AND j.command = 'CALL net._compat_worker(30)');
    PERFORM cron.unschedule(j.jobname)
       FROM cron.job j
      WHERE j.jobname LIKE 'pgnet-compat-worker-%'
        AND substr(j.jobname, length('pgnet-compat-worker-') + 1)::integer > n;
    IF NOT EXISTS (SELECT 1 FROM cron.job j WHERE j.jobname = 'pgnet-compat-coordinator'
                      AND j.schedule = '1 seconds' AND j.command = 'CALL net._compat_coordinator(30)') THEN
        PERFORM cron.schedule('pgnet-compat-coordinator', '1 seconds', 'CALL net._compat_coordinator(30)');
    END IF;
    RETURN n;
END
$$;
COMMENT ON FUNCTION net._compat_set_workers(integer) IS
    'pg_net stand-in: runs the coordinator and n senders (1 to 32), each a pg_cron job';

-- Four senders unless a number was chosen before.
SELECT net._compat_set_workers(coalesce(
    nullif((SELECT count(*)::integer FROM cron.job WHERE jobname LIKE 'pgnet-compat-worker-%'), 0), 4));
