-- Repeatable: re-applied whenever this file changes. The settings API, the setup check, the health
-- of the pipeline (what the status endpoint reports as errors) and retention.

-- Signatures of earlier kits, replaced below by ones with more arguments.
DROP FUNCTION IF EXISTS replication.configure(integer, integer, numeric[], integer, boolean);
DROP FUNCTION IF EXISTS replication.configure(integer, integer, numeric[], integer, boolean, integer, interval, integer, integer, integer);

CREATE OR REPLACE FUNCTION replication.get_settings() RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'enabled', s.enabled,
        'cadence_seconds', s.cadence_seconds,
        'timeout_ms', s.timeout_ms,
        'backoff_seconds', to_jsonb(s.backoff_seconds),
        'max_retries', s.max_retries,
        'dispatch_batch_size', s.dispatch_batch_size,
        'lost_grace_seconds', s.lost_grace_seconds,
        'retention', s.retention::text,
        'stall_timeouts', s.stall_timeouts,
        'pgnet_batch_size', s.pgnet_batch_size,
        'standin_workers', s.standin_workers,
        'outage_policy', s.outage_policy,
        'probe_max_seconds', s.probe_max_seconds,
        'max_age', s.max_age::text)
      FROM replication.settings s
$$;
COMMENT ON FUNCTION replication.get_settings() IS
    'STAT-SCHEMA-01: the settings behind replication_enabled and replication_interval_seconds, and the sender''s tuning';

-- cron.schedule, unless the job already runs that command on that schedule (pg_cron reloads all its
-- jobs after any change, which can delay the next run of every job by a second).
CREATE OR REPLACE FUNCTION replication.schedule_job(job_name text, schedule text, command text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM cron.job j
                    WHERE j.jobname = schedule_job.job_name AND j.schedule = schedule_job.schedule
                      AND j.command = schedule_job.command AND j.active) THEN
        PERFORM cron.schedule(job_name, schedule, command);
    END IF;
END
$$;
COMMENT ON FUNCTION replication.schedule_job(text, text, text) IS
    'SND-CAD-01: (re)schedules a pg_cron job of the sender only when it changes, so no tick is delayed for nothing';

-- Changes the settings (NULL keeps a value) and puts them to work: reschedules the pg_cron jobs to
-- the cadence, sets pg_net.batch_size server-wide (within about 2 s, through pg_cron; refused in
-- one line where ALTER SYSTEM is), and sets the stand-in's worker count where the stand-in sends.
CREATE OR REPLACE FUNCTION replication.configure(
    cadence_seconds integer DEFAULT NULL,
    timeout_ms integer DEFAULT NULL,
    backoff_seconds numeric[] DEFAULT NULL,
    max_retries integer DEFAULT NULL,
    enabled boolean DEFAULT NULL,
    dispatch_batch_size integer DEFAULT NULL,
    retention interval DEFAULT NULL,
    stall_timeouts integer DEFAULT NULL,
    pgnet_batch_size integer DEFAULT NULL,
    standin_workers integer DEFAULT NULL,
    outage_policy text DEFAULT NULL,
    probe_max_seconds numeric DEFAULT NULL,
    max_age interval DEFAULT NULL
) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
    before replication.settings;
    after replication.settings;
