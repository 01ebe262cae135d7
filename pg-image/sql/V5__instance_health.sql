-- V5: instance health (pause and resume, 410 deactivation), Retry-After, coalescing of superseded
-- snapshots, the outage policy and the maximum age of an item.
-- Released: never edit this file; change the schema with a new V<n>__ file.

-- An instance is 'active', 'paused' (unreachable: only probes go out) or 'deactivated' (it answered
-- 410 Gone: nothing goes out until it is registered again; its items stay pending).
ALTER TABLE replication.instances
    ADD COLUMN state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused', 'deactivated')),
    ADD COLUMN paused_since timestamptz,
    ADD COLUMN pauses bigint NOT NULL DEFAULT 0 CHECK (pauses >= 0),  -- times paused since registered
    ADD COLUMN deactivated_reason text,
    -- The first record (and its item) of the current run of instance-level failures; a failure of a
    -- second record in a row pauses the instance.
    ADD COLUMN streak_record_id uuid,
    ADD COLUMN streak_item_id bigint,
    -- While paused: when the next probe may go out, the interval that got it there (doubling up to
    -- probe_max_seconds), and the item probed last (probes rotate among the pending items).
    ADD COLUMN next_probe_at timestamptz,
    ADD COLUMN probe_interval_seconds numeric,
    ADD COLUMN probe_cursor bigint,
    -- Requests allowed in flight at once (NULL: no limit but dispatch_batch_size). Set small when an
    -- instance resumes, doubled by each pass that comes back fast and clean, halved on 429 or latency.
    ADD COLUMN in_flight_window integer CHECK (in_flight_window IS NULL OR in_flight_window >= 1);

ALTER TABLE replication.settings
    -- 'pause': an unreachable instance is paused and probed, nothing fails for it; 'fail': the spec's
    -- literal schedule for every failure, 3 retries then failed.
    ADD COLUMN outage_policy text NOT NULL DEFAULT 'pause' CHECK (outage_policy IN ('pause', 'fail')),
    -- The longest wait between two probes of a paused instance (they start at the first backoff, doubling).
    ADD COLUMN probe_max_seconds numeric NOT NULL DEFAULT 60 CHECK (probe_max_seconds > 0),
    -- An item not delivered this long after its change was captured ends failed.
    ADD COLUMN max_age interval NOT NULL DEFAULT interval '24 hours' CHECK (max_age > interval '0');

-- 'superseded': a newer snapshot of the same record was captured for the instance before this one was
-- sent; only the newest goes out. Final, like success and failed.
ALTER TABLE replication.replication_queue DROP CONSTRAINT replication_queue_status_check;
ALTER TABLE replication.replication_queue ADD CONSTRAINT replication_queue_status_check
    CHECK (status IN ('pending', 'in_flight', 'success', 'failed', 'superseded'));
ALTER TABLE replication.replication_queue
    -- Attempts that do not count toward max_retries: answered 429, or made while the instance was paused.
    ADD COLUMN free_attempts integer NOT NULL DEFAULT 0 CHECK (free_attempts >= 0),
    -- The item that superseded this one.
    ADD COLUMN superseded_by bigint;

-- Dispatch takes each instance's oldest pending items; status and the maximum age read the oldest
-- open item of an instance; neither scans a backlog of a million items.
CREATE INDEX replication_queue_pending_by_instance ON replication.replication_queue (instance_id, id)
    WHERE status = 'pending';
CREATE INDEX replication_queue_open_by_age ON replication.replication_queue (instance_id, created_at)
    WHERE status IN ('pending', 'in_flight');

DROP INDEX replication.replication_queue_final_by_age;
CREATE INDEX replication_queue_final_by_age ON replication.replication_queue (completed_at)
    WHERE status IN ('success', 'failed', 'superseded');
