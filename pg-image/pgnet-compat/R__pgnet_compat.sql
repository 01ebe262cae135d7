-- Repeatable: re-applied whenever this file changes. The functions and workers of the pg_net stand-in.
--
-- Faithful to pg_net 0.20 where the trigger schema can tell:
--   * a request is sent only after the caller's transaction commits; never retried;
--   * the worker serves only the database named by pg_net.database_name (default 'postgres'): in any
--     other database requests stay queued and nothing errors, as with pg_net;
--   * net._http_response.created is when the worker started the request (pg_net: its batch), not
--     when the answer came;
--   * requests carry User-Agent: pg_net/0.20.0; a timeout's error text is
--     'Timeout of <n> ms reached. Total time: <t> ms';
--   * responses are kept for pg_net.ttl (default '6 hours').
-- Where it differs (documented in pg-image/README.md): it sends one request at a time per worker,
-- with several workers (standin_workers, 4 by default), where pg_net sends pg_net.batch_size
-- requests concurrently and commits the batch when its slowest request ends; so here a slow
-- receiver never delays the recorded outcome of a fast one.

-- Internal functions of earlier kits whose arguments changed.
DROP FUNCTION IF EXISTS net._compat_send(net.http_request_queue);

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

-- Sends one request and stores its outcome: status and body, or timed_out / error_msg. created is
-- when the request was started (pg_net: when its worker started the batch).
CREATE OR REPLACE FUNCTION net._compat_send(req net.http_request_queue, started timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    content_type text;
    header_list pgnet_compat_http.http_header[];
    resp pgnet_compat_http.http_response;
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
        INSERT INTO net._http_response (id, status_code, content_type, headers, content, timed_out, error_msg, created)
        VALUES (req.id, resp.status, resp.content_type,
                (SELECT jsonb_object_agg(h.field, h.value) FROM unnest(resp.headers) h),
                resp.content, false, NULL, started);
    EXCEPTION WHEN OTHERS THEN
        INSERT INTO net._http_response (id, status_code, content_type, headers, content, timed_out, error_msg, created)
        VALUES (req.id, NULL, NULL, NULL, NULL, SQLERRM ~* 'timed out|timeout',
                CASE WHEN SQLERRM ~* 'timed out|timeout'
                     THEN format('Timeout of %s ms reached. Total time: %s ms', req.timeout_milliseconds,
                                 round(extract(epoch FROM clock_timestamp() - started) * 1000, 3))
                     ELSE SQLERRM END,
                started);
    END;
END
$$;
COMMENT ON FUNCTION net._compat_send(net.http_request_queue, timestamptz) IS
    'pg_net stand-in: sends one request through pgsql-http and stores its outcome in net._http_response';

-- One worker: for about run_seconds, takes the oldest queued request that no other worker holds,
-- sends it, stores its outcome and removes it from the queue in one transaction, then takes the
-- next. Until that commit the request stays visible in the queue, so the sender never sees it as
-- neither queued nor answered (which it would count as lost), and a worker that dies mid-send leaves
-- it queued for another. One request at a time (where pg_net sends a batch concurrently) means a
-- request waits only for a free worker, never behind a slow request taken with it. Deletes responses
-- older than pg_net.ttl. Like pg_net's worker, it serves only the database pg_net.database_name
-- names. pg_cron starts it again every second; a run still going is not started twice.
CREATE OR REPLACE PROCEDURE net._compat_worker(run_seconds numeric DEFAULT 30)
LANGUAGE plpgsql AS $$
DECLARE
    deadline timestamptz := clock_timestamp() + make_interval(secs => run_seconds::double precision);
    ttl interval := coalesce(nullif(current_setting('pg_net.ttl', true), '')::interval, interval '6 hours');
    served text := coalesce(nullif(current_setting('pg_net.database_name', true), ''), 'postgres');
    req net.http_request_queue;
    started timestamptz;
BEGIN
    IF served <> current_database() THEN
        RETURN; -- as pg_net: its worker is connected to another database and never sees these requests
    END IF;
    DELETE FROM net._http_response WHERE created < clock_timestamp() - ttl;
    COMMIT;
    WHILE clock_timestamp() < deadline LOOP
        SELECT * INTO req FROM net.http_request_queue ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED;
        IF NOT FOUND THEN
            COMMIT;
            PERFORM pg_sleep(0.05);
            CONTINUE;
        END IF;
        started := clock_timestamp();
        PERFORM net._compat_send(req, started);
        DELETE FROM net.http_request_queue WHERE id = req.id;
        COMMIT;
    END LOOP;
END
$$;
COMMENT ON PROCEDURE net._compat_worker(numeric) IS
    'pg_net stand-in: one worker, sending queued requests one at a time for about run_seconds';

-- n workers, each a pg_cron job started every second (pgnet-compat-worker-1..n); others unscheduled.
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
    RETURN n;
END
$$;
COMMENT ON FUNCTION net._compat_set_workers(integer) IS
    'pg_net stand-in: runs n workers (1 to 32), each a pg_cron job';

-- Four workers unless a number was chosen before, so that one slow receiver does not hold up every
-- other delivery.
SELECT net._compat_set_workers(coalesce(
    nullif((SELECT count(*)::integer FROM cron.job WHERE jobname LIKE 'pgnet-compat-worker-%'), 0), 4));
