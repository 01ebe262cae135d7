-- Repeatable: re-applied whenever this file changes. Delivery: a dispatcher that hands due items to
-- pg_net (net.http_post) and a collector that reads pg_net's responses (net._http_response) and
-- decides success, retry or failure. pg_net itself never retries; the retry promise of the spec
-- (3 retries after 5, 10 and 20 s) is kept here.
--
-- Ordering (SND-ORDER-01): per (instance, record) only the OLDEST open item (pending or in_flight) may
-- be sent. A newer snapshot waits until every older one is final (success or failed), so a retry of
-- an old version can never land after the new version, and every change is still delivered.
--
-- Times: completed_at, finished_at and last_sync_at are when the collector saw the outcome
-- (clock_timestamp()); pg_net's own net._http_response.created, the start of its worker's batch,
-- is kept beside them in response_created_at. The collector runs five times a second (job
-- replication-collect, replication.collect_for) as well as at the start of every dispatch tick.

-- Signatures of earlier kits, replaced below by ones with other arguments.
DROP FUNCTION IF EXISTS replication.record_outcome(bigint, integer, text, timestamptz);
DROP FUNCTION IF EXISTS replication.tick();
DROP FUNCTION IF EXISTS replication.dispatch();
DROP FUNCTION IF EXISTS replication.dispatch(integer);

-- The backoff before retry number n (1-based); past the end of the list the last value repeats.
CREATE OR REPLACE FUNCTION replication.backoff_for(retry integer, backoffs numeric[]) RETURNS interval
LANGUAGE sql IMMUTABLE AS $$
    SELECT make_interval(secs => backoffs[least(greatest(retry, 1), cardinality(backoffs))]::double precision)
$$;
COMMENT ON FUNCTION replication.backoff_for(integer, numeric[]) IS
    'SND-RETRY-01: the wait before retry n (5, 10, 20 s by default; the last value repeats)';

-- 2xx: success; 5xx, 408, 429, timeout or connection error: retry; anything else (another 4xx, 3xx,
-- 1xx): failed at once, repeating the same request cannot succeed. A 429 never fails an item (it does
-- not count toward max_retries), and instance-level failures do not while the instance is paused
-- (R__08_instance_health.sql).
CREATE OR REPLACE FUNCTION replication.is_retryable(status_code integer) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT status_code IS NULL OR status_code >= 500 OR status_code IN (408, 429)
$$;
COMMENT ON FUNCTION replication.is_retryable(integer) IS
    'SND-RETRY-02: only a 5xx, a 408, a 429 (SND-RETRYAFTER-01), a timeout or a connection error (NULL status) is retried; '
    'any other status fails at once';

-- Applies one attempt's outcome to its item, its attempt log row and its instance's counters.
CREATE OR REPLACE FUNCTION replication.record_outcome(
    item_id bigint, status_code integer, error text, response_created timestamptz DEFAULT NULL
) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    s    replication.settings;
    item replication.replication_queue;
    inst replication.instances;
    outcome text;
    free boolean := false;
    seen timestamptz := clock_timestamp();