BEGIN
    IF configure.outage_policy IS NOT NULL AND configure.outage_policy NOT IN ('pause', 'fail') THEN
        RAISE EXCEPTION 'outage_policy must be pause or fail, got %', configure.outage_policy
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF configure.probe_max_seconds <= 0 OR configure.max_age <= interval '0' THEN
        RAISE EXCEPTION 'probe_max_seconds and max_age must be positive' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT * INTO before FROM replication.settings FOR UPDATE;
    UPDATE replication.settings s
       SET cadence_seconds = coalesce(configure.cadence_seconds, s.cadence_seconds),
           timeout_ms = coalesce(configure.timeout_ms, s.timeout_ms),
           backoff_seconds = coalesce(configure.backoff_seconds, s.backoff_seconds),
           max_retries = coalesce(configure.max_retries, s.max_retries),
           enabled = coalesce(configure.enabled, s.enabled),
           dispatch_batch_size = coalesce(configure.dispatch_batch_size, s.dispatch_batch_size),
           retention = coalesce(configure.retention, s.retention),
           stall_timeouts = coalesce(configure.stall_timeouts, s.stall_timeouts),
           pgnet_batch_size = coalesce(configure.pgnet_batch_size, s.pgnet_batch_size),
           standin_workers = coalesce(configure.standin_workers, s.standin_workers),
           outage_policy = coalesce(configure.outage_policy, s.outage_policy),
           probe_max_seconds = coalesce(configure.probe_max_seconds, s.probe_max_seconds),
           max_age = coalesce(configure.max_age, s.max_age)
    RETURNING s.* INTO after;

    -- outage_policy 'fail' has no paused state: a paused instance takes deliveries again at once.
    IF after.outage_policy = 'fail' THEN
        UPDATE replication.instances i
           SET state = 'active', paused_since = NULL, next_probe_at = NULL, probe_interval_seconds = NULL
         WHERE i.state = 'paused';
    END IF;

    -- A job is rescheduled only when it changes: every change makes pg_cron reload its jobs.
    PERFORM replication.schedule_job('replication-dispatch', after.cadence_seconds || ' seconds', 'CALL replication.run_tick()');
    -- Outcomes are collected between ticks too, so completion times are within a fraction of a second
    -- of pg_net's answer whatever the cadence.
    PERFORM replication.schedule_job('replication-collect', '1 seconds', 'CALL replication.collect_for()');

    -- Server-wide, as pg_net 0.20 reads it (ALTER SYSTEM, reload, worker restart: R__07); the stand-in alike.
    IF after.pgnet_batch_size IS DISTINCT FROM before.pgnet_batch_size AND after.pgnet_batch_size IS NOT NULL THEN
        PERFORM replication.set_pgnet_setting('pg_net.batch_size', after.pgnet_batch_size::text);
    END IF;
    IF to_regproc('net._compat_set_workers') IS NOT NULL THEN
        PERFORM net._compat_set_workers(after.standin_workers);
    END IF;
    RETURN replication.get_settings();
END
$$;
COMMENT ON FUNCTION replication.configure(integer, integer, numeric[], integer, boolean, integer, interval, integer, integer, integer, text, numeric, interval) IS
    'SND-CAD-01: sets the cadence (and timeout, backoff, retries, tuning, retention) and reschedules the pg_cron jobs; '
    'SND-PAUSE-01: outage_policy (pause, the default, or fail: the spec''s literal 3 retries), probe_max_seconds, max_age';

