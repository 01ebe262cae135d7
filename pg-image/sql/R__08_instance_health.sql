-- Repeatable: re-applied whenever this file changes. Instance health and the receiver's signals:
-- which failures belong to the instance rather than to a record, Retry-After, the maximum age of an
-- item, and each instance's state as the status endpoint and /metrics show it.
--
-- An instance is paused when deliveries of two different records fail in a row for a reason that
-- belongs to the instance (connection refused or reset, a timeout, 502/503/504, 429, or a 401/403/404,
-- which a receiver deployed without its secret or its route gives to every record), or when one record
-- runs out of retries on such a failure while no other record got through since it was captured. While
-- paused, its items stay pending and one probe goes out after the first backoff, then at doubling
-- intervals up to probe_max_seconds, rotating among the pending items; attempts made while paused do
-- not count toward max_retries. The first 2xx resumes it, with a small in-flight window that doubles
-- with every pass that comes back fast and clean. outage_policy => 'fail' keeps the spec's literal
-- schedule instead (3 retries, then failed). A 410 Gone deactivates the instance until it is
-- registered again; its items stay pending.

-- 'ok' (2xx), 'instance' (the instance cannot take anything right now) or 'item' (this record's own
-- trouble: 500, 400, ...; the instance answered).
CREATE OR REPLACE FUNCTION replication.failure_kind(status_code integer) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN status_code BETWEEN 200 AND 299 THEN 'ok'
        WHEN status_code IS NULL OR status_code IN (401, 403, 404, 429, 502, 503, 504) THEN 'instance'
        ELSE 'item'
    END
$$;
COMMENT ON FUNCTION replication.failure_kind(integer) IS
    'SND-PAUSE-01: a connection error, a timeout, 502/503/504, 429 or 401/403/404 belongs to the instance; '
    'a 500 or another 4xx belongs to the record (a poison record never pauses the others)';

-- Seconds to wait that a 429 or 503 asks for in Retry-After: delta-seconds or an HTTP-date, capped at
-- one hour; NULL when absent or unreadable (then the backoff alone decides).
CREATE OR REPLACE FUNCTION replication.retry_after_seconds(status_code integer, headers jsonb, answered timestamptz)
RETURNS numeric
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v text;
    at timestamptz;
BEGIN
    IF status_code IS NULL OR status_code NOT IN (429, 503) OR headers IS NULL OR jsonb_typeof(headers) <> 'object' THEN
        RETURN NULL;
    END IF;
    SELECT btrim(h.value) INTO v FROM jsonb_each_text(headers) h WHERE lower(h.key) = 'retry-after' LIMIT 1;
    IF v IS NULL THEN
        RETURN NULL;
    ELSIF v ~ '^[0-9]{1,9}$' THEN
        RETURN least(v::numeric, 3600);
    END IF;
    IF v !~* '^[a-z]{3}, [0-9]{1,2} [a-z]{3} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT$' THEN
        RETURN NULL;  -- neither delta-seconds nor an IMF-fixdate ("Wed, 21 Oct 2015 07:28:00 GMT")
    END IF;
    BEGIN
        at := v::timestamptz;
    EXCEPTION WHEN OTHERS THEN
        RETURN NULL;
    END;
    RETURN least(greatest(extract(epoch FROM at - answered), 0), 3600);
END
$$;
COMMENT ON FUNCTION replication.retry_after_seconds(integer, jsonb, timestamptz) IS
    'SND-RETRYAFTER-01: the wait a 429 or 503 asks for in Retry-After (delta-seconds or HTTP-date), capped at 1 h';

-- Items not delivered max_age after their change was captured end failed (the maximum age; default
-- 24 h). Items in flight are left to their outcome, which applies the same rule. Returns how many.
CREATE OR REPLACE FUNCTION replication.fail_expired() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    age interval := (SELECT s.max_age FROM replication.settings s);
    cutoff timestamptz := clock_timestamp() - age;
    inst uuid;
    k integer;
    n integer := 0;
BEGIN
    -- per instance, through the index of its open items by age: nothing is read when nothing expired
    FOR inst IN
        SELECT i.instance_id FROM replication.instances i
         WHERE EXISTS (SELECT 1 FROM replication.replication_queue q
                        WHERE q.instance_id = i.instance_id AND q.status IN ('pending', 'in_flight')
                          AND q.created_at < cutoff)
    LOOP
        UPDATE replication.replication_queue q
           SET status = 'failed', completed_at = clock_timestamp(), updated_at = clock_timestamp(),
               last_error = coalesce(q.last_error || ' ', '') || '(not delivered within the maximum age of '
                            || age::text || ')'
         WHERE q.instance_id = inst AND q.status IN ('pending', 'in_flight') AND q.status = 'pending'
           AND q.created_at < cutoff;
        GET DIAGNOSTICS k = ROW_COUNT;
        n := n + k;
    END LOOP;
    RETURN n;