BEGIN
    SELECT * INTO s FROM replication.settings;
    SELECT * INTO item FROM replication.replication_queue WHERE id = item_id FOR UPDATE;
    IF item.status IS DISTINCT FROM 'in_flight' THEN
        RETURN NULL;
    END IF;
    SELECT * INTO inst FROM replication.instances i WHERE i.instance_id = item.instance_id;

    IF status_code BETWEEN 200 AND 299 THEN
        outcome := 'success';
    ELSIF NOT inst.is_active OR item.created_at < seen - s.max_age THEN
        outcome := 'failed';
    ELSIF (inst.state <> 'active' AND replication.failure_kind(status_code) = 'instance') OR status_code = 429 THEN
        outcome := 'pending';
        free := true;
    ELSIF replication.is_retryable(status_code) AND item.attempts - item.free_attempts <= s.max_retries THEN
        outcome := 'pending';
    ELSE
        outcome := 'failed';
    END IF;
    IF outcome <> 'success' AND error IS NULL THEN
        error := 'no error text';
    END IF;
    IF outcome = 'failed' AND NOT inst.is_active AND replication.is_retryable(status_code) THEN
        error := error || ' (instance deactivated, not retried)';
    ELSIF outcome = 'failed' AND item.created_at < seen - s.max_age THEN
        error := error || ' (not delivered within the maximum age of ' || s.max_age::text || ')';
    END IF;

    UPDATE replication.replication_queue q
       SET status = outcome,
           last_status_code = record_outcome.status_code,
           last_error = CASE WHEN outcome = 'success' THEN NULL ELSE error END,
           free_attempts = q.free_attempts + CASE WHEN free THEN 1 ELSE 0 END,
           next_attempt_at = CASE WHEN outcome = 'pending'
                                  THEN greatest(item.last_attempt_at, coalesce(record_outcome.response_created, item.last_attempt_at))
                                       + replication.backoff_for(
                                           item.attempts - item.free_attempts - CASE WHEN free THEN 1 ELSE 0 END,
                                           s.backoff_seconds)
                                  ELSE q.next_attempt_at END,
           completed_at = CASE WHEN outcome IN ('success', 'failed') THEN seen END,
           response_created_at = record_outcome.response_created,
           updated_at = seen
     WHERE q.id = item_id;

    UPDATE replication.delivery_attempts a
       SET finished_at = seen,
           response_created_at = record_outcome.response_created,
           status_code = record_outcome.status_code,
           error = CASE WHEN outcome = 'success' THEN NULL ELSE record_outcome.error END
     WHERE a.queue_id = item_id AND a.request_id = item.request_id
       AND a.attempt = item.attempts;  -- pg_net's ids restart after a crash: an earlier attempt may share the id

    -- success_count counts delivered items; error_count counts failed attempts (each 5xx, 4xx,
    -- timeout or connection error, retried or not); last_error is the latest failure's text and is
    -- cleared by the next success.
    IF outcome = 'success' THEN
        UPDATE replication.instances i
           SET success_count = i.success_count + 1, last_sync_at = seen, last_error = NULL, updated_at = seen
         WHERE i.instance_id = item.instance_id;
    ELSE
        UPDATE replication.instances i
           SET error_count = i.error_count + 1, last_error = error, updated_at = seen
         WHERE i.instance_id = item.instance_id;
    END IF;
    RETURN outcome;
END
$$;
COMMENT ON FUNCTION replication.record_outcome(bigint, integer, text, timestamptz) IS
    'SND-RETRY-01: an attempt''s outcome: success, pending again after the backoff, or failed after the last retry; '
    'SND-STAT-01: the instance''s success_count, error_count, last_sync_at and last_error follow it';

-- Reads pg_net's responses for every in-flight item and applies them in one statement (what
-- record_outcome does for one item, for all: one call per item took most of a busy tick); an item
-- whose response never came (lost by a crash or the response TTL) counts as a connection error once
-- timeout + grace have passed. Counters follow every outcome; an instance's last_error ends as the
-- text of its last outcome in queue order, or NULL when that one succeeded, as if applied one by one.
--
-- The same pass judges each instance's health from its outcomes (R__08_instance_health.sql): the
-- instance-level failures after its last answer in the pass (with the record that began the run in an
-- earlier pass) pause it when they span two records, or when one record ran out of retries while no
-- other got through; a 2xx resumes it; a 410 deactivates it. Then each item's outcome: success; pending
-- again (after max(backoff, Retry-After); without counting the attempt for a 429 or while the
-- instance is paused or deactivated); or failed (a definitive answer, retries used up on a failure of
-- its own, or older than max_age).
CREATE OR REPLACE FUNCTION replication.collect() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    s replication.settings;
    n integer := 0;
    back text[];
