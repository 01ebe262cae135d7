-- The replicated tables of CentralCloud: approved_patterns (to Singularity, POST /sync/patterns) and
-- execution_metrics (to Genesis, POST /sync/metrics). Every timestamp is timestamptz so that the JSON
-- body carries an RFC 3339 date-time with an offset, as spec/schemas/*-record.schema.json require.

CREATE SCHEMA IF NOT EXISTS replication;

-- Which migration files have been applied (the runner and the Docker init script insert here).
CREATE TABLE IF NOT EXISTS replication.schema_migrations (
    name       text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE public.approved_patterns (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    ecosystem       text NOT NULL CHECK (length(ecosystem) BETWEEN 1 AND 64),
    frequency       bigint NOT NULL DEFAULT 0 CHECK (frequency >= 0),
    confidence      double precision NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    description     text,
    examples        jsonb CHECK (examples IS NULL OR jsonb_typeof(examples) = 'object'),
    best_practices  text[],
    approved_at     timestamptz,
    last_synced_at  timestamptz,
    instances_count integer CHECK (instances_count >= 0),
    inserted_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at      timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE public.execution_metrics (
    id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    period_start          timestamptz NOT NULL,
    period_end            timestamptz NOT NULL,
    jobs_completed        bigint NOT NULL DEFAULT 0 CHECK (jobs_completed >= 0),
    jobs_failed           bigint NOT NULL DEFAULT 0 CHECK (jobs_failed >= 0),
    success_rate          double precision NOT NULL CHECK (success_rate >= 0 AND success_rate <= 1),
    avg_execution_time_ms double precision CHECK (avg_execution_time_ms >= 0),
    total_memory_used_mb  double precision CHECK (total_memory_used_mb >= 0),
    p50_execution_time_ms double precision CHECK (p50_execution_time_ms >= 0),
    p95_execution_time_ms double precision CHECK (p95_execution_time_ms >= 0),
    p99_execution_time_ms double precision CHECK (p99_execution_time_ms >= 0),
    instance_id           text NOT NULL CHECK (length(instance_id) BETWEEN 1 AND 255),
    inserted_at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at            timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT execution_metrics_period_order CHECK (period_end >= period_start),
    CONSTRAINT execution_metrics_percentile_order CHECK (
        (p50_execution_time_ms IS NULL OR p95_execution_time_ms IS NULL OR p50_execution_time_ms <= p95_execution_time_ms)
        AND (p95_execution_time_ms IS NULL OR p99_execution_time_ms IS NULL OR p95_execution_time_ms <= p99_execution_time_ms)
        AND (p50_execution_time_ms IS NULL OR p99_execution_time_ms IS NULL OR p50_execution_time_ms <= p99_execution_time_ms))
);

-- Receivers order the snapshots of one record by updated_at, so every UPDATE moves it strictly forward,
-- even two updates in one transaction (clock_timestamp, not now) or an UPDATE that sets an older value.
CREATE FUNCTION replication.bump_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := greatest(clock_timestamp(), OLD.updated_at + interval '1 microsecond');
    RETURN NEW;
END
$$;

CREATE TRIGGER approved_patterns_bump_updated_at
    BEFORE UPDATE ON public.approved_patterns
    FOR EACH ROW EXECUTE FUNCTION replication.bump_updated_at();

CREATE TRIGGER execution_metrics_bump_updated_at
    BEFORE UPDATE ON public.execution_metrics
    FOR EACH ROW EXECUTE FUNCTION replication.bump_updated_at();
