-- Repeatable: re-applied whenever this file changes. The pg_cron jobs of the sender.
--   replication-dispatch          every cadence: CALL replication.run_tick() (collect, then send in chunks)
--   replication-collect           every second: CALL replication.collect_for() (collects 5 times a second)
--   replication-prune             hourly: SELECT replication.prune() (retention setting, 7 days)
--   replication-cron-log-cleanup  hourly: pg_cron's own log, kept for a day

SELECT replication.configure();

SELECT cron.schedule('replication-prune', '23 * * * *', 'SELECT replication.prune()');

SELECT cron.schedule('replication-cron-log-cleanup', '17 * * * *',
    $$DELETE FROM cron.job_run_details WHERE end_time < now() - interval '1 day'$$);
