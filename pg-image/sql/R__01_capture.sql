-- Repeatable: re-applied whenever this file changes. Change capture: the trigger functions and their
-- triggers. Every committed INSERT or UPDATE of a replicated table becomes one queue item per active
-- instance of that table, holding the row exactly as it will be sent. This is where the whole path of
-- E2E-01 starts: trigger, queue, pg_cron tick, pg_net, receiver, and the outcome in the audit trail.

-- Receivers order the snapshots of one record by updated_at, so every UPDATE moves it strictly forward,
-- even two updates in one transaction (clock_timestamp, not now) or an UPDATE that sets an older value.
CREATE OR REPLACE FUNCTION replication.bump_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := greatest(clock_timestamp(), OLD.updated_at + interval '1 microsecond');
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION replication.bump_updated_at() IS
    'SND-ORDER-01: every UPDATE moves updated_at strictly forward, so receivers can order the snapshots of a record';

-- One item per active instance of the table, with the row as it will be sent.
CREATE OR REPLACE FUNCTION replication.capture_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO replication.replication_queue (instance_id, table_name, event_type, record_id, payload)
    SELECT i.instance_id, TG_TABLE_NAME, TG_OP, NEW.id, to_jsonb(NEW)
      FROM replication.instances i
     WHERE i.is_active AND i.table_name = TG_TABLE_NAME;
    PERFORM replication.supersede_older(i.instance_id, NEW.id)
       FROM replication.instances i
      WHERE i.is_active AND i.table_name = TG_TABLE_NAME;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION replication.capture_change() IS
    'SND-AUDIT-01: every committed INSERT or UPDATE becomes one replication_queue item per active instance of its table, '
    'where E2E-01 starts; '
    'SND-COALESCE-01: the older snapshots of the record not yet sent are superseded';

-- Coalescing: the snapshots of a record still waiting to be sent to an instance (pending, not in
-- flight) are superseded by the newest, which carries the whole row; only the newest goes out. A
-- record updated every second through a 10-minute outage then drains in one delivery, not 600.
-- Superseded is final (completed_at set) and stays in the audit trail: superseded_by names the newest.
CREATE OR REPLACE FUNCTION replication.supersede_older(instance_id uuid, record_id uuid) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    newest bigint;
    n integer;
BEGIN
    SELECT max(q.id) INTO newest FROM replication.replication_queue q
     WHERE q.instance_id = supersede_older.instance_id AND q.record_id = supersede_older.record_id
       AND q.status = 'pending';
    UPDATE replication.replication_queue q
       SET status = 'superseded', superseded_by = newest,
           completed_at = clock_timestamp(), updated_at = clock_timestamp()
     WHERE q.instance_id = supersede_older.instance_id AND q.record_id = supersede_older.record_id
       AND q.status = 'pending' AND q.id < newest;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;
COMMENT ON FUNCTION replication.supersede_older(uuid, uuid) IS
    'SND-COALESCE-01: older snapshots of a record not yet sent to an instance end superseded; only the newest is sent';

DROP TRIGGER IF EXISTS approved_patterns_bump_updated_at ON public.approved_patterns;
CREATE TRIGGER approved_patterns_bump_updated_at
    BEFORE UPDATE ON public.approved_patterns
    FOR EACH ROW EXECUTE FUNCTION replication.bump_updated_at();

DROP TRIGGER IF EXISTS execution_metrics_bump_updated_at ON public.execution_metrics;
CREATE TRIGGER execution_metrics_bump_updated_at
    BEFORE UPDATE ON public.execution_metrics
    FOR EACH ROW EXECUTE FUNCTION replication.bump_updated_at();

DROP TRIGGER IF EXISTS approved_patterns_replicate ON public.approved_patterns;
CREATE TRIGGER approved_patterns_replicate
    AFTER INSERT OR UPDATE ON public.approved_patterns
    FOR EACH ROW EXECUTE FUNCTION replication.capture_change();

DROP TRIGGER IF EXISTS execution_metrics_replicate ON public.execution_metrics;
CREATE TRIGGER execution_metrics_replicate
    AFTER INSERT OR UPDATE ON public.execution_metrics
    FOR EACH ROW EXECUTE FUNCTION replication.capture_change();
