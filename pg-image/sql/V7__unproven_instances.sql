-- V7: when each instance last answered, so that one that has not answered yet (or whose latest
-- outcomes are instance-level failures) gets one request at a time: a dead receiver then holds up at
-- most one request of a pg_net pass, not one per due item (the fan-out case of SND-PAUSE-01).
-- Released: never edit this file; change the schema with a new V<n>__ file.

ALTER TABLE replication.instances
    -- The last time the instance answered a request with anything but an instance-level failure
    -- (a 2xx, a 500, a 400, a 410, ...); NULL: it has not answered yet since it was registered.
    ADD COLUMN answered_at timestamptz;

-- Instances registered before this file have delivered as before: they count as having answered.
UPDATE replication.instances SET answered_at = coalesce(last_sync_at, updated_at, clock_timestamp());
