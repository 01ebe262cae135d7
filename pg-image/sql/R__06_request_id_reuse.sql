-- Repeatable: re-applied whenever this file changes.
-- pg_net's request ids restart after a crash. Its queue (net.http_request_queue) and responses
-- (net._http_response) are unlogged tables, and since PostgreSQL 15 the id sequence of an unlogged
-- table is unlogged too: crash recovery empties both tables and starts the ids again at 1. An item
-- that was in flight when the sender crashed still holds its old request id; when pg_net hands that
-- id out again, the item must not be credited with the new request's answer (found by ./kit chaos:
-- an item marked success for a request that had timed out, or had never been sent).
--
-- Whenever the dispatcher gives an item a request id, any other item still in flight with the same
-- id holds a request that died with the crash: it is recorded as a connection error and retried.

CREATE OR REPLACE FUNCTION replication.release_reused_request_id() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    stale record;
BEGIN
    FOR stale IN
        SELECT q.id
          FROM replication.replication_queue q
         WHERE q.status = 'in_flight' AND q.request_id = NEW.request_id AND q.id <> NEW.id
         ORDER BY q.id
    LOOP
        PERFORM replication.record_outcome(stale.id, NULL,
            'request lost: pg_net gave its id (' || NEW.request_id || ') to a new request; the sender database restarted after a crash',
            clock_timestamp());
    END LOOP;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION replication.release_reused_request_id() IS
    'SND-AUDIT-01: an item in flight whose pg_net request id is handed to a new request (ids restart after a crash) '
    'is recorded as a connection error and retried, never credited with the other request''s answer.';

DROP TRIGGER IF EXISTS replication_queue_request_id_reused ON replication.replication_queue;
CREATE TRIGGER replication_queue_request_id_reused
    AFTER UPDATE OF request_id ON replication.replication_queue
    FOR EACH ROW WHEN (NEW.status = 'in_flight' AND NEW.request_id IS NOT NULL)
    EXECUTE FUNCTION replication.release_reused_request_id();
