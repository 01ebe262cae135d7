-- Change capture: every committed INSERT or UPDATE of a replicated table becomes one queue item per
-- active instance of that table, holding the row exactly as it will be sent.

CREATE FUNCTION replication.capture_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO replication.replication_queue (instance_id, table_name, event_type, record_id, payload)
    SELECT i.instance_id, TG_TABLE_NAME, TG_OP, NEW.id, to_jsonb(NEW)
      FROM replication.instances i
     WHERE i.is_active AND i.table_name = TG_TABLE_NAME;
    RETURN NULL;
END
$$;

CREATE TRIGGER approved_patterns_replicate
    AFTER INSERT OR UPDATE ON public.approved_patterns
    FOR EACH ROW EXECUTE FUNCTION replication.capture_change();

CREATE TRIGGER execution_metrics_replicate
    AFTER INSERT OR UPDATE ON public.execution_metrics
    FOR EACH ROW EXECUTE FUNCTION replication.capture_change();
