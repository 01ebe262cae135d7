package org.replkit.load.capacity;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The baseline: how fast the pg_net in use sends on its own. One transaction queues {@code count}
 * requests with net.http_post in a loop, to the same receiver endpoint and with the same body shape
 * and headers the trigger schema sends (a full approved_patterns row as JSON, each with its own id);
 * the rate is count over the time from the commit until pg_net has stored every response.
 */
public final class RawSendRate {

    private static final String QUEUE = """
            SELECT min(rid), max(rid) FROM (
              SELECT net.http_post(
                       url := ?,
                       body := to_jsonb(jsonb_populate_record(NULL::public.approved_patterns, jsonb_build_object(
                                 'id', r.id, 'name', 'raw_pg_net_' || r.n, 'ecosystem', 'elixir',
                                 'frequency', r.n, 'confidence', 0.94, 'description', 'raw pg_net baseline',
                                 'examples', '{"code_snippet": "use GenServer", "usage_context": "stateful workers"}'::jsonb,
                                 'best_practices', ARRAY['keep state small'], 'approved_at', clock_timestamp(),
                                 'last_synced_at', clock_timestamp(), 'instances_count', 1,
                                 'inserted_at', clock_timestamp(), 'updated_at', clock_timestamp()))),
                       headers := jsonb_build_object('Content-Type', 'application/json', 'X-Sync-Event-Type', 'INSERT',
                                 'X-Sync-Table', 'approved_patterns', 'X-Sync-Record-Id', r.id::text),
                       timeout_milliseconds := ?) AS rid
                FROM (SELECT n, gen_random_uuid() AS id FROM generate_series(1, ?) AS n) r) q
            """;

    private RawSendRate() {
    }

    /**
     * @param ok          responses with a 2xx status
     * @param requests    requests queued
     * @param seconds     from the commit until the last response was stored
     */
    public record Result(long requests, long ok, double seconds) {
        public double perSecond() {
            return seconds > 0 ? ok / seconds : 0;
        }

        /** Several rounds as one: their requests over their time. */
        public static Result combined(java.util.List<Result> rounds) {
            return new Result(rounds.stream().mapToLong(Result::requests).sum(), rounds.stream().mapToLong(Result::ok).sum(),
                    rounds.stream().mapToDouble(Result::seconds).sum());
        }
    }

    public static Result measure(String jdbcUrl, String endpoint, int count, int timeoutMs, Duration limit) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            c.setAutoCommit(false);
            long first;
            long last;
            try (PreparedStatement ps = c.prepareStatement(QUEUE)) {
                ps.setString(1, endpoint);
                ps.setInt(2, timeoutMs);
                ps.setInt(3, count);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    first = rs.getLong(1);
                    last = rs.getLong(2);
                }
            }
            long committed = System.nanoTime();
            c.commit();
            c.setAutoCommit(true);
            long deadline = committed + limit.toNanos();
            long answered = 0;
            long done = committed;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*), count(*) FILTER (WHERE status_code BETWEEN 200 AND 299) FROM net._http_response "
                            + "WHERE id BETWEEN ? AND ?")) {
                ps.setLong(1, first);
                ps.setLong(2, last);
                long ok = 0;
                while (System.nanoTime() < deadline) {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        answered = rs.getLong(1);
                        ok = rs.getLong(2);
                    }
                    done = System.nanoTime();
                    if (answered >= count) {
                        break;
                    }
                    sleep(25);
                }
                try (Statement st = c.createStatement()) {
                    // The baseline's responses are not the sender's business: leave nothing for the collector.
                    st.execute("DELETE FROM net._http_response WHERE id BETWEEN " + first + " AND " + last);
                }
                return new Result(count, ok, (done - committed) / 1e9);
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