BEGIN
    SELECT * INTO s FROM replication.settings;
    WITH got AS (
        SELECT q.id, q.instance_id, q.record_id, q.attempts, q.free_attempts, q.created_at, q.last_attempt_at,
               q.request_id, resp.status_code, resp.created,
               clock_timestamp() AS seen,
               replication.failure_kind(resp.status_code) AS kind,
               replication.retry_after_seconds(resp.status_code, resp.headers, clock_timestamp()) AS retry_after,
               coalesce(resp.timed_out, false) OR resp.error_msg ILIKE '%timeout%' OR resp.error_msg ILIKE '%timed out%' AS timed_out,
               CASE
                   WHEN resp.id IS NULL THEN 'no response recorded by pg_net (request lost)'
                   WHEN resp.status_code IS NULL AND resp.timed_out THEN coalesce('timeout: ' || resp.error_msg, 'timeout')
                   WHEN resp.status_code IS NULL THEN coalesce(resp.error_msg, 'request failed without a response')
                   WHEN resp.status_code BETWEEN 200 AND 299 THEN NULL
                   ELSE 'HTTP ' || resp.status_code || coalesce(': ' || left(resp.content, 300), '')
               END AS error
          FROM replication.replication_queue q
          LEFT JOIN net._http_response resp ON resp.id = q.request_id
         WHERE q.status = 'in_flight'
           AND (resp.id IS NOT NULL
                OR (q.last_attempt_at < clock_timestamp()
                        - make_interval(secs => s.timeout_ms / 1000.0 + s.lost_grace_seconds)
                    AND NOT EXISTS (SELECT 1 FROM net.http_request_queue hq WHERE hq.id = q.request_id)))
         ORDER BY q.id
           FOR UPDATE OF q
    ), pass AS (
        -- what this pass says about each instance
        SELECT g.instance_id,
               count(*) AS answered,
               count(*) FILTER (WHERE g.kind = 'ok') AS delivered,
               max(g.id) FILTER (WHERE g.kind <> 'instance') AS last_alive,
               (array_agg(g.error ORDER BY g.id) FILTER (WHERE g.status_code = 410))[1] AS gone_error,
               max(g.retry_after) AS retry_after,
               bool_or(g.status_code = 429) AS throttled,
               -- answers slower than the timeout: the receiver is slowing. Counted from the start of pg_net's
               -- pass (created), not from the dispatch: pg_net waits 1 s before every pass, which at a 1 s
               -- timeout made every clean answer look slow and held a resumed instance's window at 1.
               bool_or(g.timed_out
                       OR (g.status_code IS NOT NULL
                           AND g.seen - greatest(g.last_attempt_at, g.created)
                               > make_interval(secs => s.timeout_ms / 1000.0))) AS slow
          FROM got g
         GROUP BY g.instance_id
    ), tail AS (
        -- instance-level failures after the instance's last answer in this pass
        SELECT g.instance_id,
               count(DISTINCT g.record_id) AS records,
               array_agg(g.record_id) AS record_ids,
               (array_agg(g.record_id ORDER BY g.id))[1] AS first_record,
               (array_agg(g.id ORDER BY g.id))[1] AS first_item,
               -- a record out of retries while nothing else reached the instance since it was captured
               bool_or(g.attempts - g.free_attempts > s.max_retries AND g.status_code IS DISTINCT FROM 429
                       AND coalesce(i.last_sync_at, '-infinity') <= g.created_at) AS unexplained
          FROM got g
          JOIN pass p ON p.instance_id = g.instance_id
          JOIN replication.instances i ON i.instance_id = g.instance_id
         WHERE g.kind = 'instance' AND g.id > coalesce(p.last_alive, 0)
         GROUP BY g.instance_id
    ), judged AS (
        SELECT i.instance_id, i.is_active, i.state AS old_state, p.answered, p.delivered, p.last_alive,
               p.gone_error, p.retry_after, p.throttled, p.slow,
               t.first_record, t.first_item, t.instance_id IS NOT NULL AS failing,
               CASE WHEN p.last_alive IS NULL THEN i.streak_record_id END AS carried_record,
               CASE WHEN p.last_alive IS NULL THEN i.streak_item_id END AS carried_item,
               s.outage_policy = 'pause' AND t.instance_id IS NOT NULL
                   AND (t.unexplained
                        OR t.records + CASE WHEN p.last_alive IS NULL AND i.streak_record_id IS NOT NULL
                                                 AND NOT i.streak_record_id = ANY (t.record_ids) THEN 1 ELSE 0 END >= 2)
                   AS would_pause
          FROM pass p
          JOIN replication.instances i ON i.instance_id = p.instance_id
          LEFT JOIN tail t ON t.instance_id = p.instance_id
    ), health AS (
        SELECT j.*,
               CASE WHEN j.old_state = 'deactivated' OR j.gone_error IS NOT NULL THEN 'deactivated'
                    WHEN j.would_pause THEN 'paused'
                    WHEN j.delivered > 0 THEN 'active'
                    ELSE j.old_state END AS new_state
          FROM judged j
    ), decided AS (
        SELECT g.*, h.is_active, h.new_state,
               CASE
                   WHEN g.kind = 'ok' THEN 'success'
                   WHEN NOT h.is_active OR g.created_at < g.seen - s.max_age THEN 'failed'
                   WHEN h.new_state <> 'active' AND (g.kind = 'instance' OR g.status_code = 410) THEN 'pending'
                   WHEN g.status_code = 429 THEN 'pending'
                   WHEN replication.is_retryable(g.status_code) AND g.attempts - g.free_attempts <= s.max_retries THEN 'pending'
                   ELSE 'failed'
               END AS outcome,
               (h.new_state <> 'active' AND (g.kind = 'instance' OR g.status_code = 410)) AS held,
               g.status_code = 429 OR (h.new_state <> 'active' AND (g.kind = 'instance' OR g.status_code = 410)) AS free
          FROM got g
          JOIN health h ON h.instance_id = g.instance_id
    ), outcomes AS (
        SELECT d.*,
               CASE WHEN d.outcome = 'success' THEN NULL
                    ELSE coalesce(d.error, 'no error text')
                         || CASE WHEN d.outcome = 'failed' AND NOT d.is_active AND replication.is_retryable(d.status_code)
                                 THEN ' (instance deactivated, not retried)'
                                 WHEN d.outcome = 'failed' AND d.is_active AND d.created_at < d.seen - s.max_age
                                 THEN ' (not delivered within the maximum age of ' || s.max_age::text || ')'
                                 ELSE '' END
               END AS final_error
          FROM decided d
    ), items AS (
        UPDATE replication.replication_queue q
           SET status = o.outcome,
               last_status_code = o.status_code,
               last_error = o.final_error,
               free_attempts = q.free_attempts + CASE WHEN o.free THEN 1 ELSE 0 END,
               next_attempt_at = CASE
                   WHEN o.outcome <> 'pending' THEN q.next_attempt_at
                   WHEN o.held THEN o.seen  -- goes out as soon as the instance is back; probes pick their own
                   -- from when the attempt left (pg_net's pass start), not the tick that queued it:
                   -- pg_net waits up to a second before a pass, which the receiver must not lose from the backoff
                   ELSE greatest(greatest(o.last_attempt_at, coalesce(o.created, o.last_attempt_at)) + replication.backoff_for(
                                     o.attempts - o.free_attempts - CASE WHEN o.free THEN 1 ELSE 0 END, s.backoff_seconds),
                                 o.seen + make_interval(secs => coalesce(o.retry_after, 0)::double precision))
               END,
               completed_at = CASE WHEN o.outcome IN ('success', 'failed') THEN o.seen END,
               response_created_at = o.created,
               updated_at = o.seen
          FROM outcomes o
         WHERE q.id = o.id
        RETURNING q.id, q.instance_id, q.record_id, q.status
    ), attempts AS (
        UPDATE replication.delivery_attempts a
           SET finished_at = o.seen, response_created_at = o.created, status_code = o.status_code,
               error = o.final_error
          FROM outcomes o
         -- the attempt in flight only: pg_net's request ids restart after a crash, so an earlier attempt
         -- of the same item may carry the same id, and its outcome must stay its own
         WHERE a.queue_id = o.id AND a.request_id = o.request_id AND a.attempt = o.attempts
        RETURNING a.id
    ), per_instance AS (
        SELECT o.instance_id,
               count(*) FILTER (WHERE o.outcome = 'success') AS delivered,
               count(*) FILTER (WHERE o.outcome <> 'success') AS errors,
               (array_agg(o.outcome ORDER BY o.id DESC))[1] AS last_outcome,
               (array_agg(o.final_error ORDER BY o.id DESC))[1] AS last_error,
               max(o.seen) FILTER (WHERE o.outcome = 'success') AS last_success,
               max(o.seen) AS seen
          FROM outcomes o
         GROUP BY o.instance_id
    ), counters AS (
        UPDATE replication.instances i
           SET success_count = i.success_count + p.delivered,
               error_count = i.error_count + p.errors,
               last_sync_at = coalesce(p.last_success, i.last_sync_at),
               last_error = CASE WHEN p.last_outcome = 'success' THEN NULL ELSE p.last_error END,
               updated_at = clock_timestamp(),
               answered_at = CASE WHEN h.last_alive IS NOT NULL THEN p.seen ELSE i.answered_at END,
               -- instance health (SND-PAUSE-01, SND-GONE-01)
               state = h.new_state,
               pauses = i.pauses + CASE WHEN h.new_state = 'paused' AND h.old_state <> 'paused' THEN 1 ELSE 0 END,
               paused_since = CASE WHEN h.new_state <> 'paused' THEN NULL
                                   WHEN h.old_state = 'paused' THEN i.paused_since ELSE p.seen END,
               deactivated_reason = CASE WHEN h.new_state <> 'deactivated' THEN NULL
                                         WHEN h.old_state = 'deactivated' THEN i.deactivated_reason
                                         ELSE 'answered 410 Gone at ' || to_char(p.seen AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                                              || ': ' || h.gone_error END,
               streak_record_id = CASE WHEN h.new_state = 'active' THEN coalesce(h.carried_record, h.first_record)
                                       WHEN h.new_state = 'paused' AND h.old_state = 'active' THEN h.carried_record END,
               streak_item_id = CASE WHEN h.new_state = 'active' THEN coalesce(h.carried_item, h.first_item)
                                     WHEN h.new_state = 'paused' AND h.old_state = 'active' THEN h.carried_item END,
               probe_interval_seconds = CASE
                   WHEN h.new_state <> 'paused' THEN NULL
                   WHEN h.old_state <> 'paused' THEN s.backoff_seconds[1]
                   WHEN h.failing THEN least(i.probe_interval_seconds * 2, s.probe_max_seconds)
                   ELSE i.probe_interval_seconds END,
               next_probe_at = CASE
                   WHEN h.new_state <> 'paused' THEN NULL
                   WHEN h.old_state <> 'paused' OR h.failing THEN p.seen + make_interval(secs => greatest(
                       CASE WHEN h.old_state <> 'paused' THEN s.backoff_seconds[1]
                            ELSE least(i.probe_interval_seconds * 2, s.probe_max_seconds) END,
                       coalesce(h.retry_after, 0))::double precision)
                   ELSE i.next_probe_at END,
               in_flight_window = CASE
                   WHEN h.new_state <> 'active' THEN i.in_flight_window
                   WHEN h.old_state = 'paused' THEN 50  -- resumed: start small
                   -- a 429 sets a window even where none was; latency only narrows an existing one
                   WHEN h.throttled THEN greatest(1, coalesce(i.in_flight_window, 2 * h.answered) / 2)
                   WHEN h.slow AND i.in_flight_window IS NOT NULL THEN greatest(1, i.in_flight_window / 2)
                   -- its first answer: the collector sends what waited meanwhile at once, rather than the next
                   -- tick; a window of the whole batch limits nothing and is dropped by the next clean pass
                   WHEN i.answered_at IS NULL AND h.last_alive IS NOT NULL AND i.in_flight_window IS NULL
                        AND s.outage_policy = 'pause' THEN s.dispatch_batch_size
                   WHEN h.delivered = 0 OR i.in_flight_window IS NULL THEN i.in_flight_window
                   WHEN i.in_flight_window * 2 >= s.dispatch_batch_size THEN NULL
                   ELSE i.in_flight_window * 2 END
          FROM per_instance p
          JOIN health h ON h.instance_id = p.instance_id
         WHERE i.instance_id = p.instance_id
        RETURNING i.instance_id
    )
    SELECT count(*), array_agg(DISTINCT items.instance_id::text || ' ' || items.record_id::text)
                     FILTER (WHERE items.status = 'pending')
      INTO n, back
      FROM items;
    -- An item back to pending behind a newer snapshot captured while it was in flight: only the newest goes out.
    PERFORM replication.supersede_older(split_part(b, ' ', 1)::uuid, split_part(b, ' ', 2)::uuid)
       FROM unnest(back) b;
    PERFORM replication.reopen_streak_items();
    RETURN n;
END
$$;
COMMENT ON FUNCTION replication.collect() IS
    'SND-AUDIT-01: every in-flight item gets its outcome from net._http_response, and one whose request pg_net lost '
    '(a crash: SND-CRASH-01, SND-DELIV-01) counts as a connection error after timeout + grace and is retried; '
    'so no item stays in flight forever; '
    'SND-PAUSE-01: an unreachable instance is paused, probed and resumed, and nothing fails for it; '
    'SND-RETRYAFTER-01: a 429 or 503 is retried no sooner than its Retry-After, and a 429 never fails an item; '
    'SND-GONE-01: a 410 deactivates the instance, its items stay pending';

-- Sends every due item (at most max_items, and dispatch_batch_size) that is the oldest open item of
-- its (instance, record), oldest first, in one statement
-- (a loop of statements per item took a second per 2000 items, which the lag pays for).
-- Per instance: an active one gets at most its in-flight window (NULL: no limit) minus what it has
-- in flight (between_ticks, the collector's passes: only a resumed instance whose window is still
-- set, so that the drain keeps its window full rather than waiting for the next tick); an active one
-- that has not answered anything since it was registered gets one request at a time until it answers
-- (outage_policy 'pause' only): pg_net's pass ends with its slowest request, so every due item sent
-- to a receiver that never answers would hold up the pass that carries the other instances'
-- deliveries; a paused one gets one probe when next_probe_at has come and nothing is in flight, the
-- next pending item after the one probed last (then from the start again), whatever its backoff; a
-- deactivated one (410) gets nothing. Each instance's items are read through the index of its pending
-- items, so a backlog of a million costs a tick nothing.
-- Backoff: a retry is due "backoff" after the failed attempt left: the start of pg_net's pass that
-- sent it (net._http_response.created), or of the tick that queued it when pg_net recorded no
-- response (last_attempt_at); it goes out with the first tick from then on. pg_net waits up to a
-- second before each pass, so counting from the tick would let a retry reach the receiver up to a
-- second before its backoff. 100 ms of tolerance absorb pg_cron's start-up jitter.
-- Each item is locked and re-checked before sending (FOR UPDATE re-reads a row changed since the
-- selection): an instance deactivated since then has failed its pending items, and those must stay
-- failed and unsent.
CREATE OR REPLACE FUNCTION replication.dispatch(max_items integer DEFAULT NULL, between_ticks boolean DEFAULT false)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    s replication.settings;
    budget integer;
    qt record;
    picked bigint[];
    due_ids bigint[] := '{}';
    n integer;
BEGIN
    SELECT * INTO s FROM replication.settings;
    IF NOT s.enabled THEN
        RETURN 0;
    END IF;
    budget := least(s.dispatch_batch_size, coalesce(max_items, s.dispatch_batch_size));
    FOR qt IN
        WITH flying AS (
            -- fresh: sent less than the timeout (and a second) ago. An older one has either its outcome
            -- on the way or was lost with a crash, whose request id the next request brings to light.
            SELECT q.instance_id, count(*) AS n,
                   count(*) FILTER (WHERE q.last_attempt_at > now() - make_interval(secs => s.timeout_ms / 1000.0 + 1)) AS fresh
              FROM replication.replication_queue q
             WHERE q.status = 'in_flight'
             GROUP BY q.instance_id
        )
        SELECT i.instance_id, i.state = 'paused' AS probing,
               CASE WHEN i.state = 'paused' THEN coalesce(i.probe_cursor, 0) ELSE 0 END AS after_id,
               CASE
                   -- between ticks, only a resumed instance still draining through its window
                   WHEN between_ticks AND (i.state <> 'active' OR i.in_flight_window IS NULL) THEN 0
                   -- not answered yet since registered: one request at a time, so a dead receiver's timeouts
                   -- hold up at most one request of a pg_net pass rather than one per due item (SND-PAUSE-01,
                   -- the fan-out case)
                   WHEN i.state = 'active' AND s.outage_policy = 'pause' AND i.answered_at IS NULL
                        THEN greatest(1 - coalesce(f.fresh, 0), 0)
                   WHEN i.state = 'active' THEN least(budget, greatest(coalesce(i.in_flight_window, budget) - coalesce(f.n, 0), 0))
                   WHEN i.state = 'paused' AND i.next_probe_at <= now() + interval '100 milliseconds'
                        AND coalesce(f.n, 0) = 0 THEN 1
                   ELSE 0
               END AS n
          FROM replication.instances i
          LEFT JOIN flying f ON f.instance_id = i.instance_id
         WHERE i.is_active
    LOOP
        CONTINUE WHEN qt.n <= 0;
        -- Planned for this instance's id (EXECUTE plans with the values), so the planner reads this
        -- instance's own pending items through their index even when another holds a million.
        EXECUTE $q$
            SELECT array_agg(u.id) FROM (
                SELECT v.id FROM (
                    (SELECT q.id FROM replication.replication_queue q
                      WHERE q.instance_id = $1 AND q.status = 'pending' AND q.id > $2
                        AND ($4 OR q.next_attempt_at <= now() + interval '100 milliseconds')
                        AND NOT EXISTS (SELECT 1 FROM replication.replication_queue o
                                         WHERE o.instance_id = q.instance_id AND o.record_id = q.record_id
                                           AND o.status IN ('pending', 'in_flight') AND o.id < q.id)
                      ORDER BY q.id
                      LIMIT $3)
                    UNION ALL
                    (SELECT q.id FROM replication.replication_queue q
                      WHERE $2 > 0 AND q.instance_id = $1 AND q.status = 'pending'
                        AND NOT EXISTS (SELECT 1 FROM replication.replication_queue o
                                         WHERE o.instance_id = q.instance_id AND o.record_id = q.record_id
                                           AND o.status IN ('pending', 'in_flight') AND o.id < q.id)
                      ORDER BY q.id
                      LIMIT $3)) v
                LIMIT $3) u
        $q$ INTO picked USING qt.instance_id, qt.after_id, qt.n, qt.probing;
        due_ids := due_ids || coalesce(picked, '{}');
    END LOOP;
    IF cardinality(due_ids) = 0 THEN
        RETURN 0;
    END IF;
    WITH due AS (
        SELECT d.id FROM unnest(due_ids) d(id) ORDER BY d.id LIMIT budget
    ), locked AS (
        SELECT q.id, q.attempts, q.event_type, q.table_name, q.record_id, q.payload, q.instance_id
          FROM replication.replication_queue q
          JOIN due ON due.id = q.id
         WHERE q.status = 'pending'
         ORDER BY q.id
           FOR UPDATE OF q
    ), sent AS (
        SELECT l.id, l.attempts, l.instance_id, i.state = 'paused' AS probing,
               net.http_post(
                   url := i.http_endpoint,
                   body := l.payload,
                   headers := jsonb_build_object(
                       'Content-Type', 'application/json',
                       'X-Sync-Event-Type', l.event_type,
                       'X-Sync-Table', l.table_name,
                       'X-Sync-Record-Id', l.record_id::text)
                       || CASE WHEN i.auth_token IS NULL THEN '{}'::jsonb
                               ELSE jsonb_build_object('Authorization', 'Bearer ' || i.auth_token) END
                       || replication.signature_headers(l.instance_id, l.id, l.payload),   -- SND-SIG-01, R__07
                   timeout_milliseconds := s.timeout_ms) AS rid
          FROM locked l
          JOIN replication.instances i ON i.instance_id = l.instance_id
    ), probed AS (
        UPDATE replication.instances i
           SET probe_cursor = sent.id
          FROM sent
         WHERE sent.probing AND i.instance_id = sent.instance_id
        RETURNING i.instance_id
    ), marked AS (
        UPDATE replication.replication_queue q
           SET status = 'in_flight', request_id = sent.rid, attempts = q.attempts + 1,
               last_attempt_at = now(), updated_at = clock_timestamp()
          FROM sent
         WHERE q.id = sent.id
        RETURNING q.id, q.attempts, q.request_id
    )
    INSERT INTO replication.delivery_attempts (queue_id, attempt, request_id, sent_at)
    SELECT marked.id, marked.attempts, marked.request_id, clock_timestamp() FROM marked;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;
COMMENT ON FUNCTION replication.dispatch(integer, boolean) IS
    'SND-HDR-01: each due item goes to net.http_post with Content-Type, X-Sync-Event-Type, X-Sync-Table, '
    'X-Sync-Record-Id (and Authorization: Bearer), the row as JSON, and timeout_ms as its timeout (SND-TIME-01); '
    'SND-SIG-01: signed afresh at each attempt when the instance has a signing secret; '
    'SND-ORDER-01: only the oldest open item of an (instance, record) is sent; SND-PAUSE-01: a paused instance gets one '
    'probe at a time, at doubling intervals, and a resumed one no more than its in-flight window, topped up between '
    'ticks while it drains its backlog; one that has not answered yet since it was registered, one request at a time, '
    'so that a dead receiver does not hold up the others'' deliveries';

-- One cadence tick, run by pg_cron: first collect the outcomes, then send what is due (dispatch =>
-- false: collect only, as replication.collect_for does between ticks). An advisory lock keeps
-- two ticks (cron and a manual call) from interleaving: a dispatch tick waits for it, a collector
-- pass that finds it taken is skipped (the tick collects anyway).
CREATE OR REPLACE FUNCTION replication.tick(dispatch boolean DEFAULT true) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
    collected integer;
    sent integer := 0;
    started timestamptz := clock_timestamp();
BEGIN
    IF tick.dispatch THEN
        -- A dispatch tick waits for a collector pass (a few milliseconds) rather than skip a cadence.
        PERFORM pg_advisory_xact_lock(hashtext('replication.tick'));
    ELSIF NOT pg_try_advisory_xact_lock(hashtext('replication.tick')) THEN
        RETURN jsonb_build_object('skipped', true);
    END IF;
    collected := replication.collect();
    IF tick.dispatch THEN
        PERFORM replication.fail_expired();
        sent := replication.dispatch();
    ELSE
        -- A resumed instance drains its backlog as fast as its window lets it, not one window per cadence.
        sent := replication.dispatch(NULL, between_ticks => true);
    END IF;
    RETURN jsonb_build_object('collected', collected, 'sent', sent,
                              'ms', round(extract(epoch FROM clock_timestamp() - started) * 1000));
END
$$;
COMMENT ON FUNCTION replication.tick(boolean) IS
    'SND-CAD-01: every cadence (5 s) pg_cron collects the outcomes and sends every due change';

-- The collector between ticks: pg_cron starts it every second (job replication-collect); it collects
-- every every_seconds for about run_seconds, each pass in a transaction of its own, so an outcome is
-- recorded within a fraction of a second of pg_net storing it.
CREATE OR REPLACE PROCEDURE replication.collect_for(run_seconds numeric DEFAULT 0.8, every_seconds numeric DEFAULT 0.2)
LANGUAGE plpgsql AS $$
DECLARE
    deadline timestamptz := clock_timestamp() + make_interval(secs => run_seconds::double precision);
BEGIN
    LOOP
        PERFORM replication.tick(dispatch => false);
        COMMIT;
        EXIT WHEN clock_timestamp() + make_interval(secs => every_seconds::double precision) > deadline;
        PERFORM pg_sleep(every_seconds::double precision);
    END LOOP;
END
$$;
COMMENT ON PROCEDURE replication.collect_for(numeric, numeric) IS
    'SND-STAT-01: outcomes (and the counters that follow them) are recorded within a fraction of a second of the answer';

-- The cadence tick as pg_cron runs it (job replication-dispatch): collect, then send in chunks of
-- `chunk` items, each committed at once, so pg_net (which sends only what is committed) starts on the
-- first chunk while the next is prepared; a tick of thousands of items no longer holds them all back
-- until its end. At most dispatch_batch_size items per tick, as tick() does in one transaction.
CREATE OR REPLACE PROCEDURE replication.run_tick(chunk integer DEFAULT 500)
LANGUAGE plpgsql AS $$
DECLARE
    budget integer;
    sent integer;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('replication.tick'));
    PERFORM replication.collect();
    PERFORM replication.fail_expired();
    SELECT s.dispatch_batch_size INTO budget FROM replication.settings s;
    COMMIT;
    LOOP
        PERFORM pg_advisory_xact_lock(hashtext('replication.tick'));
        sent := replication.dispatch(least(chunk, budget));
        budget := budget - sent;
        COMMIT;
        EXIT WHEN sent < least(chunk, budget + sent) OR budget <= 0;
    END LOOP;
END
$$;
COMMENT ON PROCEDURE replication.run_tick(integer) IS
    'SND-CAD-01: every cadence (5 s) pg_cron collects the outcomes and sends every due change, committed in chunks '
    'so that pg_net starts sending at once';
