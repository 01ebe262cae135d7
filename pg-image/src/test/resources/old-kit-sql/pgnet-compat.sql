-- A pg_net-compatible layer for servers where the pg_net extension cannot be installed.
--
-- It mirrors pg_net 0.20's public surface: schema net, net.http_post / net.http_get with the same
-- signatures and defaults, the unlogged tables net.http_request_queue and net._http_response with the
-- same columns, and the setting pg_net.ttl (default '6 hours'). As with pg_net,
-- a request is only queued by the caller; workers pick it up after the caller's transaction commits,
-- send it, and store the outcome in net._http_response, which keeps responses for pg_net.ttl.
-- Like pg_net, it never retries.
--
-- Differences from pg_net: requests are sent by pgsql-http (the http extension, synchronous libcurl)
-- from PL/pgSQL workers that pg_cron starts every second, instead of pg_net's C background worker
-- with libcurl's multi interface. Each worker polls the queue every 50 ms and sends one request at a
-- time; several workers run side by side.
--
-- Requires: pg_cron (CREATE EXTENSION pg_cron) and the http extension package (postgresql-17-http).

CREATE SCHEMA net;
CREATE SCHEMA pgnet_compat_http;
CREATE EXTENSION http WITH SCHEMA pgnet_compat_http;

CREATE DOMAIN net.http_method AS text
    CHECK (value ILIKE 'get' OR value ILIKE 'post' OR value ILIKE 'delete');

CREATE UNLOGGED TABLE net.http_request_queue (
    id                   bigserial NOT NULL,
    method               net.http_method NOT NULL,
    url                  text NOT NULL,
    headers              jsonb NOT NULL,
    body                 bytea,
    timeout_milliseconds integer NOT NULL
);
CREATE INDEX ON net.http_request_queue (id);

CREATE UNLOGGED TABLE net._http_response (
    id           bigint,
    status_code  integer,
    content_type text,
    headers      jsonb,
    content      text,
    timed_out    boolean,
    error_msg    text,
    created      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON net._http_response (created);
CREATE INDEX ON net._http_response (id);

-- url plus the query parameters, URL-encoded.
CREATE FUNCTION net._url_with_params(url text, params jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN params IS NULL OR params = '{}'::jsonb THEN url
        ELSE url || CASE WHEN position('?' IN url) > 0 THEN '&' ELSE '?' END
                 || pgnet_compat_http.urlencode(params)
    END
$$;

CREATE FUNCTION net._check_request(url text, headers jsonb, timeout_milliseconds integer) RETURNS void
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

CREATE FUNCTION net.http_get(
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

CREATE FUNCTION net.http_post(
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

-- Sends one request and stores its outcome: status and body, or timed_out / error_msg.
CREATE FUNCTION net._compat_send(req net.http_request_queue) RETURNS void
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
    PERFORM pgnet_compat_http.http_set_curlopt('CURLOPT_TIMEOUT_MS', req.timeout_milliseconds::text);
    BEGIN
        resp := pgnet_compat_http.http((
            upper(req.method), req.url, header_list, content_type,
            CASE WHEN req.body IS NULL THEN NULL ELSE convert_from(req.body, 'UTF8') END
        )::pgnet_compat_http.http_request);
        INSERT INTO net._http_response (id, status_code, content_type, headers, content, timed_out, error_msg, created)
        VALUES (req.id, resp.status, resp.content_type,
                (SELECT jsonb_object_agg(h.field, h.value) FROM unnest(resp.headers) h),
                resp.content, false, NULL, clock_timestamp());
    EXCEPTION WHEN OTHERS THEN
        INSERT INTO net._http_response (id, status_code, content_type, headers, content, timed_out, error_msg, created)
        VALUES (req.id, NULL, NULL, NULL, NULL, SQLERRM ~* 'timed out|timeout', SQLERRM, clock_timestamp());
    END;
END
$$;

-- One worker: for about run_seconds, takes the oldest queued request that no other worker holds,
-- sends it, stores its outcome and removes it from the queue in one transaction, then takes the
-- next. Until that commit the request stays visible in the queue, so the sender never sees it as
-- neither queued nor answered (which it would count as lost), and a worker that dies mid-send leaves
-- it queued for another. One request at a time (where pg_net sends a batch concurrently) means a
-- request waits only for a free worker, never behind a slow request taken with it. Deletes responses
-- older than pg_net.ttl. pg_cron starts it again every second; a run still going is not started twice.
CREATE PROCEDURE net._compat_worker(run_seconds numeric DEFAULT 30)
LANGUAGE plpgsql AS $$
DECLARE
    deadline timestamptz := clock_timestamp() + make_interval(secs => run_seconds::double precision);
    ttl interval := coalesce(nullif(current_setting('pg_net.ttl', true), '')::interval, interval '6 hours');
    req net.http_request_queue;
BEGIN
    DELETE FROM net._http_response WHERE created < clock_timestamp() - ttl;
    COMMIT;
    WHILE clock_timestamp() < deadline LOOP
        SELECT * INTO req FROM net.http_request_queue ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED;
        IF NOT FOUND THEN
            COMMIT;
            PERFORM pg_sleep(0.05);
            CONTINUE;
        END IF;
        PERFORM net._compat_send(req);
        DELETE FROM net.http_request_queue WHERE id = req.id;
        COMMIT;
    END LOOP;
END
$$;

-- Four workers, so that one slow receiver does not hold up every other delivery.
SELECT cron.schedule('pgnet-compat-worker-' || n, '1 seconds', 'CALL net._compat_worker(30)')
  FROM generate_series(1, 4) AS n;
