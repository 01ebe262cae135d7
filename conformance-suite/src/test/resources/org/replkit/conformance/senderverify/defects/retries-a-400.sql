-- A broken sender for kit verify-sender's self-test (never applied outside its tests): it retries a 4xx like a 5xx.
-- A copy of the function in pg-image/sql/R__02_delivery.sql with the planted defect marked.
CREATE OR REPLACE FUNCTION replication.is_retryable(status_code integer) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    -- PLANTED DEFECT: a 4xx is retried too.
    SELECT status_code IS NULL OR status_code >= 400
$$;
