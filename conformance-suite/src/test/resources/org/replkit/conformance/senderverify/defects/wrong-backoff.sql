-- A broken sender for kit verify-sender's self-test (never applied outside its tests): it waits the first backoff before every retry (5, 5, 5 s instead of 5, 10, 20 s).
-- A copy of the function in pg-image/sql/R__02_delivery.sql with the planted defect marked.
CREATE OR REPLACE FUNCTION replication.backoff_for(retry integer, backoffs numeric[]) RETURNS interval
LANGUAGE sql IMMUTABLE AS $$
    -- PLANTED DEFECT: always the first backoff.
    SELECT make_interval(secs => backoffs[1]::double precision)
$$;