-- What keeps this database from sending, one line each (empty when nothing does): pg_cron and pg_net
-- (or its stand-in, which behaves alike) must be preloaded and must serve this very database.
CREATE OR REPLACE FUNCTION replication.setup_problems() RETURNS text[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
    problems text[] := '{}';
    here text := current_database();
    preload text[] := string_to_array(replace(current_setting('shared_preload_libraries'), ' ', ''), ',');
    cron_db text := current_setting('cron.database_name', true);
    net_db text := coalesce(nullif(current_setting('pg_net.database_name', true), ''), 'postgres');
    real_pg_net boolean := EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_net');
BEGIN
    IF NOT 'pg_cron' = ANY (preload) THEN
        problems := problems || 'pg_cron is not in shared_preload_libraries: no job runs and nothing is sent; '
            'add it and restart Postgres'::text;
    ELSIF cron_db IS DISTINCT FROM here THEN
        problems := problems || format('cron.database_name is %L but the sender schema is in %L: pg_cron runs '
            'no job here and nothing is sent; set cron.database_name = %L and restart Postgres', cron_db, here, here);
    END IF;
    IF real_pg_net AND NOT 'pg_net' = ANY (preload) THEN
        problems := problems || 'pg_net is installed but not in shared_preload_libraries: its worker never starts '
            'and requests stay queued; add pg_net to shared_preload_libraries and restart Postgres'::text;
    END IF;
    IF net_db <> here THEN
        problems := problems || format('pg_net.database_name is %L%s but the sender schema is in %L: %s serves '
            'only that database, so requests stay queued; set pg_net.database_name = %L and restart Postgres',
            net_db, CASE WHEN current_setting('pg_net.database_name', true) IS NULL THEN ' (its default)' ELSE '' END,
            here, CASE WHEN real_pg_net THEN 'pg_net''s worker' ELSE 'the pg_net stand-in' END, here);
    END IF;
    problems := problems || replication.standin_job_slot_problems();
    RETURN problems;
END
$$;
COMMENT ON FUNCTION replication.setup_problems() IS
    'SND-CAD-01: names, one line each, a setting that keeps changes from being sent (pg_cron or pg_net not '
    'preloaded, cron.database_name or pg_net.database_name naming another database)';

-- The pipeline's health as the status endpoint reports it: the setup problems, and requests that
-- pg_net has held in its queue for longer than stall_timeouts x the timeout (a worker that does not
-- send: stopped, or serving another database).
CREATE OR REPLACE FUNCTION replication.health() RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
    s replication.settings;
    errors text[] := replication.setup_problems();
    stalled bigint;
    oldest timestamptz;
BEGIN
    SELECT * INTO s FROM replication.settings;
    SELECT count(*), min(q.last_attempt_at) INTO stalled, oldest
      FROM replication.replication_queue q
      JOIN net.http_request_queue hq ON hq.id = q.request_id
     WHERE q.status = 'in_flight'
       AND q.last_attempt_at < clock_timestamp() - make_interval(secs => s.stall_timeouts * s.timeout_ms / 1000.0);
    IF stalled > 0 THEN
        errors := errors || format('%s requests queued longer than %s x the %s ms timeout (oldest for %s s): '
            'pg_net''s worker is not sending them', stalled, s.stall_timeouts, s.timeout_ms,
            round(extract(epoch FROM clock_timestamp() - oldest)));
    END IF;
    RETURN jsonb_build_object('ok', cardinality(errors) = 0, 'errors', to_jsonb(errors));
END
$$;
COMMENT ON FUNCTION replication.health() IS
    'SND-AUDIT-01: a stall is visible: requests queued longer than stall_timeouts x the timeout, and setup problems, '
    'are reported as errors';

-- Retention: removes final items (success, failed or superseded) whose outcome is older than older_than (default:
-- the retention setting, 7 days), with their attempt log. Never an item that is pending or in flight,
-- and never one while an older item of the same (instance, record) stays, so what remains of a
-- record is always its newest items (requeue_failed relies on that). Returns how many were removed.
CREATE OR REPLACE FUNCTION replication.prune(older_than interval DEFAULT NULL) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    cutoff timestamptz := clock_timestamp() - coalesce(older_than, (SELECT s.retention FROM replication.settings s));
    n integer;
BEGIN
    IF older_than < interval '0' THEN
        RAISE EXCEPTION 'older_than must not be negative, got %', older_than USING ERRCODE = 'invalid_parameter_value';
    END IF;
    DELETE FROM replication.replication_queue q
     WHERE q.status IN ('success', 'failed', 'superseded')
       AND q.completed_at < cutoff
       AND NOT EXISTS (SELECT 1 FROM replication.replication_queue o
                        WHERE o.instance_id = q.instance_id AND o.record_id = q.record_id AND o.id < q.id
                          AND NOT (o.status IN ('success', 'failed', 'superseded') AND o.completed_at IS NOT NULL
                                   AND o.completed_at < cutoff));
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;
COMMENT ON FUNCTION replication.prune(interval) IS
    'SND-AUDIT-01: retention never removes an item that is not final (success or failed), nor the newest items of a record';
