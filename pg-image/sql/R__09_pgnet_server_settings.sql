-- Repeatable: re-applied whenever this file changes. pg_net's tuning, set where pg_net 0.20 reads it.
--
-- pg_net.batch_size and pg_net.ttl are server-wide (SIGHUP) settings in pg_net 0.20: ALTER DATABASE
-- ... SET is refused ("cannot be changed now"). What works is ALTER SYSTEM SET, pg_reload_conf() and
-- net.worker_restart(). ALTER SYSTEM cannot run inside a function, so replication.configure hands it
-- to pg_cron, which runs a one-statement job at the top level: job replication-set-<setting> runs the
-- ALTER SYSTEM, job replication-apply-server-settings then reloads the configuration, restarts
-- pg_net's worker (or the stand-in's) and unschedules both. The setting is in force within about 2 s.

-- Where ALTER SYSTEM will be refused, the one-line reason and the setting to make by hand; else NULL.
CREATE OR REPLACE FUNCTION replication.server_setting_refusal(setting_name text, setting_value text) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
    can_alter boolean;
BEGIN
    BEGIN
        can_alter := (SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = current_user)
                     OR has_parameter_privilege(setting_name, 'ALTER SYSTEM');
    EXCEPTION WHEN OTHERS THEN
        can_alter := false;
    END;
    IF can_alter AND has_function_privilege('pg_catalog.pg_reload_conf()', 'EXECUTE') THEN
        RETURN NULL;
    END IF;
    RETURN format('cannot set %s: it is a server-wide setting and role %I may not use ALTER SYSTEM and '
        'pg_reload_conf() (a superuser may, or GRANT ALTER SYSTEM ON PARAMETER %s; managed Postgres such as '
        'RDS or Supabase refuses it); set %s = %s in the server''s configuration (postgresql.conf or the '
        'provider''s parameter settings), reload it, then SELECT net.worker_restart()',
        setting_name, current_user, setting_name, setting_name, setting_value);
END
$$;
COMMENT ON FUNCTION replication.server_setting_refusal(text, text) IS
    'SND-CAD-01: names, in one line, why pg_net''s server-wide tuning cannot be set from here and what to set by hand';

-- Sets one of pg_net's server-wide settings (pg_net.batch_size, pg_net.ttl) through pg_cron: ALTER
-- SYSTEM, reload, worker restart. Refused in one line where ALTER SYSTEM is.
CREATE OR REPLACE FUNCTION replication.set_pgnet_setting(setting_name text, setting_value text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    refusal text;
    job text := 'replication-set-' || setting_name;
BEGIN
    IF setting_name NOT IN ('pg_net.batch_size', 'pg_net.ttl') THEN
        RAISE EXCEPTION 'only pg_net.batch_size and pg_net.ttl are set here, not %', setting_name
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    refusal := replication.server_setting_refusal(setting_name, setting_value);
    IF refusal IS NOT NULL THEN
        RAISE EXCEPTION '%', refusal USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- A new job each time, so that a run of an earlier value is never taken for this one's.
    PERFORM cron.unschedule(j.jobid) FROM cron.job j WHERE j.jobname = job;
    PERFORM cron.schedule(job, '1 seconds', format('ALTER SYSTEM SET %s = %L', setting_name, setting_value));
    PERFORM replication.schedule_job('replication-apply-server-settings', '1 seconds',
        'SELECT replication.apply_server_settings()');
END
$$;
COMMENT ON FUNCTION replication.set_pgnet_setting(text, text) IS
    'SND-CAD-01: sets pg_net.batch_size or pg_net.ttl server-wide (ALTER SYSTEM through pg_cron, reload, worker restart), '
    'as pg_net 0.20 reads them';

-- Run by pg_cron every second while a replication-set-* job waits: once such a job has run, it is
-- unscheduled; when one succeeded, the configuration is reloaded and pg_net's worker restarted
-- (it reads batch_size and ttl again); a failure is logged. Unschedules itself when none is left.
-- Returns how many settings it applied.
CREATE OR REPLACE FUNCTION replication.apply_server_settings() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    j record;
    last_run record;
    applied integer := 0;
BEGIN
    FOR j IN SELECT c.jobid, c.jobname FROM cron.job c WHERE c.jobname LIKE 'replication-set-%' LOOP
        SELECT d.status, d.return_message INTO last_run
          FROM cron.job_run_details d
         WHERE d.jobid = j.jobid AND d.status IN ('succeeded', 'failed')
         ORDER BY d.runid DESC LIMIT 1;
        CONTINUE WHEN NOT FOUND;
        PERFORM cron.unschedule(j.jobid);
        IF last_run.status = 'succeeded' THEN
            applied := applied + 1;
        ELSE
            RAISE WARNING 'replication: % failed: %', j.jobname, last_run.return_message;
        END IF;
    END LOOP;
    IF applied > 0 THEN
        PERFORM pg_reload_conf();
        PERFORM pg_sleep(0.5); -- the postmaster has read the file before the worker starts again
        IF to_regproc('net.worker_restart') IS NOT NULL THEN
            PERFORM net.worker_restart();
        END IF;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM cron.job c WHERE c.jobname LIKE 'replication-set-%') THEN
        PERFORM cron.unschedule(c.jobid) FROM cron.job c WHERE c.jobname = 'replication-apply-server-settings';
    END IF;
    RETURN applied;
END
$$;
COMMENT ON FUNCTION replication.apply_server_settings() IS
    'SND-CAD-01: reloads the configuration and restarts pg_net''s worker once pg_cron has run ALTER SYSTEM';

-- The stand-in keeps its coordinator and senders running as pg_cron jobs; in background-worker mode
-- pg_cron runs at most cron.max_running_jobs (default 5) at once, and with every slot taken dispatch and
-- collection never start. One line when the setting leaves no room (empty where pg_net sends).
CREATE OR REPLACE FUNCTION replication.standin_job_slot_problems() RETURNS text[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
    slots integer := nullif(current_setting('cron.max_running_jobs', true), '')::integer;
    needed integer := (SELECT s.standin_workers FROM replication.settings s) + 3;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_net') OR to_regproc('net._compat_set_workers') IS NULL
       OR slots IS NULL OR slots >= needed THEN
        RETURN '{}';
    END IF;
    RETURN ARRAY[format('cron.max_running_jobs is %s but the pg_net stand-in keeps %s jobs running and dispatch and '
        'collection need room beside them: set cron.max_running_jobs = 32 and restart Postgres', slots, needed - 2)];
END
$$;
COMMENT ON FUNCTION replication.standin_job_slot_problems() IS
    'SND-CAD-01: names, in one line, a cron.max_running_jobs too small for the stand-in''s jobs and the sender''s ticks';
