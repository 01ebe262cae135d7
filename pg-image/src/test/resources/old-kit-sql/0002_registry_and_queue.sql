-- Settings, the instance registry and the audit trail (replication_queue).

-- One row. Defaults are the spec's: push every 5 s, 5 s timeout, retries after 5, 10 and 20 s, 3 retries.
-- Tests scale time down through replication.configure(...).
CREATE TABLE replication.settings (
    singleton           boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    enabled             boolean NOT NULL DEFAULT true,
    cadence_seconds     integer NOT NULL DEFAULT 5 CHECK (cadence_seconds BETWEEN 1 AND 59),
    timeout_ms          integer NOT NULL DEFAULT 5000 CHECK (timeout_ms > 0),
    backoff_seconds     numeric[] NOT NULL DEFAULT '{5,10,20}'
                        CHECK (cardinality(backoff_seconds) >= 1 AND 0 <= ALL (backoff_seconds)),
    max_retries         integer NOT NULL DEFAULT 3 CHECK (max_retries >= 0),
    dispatch_batch_size integer NOT NULL DEFAULT 1000 CHECK (dispatch_batch_size > 0),
    -- An item sent but with no response after timeout + this grace is treated as a connection error
    -- (pg_net keeps responses in an unlogged table: a crash or the TTL can lose them).
    lost_grace_seconds  integer NOT NULL DEFAULT 30 CHECK (lost_grace_seconds >= 0)
);
INSERT INTO replication.settings DEFAULT VALUES;

CREATE TABLE replication.instances (
    instance_id   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    instance_name text NOT NULL CHECK (length(instance_name) >= 1),
    http_endpoint text NOT NULL CHECK (http_endpoint ~* '^https?://'),
    table_name    text NOT NULL CHECK (table_name IN ('approved_patterns', 'execution_metrics')),
    is_active     boolean NOT NULL DEFAULT true,
    auth_token    text CHECK (auth_token IS NULL OR length(auth_token) >= 1),
    success_count bigint NOT NULL DEFAULT 0 CHECK (success_count >= 0),
    error_count   bigint NOT NULL DEFAULT 0 CHECK (error_count >= 0),
    last_sync_at  timestamptz,
    last_error    text,
    registered_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX instances_active_table ON replication.instances (table_name) WHERE is_active;

-- One row per (change, instance). status: pending -> in_flight -> success | failed
-- (in_flight goes back to pending while retries are left).
CREATE TABLE replication.replication_queue (
    id               bigserial PRIMARY KEY,
    instance_id      uuid NOT NULL REFERENCES replication.instances (instance_id),
    table_name       text NOT NULL,
    event_type       text NOT NULL CHECK (event_type IN ('INSERT', 'UPDATE')),
    record_id        uuid NOT NULL,
    payload          jsonb NOT NULL,
    status           text NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'in_flight', 'success', 'failed')),
    attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    request_id       bigint,
    last_status_code integer,
    last_error       text,
    last_attempt_at  timestamptz,
    completed_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at       timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX replication_queue_open ON replication.replication_queue (instance_id, record_id, id)
    WHERE status IN ('pending', 'in_flight');
CREATE INDEX replication_queue_in_flight ON replication.replication_queue (request_id)
    WHERE status = 'in_flight';
CREATE INDEX replication_queue_status ON replication.replication_queue (status);
CREATE INDEX replication_queue_instance ON replication.replication_queue (instance_id, status);

-- Every attempt of every item: when it was sent, what came back (attempt restarts at 1 after a requeue).
CREATE TABLE replication.delivery_attempts (
    id           bigserial PRIMARY KEY,
    queue_id     bigint NOT NULL REFERENCES replication.replication_queue (id) ON DELETE CASCADE,
    attempt      integer NOT NULL CHECK (attempt >= 1),
    request_id   bigint NOT NULL,
    sent_at      timestamptz NOT NULL,
    finished_at  timestamptz,
    status_code  integer,
    error        text
);
CREATE INDEX delivery_attempts_item ON replication.delivery_attempts (queue_id, request_id);