END
$$;
COMMENT ON FUNCTION replication.fail_expired() IS
    'SND-AUDIT-01: an item not delivered within max_age (24 h) ends failed, so nothing stays pending forever';

-- An instance that paused on 401/403/404 given alike to every record: the first record of the run
-- was failed at once (a 4xx is definitive for a record), but the instance was at fault, so it goes
-- back to pending with the others.
CREATE OR REPLACE FUNCTION replication.reopen_streak_items() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    WITH paused AS (
        SELECT i.instance_id, i.streak_item_id FROM replication.instances i
         WHERE i.state = 'paused' AND i.streak_item_id IS NOT NULL
    ), reopened AS (
        UPDATE replication.replication_queue q
           SET status = 'pending', completed_at = NULL, free_attempts = q.free_attempts + 1,
               next_attempt_at = clock_timestamp(), updated_at = clock_timestamp()
          FROM paused p
         WHERE q.id = p.streak_item_id AND q.status = 'failed' AND q.last_status_code IN (401, 403, 404)
           AND NOT EXISTS (SELECT 1 FROM replication.replication_queue o
                            WHERE o.instance_id = q.instance_id AND o.record_id = q.record_id AND o.id > q.id)
        RETURNING q.id
    ), cleared AS (
        UPDATE replication.instances i SET streak_item_id = NULL, streak_record_id = NULL
          FROM paused p WHERE i.instance_id = p.instance_id
        RETURNING 1
    )
    SELECT count(*) INTO n FROM reopened;
    RETURN n;
END
$$;
COMMENT ON FUNCTION replication.reopen_streak_items() IS
    'SND-PAUSE-01: when 401/403/404 given alike to every record pauses an instance, the record failed first goes back to pending';

-- Each instance's health as the status endpoint and /metrics show it: state, since when paused, why
-- deactivated, its backlog (items pending or in flight), the capture time of its oldest one, and its
-- failed and superseded items.
CREATE OR REPLACE FUNCTION replication.instance_health()
RETURNS TABLE (instance_id uuid, instance_name text, state text, paused_since timestamptz, deactivated_reason text,
               backlog bigint, oldest_pending_at timestamptz, failed bigint, superseded bigint, next_probe_at timestamptz)
LANGUAGE sql STABLE AS $$
    SELECT i.instance_id, i.instance_name, i.state, i.paused_since, i.deactivated_reason,
           (SELECT count(*) FROM replication.replication_queue q
             WHERE q.instance_id = i.instance_id AND q.status IN ('pending', 'in_flight')),
           (SELECT min(q.created_at) FROM replication.replication_queue q
             WHERE q.instance_id = i.instance_id AND q.status IN ('pending', 'in_flight')),
           (SELECT count(*) FROM replication.replication_queue q
             WHERE q.instance_id = i.instance_id AND q.status = 'failed'),
           (SELECT count(*) FROM replication.replication_queue q
             WHERE q.instance_id = i.instance_id AND q.status = 'superseded'),
           i.next_probe_at
      FROM replication.instances i
     WHERE i.is_active
     ORDER BY i.instance_name, i.instance_id
$$;
COMMENT ON FUNCTION replication.instance_health() IS
    'SND-PAUSE-01: per instance its state (active, paused, deactivated), paused_since, deactivated_reason, '
    'backlog and oldest_pending_at, with its failed and superseded items';

-- The same as one JSON object per instance id, merged into the status document's instances.
CREATE OR REPLACE FUNCTION replication.instance_health_json() RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT coalesce(jsonb_object_agg(h.instance_id::text, jsonb_build_object(
               'state', h.state,
               'paused_since', h.paused_since,
               'deactivated_reason', h.deactivated_reason,
               'backlog', h.backlog,
               'oldest_pending_at', h.oldest_pending_at,
               'superseded', h.superseded)), '{}'::jsonb)
      FROM replication.instance_health() h
$$;
COMMENT ON FUNCTION replication.instance_health_json() IS
    'SND-PAUSE-01: state, paused_since, deactivated_reason, backlog and oldest_pending_at per instance id';
