-- A broken sender for kit verify-sender's self-test (never applied outside its tests): it never retries: a 5xx, a timeout or a connection error fails the item at once.
-- A copy of the function in pg-image/sql/R__02_delivery.sql with the planted defect marked.
CREATE OR REPLACE FUNCTION replication.is_retryable(status_code integer) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    -- PLANTED DEFECT: nothing is retryable.
    SELECT false
$$;
