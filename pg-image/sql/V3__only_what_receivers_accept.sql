-- V3: the sender's rows can only hold what the record schemas accept, so that a receiver which
-- refuses what the schemas refuse never loses a record the sender can send (the catalogue's level
-- line: what the sender can send is decided by the schemas and these constraints together).
-- Released: never edit this file; change the schema with a new V<n>__ file.
--
--   * names are never blank (schema: "pattern": "\S"): a receiver may treat a blank name as missing;
--   * figures are finite: PostgreSQL's 'NaN' and 'Infinity' pass ">= 0" but are JSON strings, not numbers;
--   * best_practices holds no NULL element (schema: an array of strings);
--   * timestamps stay within years 0002-9999, which every offset writes as an RFC 3339 date-time
--     (year 0 and beyond 9999 are not).
-- A database holding rows that break these refuses the migration, naming the constraint.

ALTER TABLE public.approved_patterns
    ADD CONSTRAINT approved_patterns_name_not_blank CHECK (name ~ '\S'),
    ADD CONSTRAINT approved_patterns_ecosystem_not_blank CHECK (ecosystem ~ '\S'),
    ADD CONSTRAINT approved_patterns_best_practices_no_null CHECK (array_position(best_practices, NULL) IS NULL),
    ADD CONSTRAINT approved_patterns_times_rfc3339 CHECK (
        inserted_at BETWEEN '0002-01-01 00:00:00+00' AND '9999-12-30 23:59:59+00'
        AND updated_at BETWEEN '0002-01-01 00:00:00+00' AND '9999-12-30 23:59:59+00'
        AND (approved_at IS NULL OR approved_at BETWEEN '0002-01-01 00:00:00+00' AND '9999-12-30 23:59:59+00')
        AND (last_synced_at IS NULL OR last_synced_at BETWEEN '0002-01-01 00:00:00+00' AND '9999-12-30 23:59:59+00'));

ALTER TABLE public.execution_metrics
    ADD CONSTRAINT execution_metrics_instance_id_not_blank CHECK (instance_id ~ '\S'),
    ADD CONSTRAINT execution_metrics_figures_finite CHECK (
        (avg_execution_time_ms IS NULL OR avg_execution_time_ms < 'Infinity'::double precision)
        AND (total_memory_used_mb IS NULL OR total_memory_used_mb < 'Infinity'::double precision)
        AND (p50_execution_time_ms IS NULL OR p50_execution_time_ms < 'Infinity'::double precision)
        AND (p95_execution_time_ms IS NULL OR p95_execution_time_ms < 'Infinity'::double precision)
        AND (p99_execution_time_ms IS NULL OR p99_execution_time_ms < 'Infinity'::double precision)),
    ADD CONSTRAINT execution_metrics_times_rfc3339 CHECK (
        period_start BETWEEN '0002-01-01 00:00:00+00' AND '9999-12-30 23:59:59+00'
        AND period_end BETWEEN '0002-01-01 00:00:00+00' AND '9999-12-30 23:59:59+00'
        AND inserted_at BETWEEN '0002-01-01 00:00:00+00' AND '9999-12-30 23:59:59+00'
        AND updated_at BETWEEN '0002-01-01 00:00:00+00' AND '9999-12-30 23:59:59+00');
