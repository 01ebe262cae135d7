-- Repeatable: re-applied whenever this file changes. The registry's API, mirroring the spec's
-- CentralCloud.Replication.InstanceRegistry.

-- The signature before signing secrets, replaced below.
DROP FUNCTION IF EXISTS replication.register_instance(text, text, text, uuid, text);

-- Registers (or re-registers and re-activates) an instance; returns its id. Changes committed from
-- then on are sent to it, signed when a signing secret is given (R__07_signing; NULL signs nothing).
CREATE OR REPLACE FUNCTION replication.register_instance(
    instance_name text,
    http_endpoint text,
    table_name text,
    instance_id uuid DEFAULT gen_random_uuid(),
    auth_token text DEFAULT NULL,
    signing_secret text DEFAULT NULL
) RETURNS uuid
LANGUAGE plpgsql AS $$
BEGIN
    IF register_instance.instance_name IS NULL OR length(register_instance.instance_name) = 0 THEN
        RAISE EXCEPTION 'instance_name must not be empty' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF register_instance.http_endpoint IS NULL OR register_instance.http_endpoint !~* '^https?://[^/]+' THEN
        RAISE EXCEPTION 'http_endpoint must be an http:// or https:// URL, got %', register_instance.http_endpoint
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF register_instance.table_name IS NULL
       OR register_instance.table_name NOT IN ('approved_patterns', 'execution_metrics') THEN
        RAISE EXCEPTION 'table_name must be approved_patterns or execution_metrics, got %', register_instance.table_name
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO replication.instances AS i (instance_id, instance_name, http_endpoint, table_name, auth_token)
    VALUES (coalesce(register_instance.instance_id, gen_random_uuid()), register_instance.instance_name,
            register_instance.http_endpoint, register_instance.table_name, register_instance.auth_token)
    ON CONFLICT ON CONSTRAINT instances_pkey DO UPDATE
       SET instance_name = excluded.instance_name,
           http_endpoint = excluded.http_endpoint,
           table_name = excluded.table_name,
           auth_token = excluded.auth_token,
           is_active = true,
           -- registered again: a paused or deactivated (410) instance takes its pending items again
           state = 'active', paused_since = NULL, deactivated_reason = NULL, next_probe_at = NULL,
           probe_interval_seconds = NULL, streak_record_id = NULL, streak_item_id = NULL, in_flight_window = 50,
           -- a new endpoint, or one that answered 410, has to answer again before more than one request goes out
           answered_at = CASE WHEN i.http_endpoint = excluded.http_endpoint AND i.state <> 'deactivated'
                              THEN i.answered_at END,
           updated_at = clock_timestamp()
    RETURNING i.instance_id INTO register_instance.instance_id;
    PERFORM replication.set_signing_secret(register_instance.instance_id, register_instance.signing_secret);
    RETURN register_instance.instance_id;
END
$$;
COMMENT ON FUNCTION replication.register_instance(text, text, text, uuid, text, text) IS
    'SND-CAD-01: registers (or re-activates) a receiver; every change committed from then on is sent to it, '
    'signed with signing_secret when one is given (SND-SIG-01). '
    'SND-GONE-01: registering a deactivated instance again sends its pending items';

-- One instance as the status endpoint shows it (the token and the signing secret themselves are never shown).
CREATE OR REPLACE FUNCTION replication.instance_json(i replication.instances) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'instance_id', i.instance_id,
        'instance_name', i.instance_name,
        'http_endpoint', i.http_endpoint,
        'table_name', i.table_name,
        'is_active', i.is_active,
        'has_auth_token', i.auth_token IS NOT NULL,
        'has_signing_secret', EXISTS (SELECT 1 FROM replication.signing_secrets s WHERE s.instance_id = i.instance_id),
        'last_sync_at', i.last_sync_at,
        'success_count', i.success_count,
        'error_count', i.error_count,
        'last_error', i.last_error)
$$;
COMMENT ON FUNCTION replication.instance_json(replication.instances) IS
    'SND-SEC-01: one instance as the status endpoint shows it (STAT-SCHEMA-01), saying whether a token or signing secret is set, never its value';

-- The health of one instance, added to its entry in the status document (additive fields: the
-- spec's shape stays valid): state (active, paused, deactivated), paused_since, deactivated_reason,
-- backlog (items pending or in flight) and oldest_pending_at (capture time of the oldest of them).
CREATE OR REPLACE FUNCTION replication.instance_health_of(i replication.instances) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'state', i.state,
        'paused_since', i.paused_since,
        'deactivated_reason', i.deactivated_reason,
        'backlog', (SELECT count(*) FROM replication.replication_queue q
                     WHERE q.instance_id = i.instance_id AND q.status IN ('pending', 'in_flight')),
        'oldest_pending_at', (SELECT min(q.created_at) FROM replication.replication_queue q
                               WHERE q.instance_id = i.instance_id AND q.status IN ('pending', 'in_flight')))
