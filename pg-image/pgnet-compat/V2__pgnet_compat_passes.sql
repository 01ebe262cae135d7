-- V2 of the pg_net stand-in: the pass in progress, so that it paces as pg_net 0.20 does.
-- Released: never edit this file; change the stand-in's tables with a new V<n>__ file.
--
-- pg_net's worker takes up to pg_net.batch_size queued requests (a pass), sends them concurrently,
-- commits their outcomes together when the slowest ends, then waits up to 1 s before the next pass.
-- The stand-in's coordinator claims a pass here; its senders each take one request of it at a time
-- and park the outcome in `response`; when every request of the pass has an outcome, the coordinator
-- moves them to net._http_response and removes the requests from net.http_request_queue in one
-- transaction. Unlogged like pg_net's own tables: a crash empties it together with the queue.

CREATE UNLOGGED TABLE net._compat_pass (
    request_id   bigint PRIMARY KEY,
    pass_started timestamptz NOT NULL,
    sent         boolean NOT NULL DEFAULT false,
    response     net._http_response
);
CREATE INDEX ON net._compat_pass (request_id) WHERE NOT sent;
