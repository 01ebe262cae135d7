-- Repeatable: re-applied whenever this file changes. Who sends and how fast it can: the pacing the
-- status endpoint and ./kit sender status report, and the warning before the lag grows.
--
-- pg_net 0.20 sends a pass of up to pg_net.batch_size requests, ends it when its slowest request
-- does, then waits up to 1 s. Its capacity is therefore about batch_size per max(1 s, the pass time),
-- and the pass time is the receivers' slowest answer in it. When the deliveries offered (rows
-- committed per second x the instances of their table) exceed it, the lag grows without bound.

-- pg_net and its version, or the kit's stand-in.
CREATE OR REPLACE FUNCTION replication.net_provider() RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT coalesce(
        (SELECT jsonb_build_object('name', 'pg_net', 'version', e.extversion, 'label', 'pg_net ' || e.extversion)
           FROM pg_extension e WHERE e.extname = 'pg_net'),
        jsonb_build_object('name', 'pgnet-compat', 'version', NULL,
                           'label', 'the kit''s pg_net stand-in (pgnet-compat, paced as pg_net 0.20)'))
$$;
COMMENT ON FUNCTION replication.net_provider() IS
    'SND-STAT-01: names what sends the HTTP requests: pg_net and its version, or the kit''s stand-in';

-- The last minute's pacing: rows committed per second (per table, divided by its active instances),
-- deliveries offered per second (queue items created), the p99 pass time (pg_net's batch start to the
-- outcome's collection), the server-wide pg_net.batch_size, the pass capacity batch_size /
-- max(1 s, p99), and a warning line when the deliveries offered exceed it. Reads at most the newest
-- 100000 items and 100000 attempts, through their primary keys, so it stays cheap on a big queue.
CREATE OR REPLACE FUNCTION replication.pacing(window_seconds integer DEFAULT 60) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
    since timestamptz := clock_timestamp() - make_interval(secs => window_seconds);
    batch_setting text := current_setting('pg_net.batch_size', true);
    batch integer := CASE WHEN batch_setting ~ '^\s*[0-9]{1,9}\s*$' AND batch_setting::integer > 0
                          THEN batch_setting::integer ELSE 200 END;
    commits numeric;
    offered numeric;
    pass_p99 numeric;
    capacity numeric;
    instances integer;
    warnings text[] := '{}';
    suggested integer;
BEGIN
    SELECT coalesce(sum(t.items::numeric / greatest(t.active, 1)), 0) / window_seconds,
           coalesce(sum(t.items), 0)::numeric / window_seconds
      INTO commits, offered
      FROM (SELECT q.table_name, count(*) AS items,
                   (SELECT count(*) FROM replication.instances i WHERE i.is_active AND i.table_name = q.table_name) AS active
              FROM (SELECT r.table_name, r.created_at FROM replication.replication_queue r ORDER BY r.id DESC LIMIT 100000) q
             WHERE q.created_at >= since
             GROUP BY q.table_name) t;
    SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM a.finished_at - a.response_created_at))
      INTO pass_p99
      FROM (SELECT d.finished_at, d.response_created_at FROM replication.delivery_attempts d ORDER BY d.id DESC LIMIT 100000) a
     WHERE a.finished_at >= since AND a.response_created_at IS NOT NULL;
    SELECT count(*) INTO instances FROM replication.instances i WHERE i.is_active;
    capacity := batch / greatest(1, coalesce(pass_p99, 0));
    IF offered > capacity THEN
        suggested := (ceil(offered * greatest(1, coalesce(pass_p99, 0)) * 2 / 100) * 100)::integer;
        warnings := warnings || format('%s deliveries/s offered (%s rows/s committed x their instances) exceed the pass '
            'capacity of %s/s (pg_net.batch_size %s per max(1 s, pass p99 %s s)): the lag will grow; raise '
            'pg_net.batch_size, e.g. SELECT replication.configure(pgnet_batch_size => %s)',
            round(offered, 1), round(commits, 1), round(capacity, 1), batch, round(coalesce(pass_p99, 0), 2), suggested);
    END IF;
    RETURN jsonb_build_object(
        'provider', replication.net_provider(),
        'window_seconds', window_seconds,
        'commit_rate_per_second', round(commits, 2),
        'active_instances', instances,
        'offered_deliveries_per_second', round(offered, 2),
        'pass_p99_seconds', round(pass_p99, 3),
        'pgnet_batch_size', batch,
        'pass_capacity_per_second', round(capacity, 1),
        'warnings', to_jsonb(warnings));
END
$$;
COMMENT ON FUNCTION replication.pacing(integer) IS
    'SND-STAT-01: the recent commit rate against pg_net''s pass capacity (batch_size per max(1 s, pass p99)), with a '
    'warning line before the lag grows';