$$;
COMMENT ON FUNCTION replication.instance_health_of(replication.instances) IS
    'SND-PAUSE-01: an instance''s state, paused_since, deactivated_reason, backlog and oldest_pending_at in the status document';

CREATE OR REPLACE FUNCTION replication.list_active_instances() RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT coalesce(jsonb_agg(replication.instance_json(i) || replication.instance_health_of(i)
                              ORDER BY i.instance_name, i.instance_id), '[]'::jsonb)
      FROM replication.instances i
     WHERE i.is_active
$$;
COMMENT ON FUNCTION replication.list_active_instances() IS
    'STAT-SCHEMA-01: the active instances of the status document';

-- The instance with its own queue figures; NULL for an unknown id.
CREATE OR REPLACE FUNCTION replication.get_instance_status(instance_id uuid) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT replication.instance_json(i) || replication.instance_health_of(i) || jsonb_build_object(
               'pending', count(q.id) FILTER (WHERE q.status IN ('pending', 'in_flight')),
               'success', count(q.id) FILTER (WHERE q.status = 'success'),
               'failed', count(q.id) FILTER (WHERE q.status = 'failed'),
               'superseded', count(q.id) FILTER (WHERE q.status = 'superseded'))
      FROM replication.instances i
      LEFT JOIN replication.replication_queue q ON q.instance_id = i.instance_id
     WHERE i.instance_id = get_instance_status.instance_id
     GROUP BY i.instance_id
$$;
COMMENT ON FUNCTION replication.get_instance_status(uuid) IS
    'SND-STAT-01: one instance with its counters and its own queue figures; NULL for an unknown id';

-- Queue figures from one snapshot: in_flight counts as pending, so total = pending + success + failed.
-- Superseded items (a newer snapshot of the record went out instead) are counted apart, outside the
-- total. last_event_at is the time of the newest change captured.
CREATE OR REPLACE FUNCTION replication.get_queue_stats() RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'pending', count(*) FILTER (WHERE status IN ('pending', 'in_flight')),
        'success', count(*) FILTER (WHERE status = 'success'),
        'failed', count(*) FILTER (WHERE status = 'failed'),
        'total', count(*) FILTER (WHERE status <> 'superseded'),
        'superseded', count(*) FILTER (WHERE status = 'superseded'),
        'last_event_at', max(created_at))
      FROM replication.replication_queue
$$;
COMMENT ON FUNCTION replication.get_queue_stats() IS
    'SND-STAT-01: queue figures from one snapshot; in_flight counts as pending, so total = pending + success + failed (STAT-FIG-01)';

-- Stops sending to an instance. Its items not yet sent end as failed (nothing stays pending forever);
-- items in flight are collected as usual but not retried. Returns false for an unknown id.
CREATE OR REPLACE FUNCTION replication.deactivate_instance(instance_id uuid) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE replication.instances i SET is_active = false, updated_at = clock_timestamp()
     WHERE i.instance_id = deactivate_instance.instance_id;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    UPDATE replication.replication_queue q
       SET status = 'failed', last_error = 'instance deactivated before delivery',
           completed_at = clock_timestamp(), updated_at = clock_timestamp()
     WHERE q.instance_id = deactivate_instance.instance_id AND q.status = 'pending';
    RETURN true;
END
$$;
COMMENT ON FUNCTION replication.deactivate_instance(uuid) IS
    'SND-AUDIT-01: stops sending to an instance; its unsent items end as failed, so nothing stays pending forever';

-- Sends failed items again (of one instance, or of all active instances when NULL). Only an item
-- that is the newest of its (instance, record) is re-queued: an older snapshot must never follow a
-- newer one (SND-ORDER-01), and the newest carries the whole row anyway. Returns how many.
CREATE OR REPLACE FUNCTION replication.requeue_failed(instance_id uuid DEFAULT NULL) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    UPDATE replication.replication_queue q
       SET status = 'pending', attempts = 0, next_attempt_at = clock_timestamp(), request_id = NULL,
           completed_at = NULL, updated_at = clock_timestamp()
      FROM replication.instances i
     WHERE i.instance_id = q.instance_id AND i.is_active
       AND q.status = 'failed'
       AND (requeue_failed.instance_id IS NULL OR q.instance_id = requeue_failed.instance_id)
       AND NOT EXISTS (SELECT 1 FROM replication.replication_queue newer
                        WHERE newer.instance_id = q.instance_id AND newer.record_id = q.record_id
                          AND newer.id > q.id);
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;
COMMENT ON FUNCTION replication.requeue_failed(uuid) IS
    'SND-ORDER-01: sends failed items again, only the newest of each (instance, record), so an old snapshot never follows a new one';
