-- V1 of the pg_net stand-in: its schema and tables (functions: R__pgnet_compat.sql).
-- Released: never edit this file; change the stand-in's tables with a new V<n>__ file.
--
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

CREATE SCHEMA IF NOT EXISTS net;
-- Schema pgnet_compat_http (the http extension's) is created by Flyway, which keeps its history there.
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
