-- V2: completion times as the collector saw them, retention, the stall bound and the sender's tuning.
-- Released: never edit this file; change the schema with a new V<n>__ file.

-- completed_at / finished_at now say when the collector saw the outcome (clock_timestamp()). pg_net's
-- own timestamp (net._http_response.created: when its worker started the batch) is kept beside them.
ALTER TABLE replication.replication_queue ADD COLUMN response_created_at timestamptz;
ALTER TABLE replication.delivery_attempts ADD COLUMN response_created_at timestamptz;
COMMENT ON COLUMN replication.replication_queue.completed_at IS
    'when the collector saw the final outcome (clock_timestamp()), or when the item was failed without sending';
COMMENT ON COLUMN replication.replication_queue.response_created_at IS
    'net._http_response.created of the last attempt: when pg_net''s worker started that batch, not when the answer came';
COMMENT ON COLUMN replication.delivery_attempts.finished_at IS
    'when the collector saw this attempt''s outcome (clock_timestamp())';
COMMENT ON COLUMN replication.delivery_attempts.response_created_at IS
    'net._http_response.created: when pg_net''s worker started the batch that sent this attempt';

ALTER TABLE replication.settings
    -- replication.prune() removes final items whose outcome is older than this (pg_cron, hourly).
    ADD COLUMN retention interval NOT NULL DEFAULT interval '7 days' CHECK (retention >= interval '0'),
    -- A request still in net.http_request_queue this many timeouts after it was queued is a stall.
    ADD COLUMN stall_timeouts integer NOT NULL DEFAULT 6 CHECK (stall_timeouts >= 1),
    -- pg_net.batch_size for this database (NULL: pg_net's own default, 200).
    ADD COLUMN pgnet_batch_size integer CHECK (pgnet_batch_size IS NULL OR pgnet_batch_size >= 1),
    -- Workers of the pg_net stand-in (ignored where the real pg_net sends).
    ADD COLUMN standin_workers integer NOT NULL DEFAULT 4 CHECK (standin_workers BETWEEN 1 AND 32);

-- At most 10000 items per tick (was 1000: at a 5 s cadence a cap of 200 deliveries per second).
ALTER TABLE replication.settings ALTER COLUMN dispatch_batch_size SET DEFAULT 10000;
UPDATE replication.settings SET dispatch_batch_size = 10000 WHERE dispatch_batch_size = 1000;

CREATE INDEX replication_queue_final_by_age ON replication.replication_queue (completed_at)
    WHERE status IN ('success', 'failed');

-- The bookkeeping of the runner before Flyway; flyway_schema_history replaces it.
DROP TABLE IF EXISTS replication.schema_migrations;
