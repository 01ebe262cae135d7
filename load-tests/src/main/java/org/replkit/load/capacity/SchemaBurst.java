package org.replkit.load.capacity;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The trigger schema's own send rate, measured like the baseline ({@link RawSendRate}): {@code rows}
 * patterns are committed while sending is paused (the capture trigger queues one item per row and
 * active instance), then sending is resumed and one tick started by hand; the rate is the items
 * delivered over the time from that tick until the audit trail has every one final, so it includes
 * the dispatch, pg_net, and the collector that records each outcome.
 */
public final class SchemaBurst {

    private SchemaBurst() {
    }

    /** @param delivered items acknowledged; failed items end as failed (a burst must have none) */
    public record Result(long items, long delivered, long failed, double seconds) {
        public double perSecond() {
            return seconds > 0 ? delivered / seconds : 0;
        }

        /** Several rounds as one: their deliveries over their time. */
        public static Result combined(java.util.List<Result> rounds) {
            return new Result(rounds.stream().mapToLong(Result::items).sum(), rounds.stream().mapToLong(Result::delivered).sum(),
                    rounds.stream().mapToLong(Result::failed).sum(), rounds.stream().mapToDouble(Result::seconds).sum());
        }
    }

    public static Result measure(String jdbcUrl, int rows, Duration limit) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement()) {
            long firstItem;
            try (ResultSet rs = st.executeQuery("SELECT coalesce(max(id), 0) + 1 FROM replication.replication_queue")) {
                rs.next();
                firstItem = rs.getLong(1);
            }
            st.execute("SELECT replication.configure(enabled => false)");
            st.execute("INSERT INTO public.approved_patterns (name, ecosystem, frequency, confidence, description, examples, "
                    + "best_practices, approved_at, last_synced_at, instances_count) SELECT 'burst_' || n, 'elixir', n, 0.94, "
                    + "'schema burst', '{\"code_snippet\": \"use GenServer\", \"usage_context\": \"stateful workers\"}'::jsonb, "
                    + "ARRAY['keep state small'], clock_timestamp(), clock_timestamp(), 1 FROM generate_series(1, " + rows + ") n");
            long items;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM replication.replication_queue WHERE id >= " + firstItem)) {
                rs.next();
                items = rs.getLong(1);
            }
            st.execute("SELECT replication.configure(enabled => true)");
            long started = System.nanoTime();
            // A tick now, as pg_cron runs it, rather than at the next cadence (if pg_cron's runs at this
            // instant, the two take turns and send the items between them).
            st.execute("CALL replication.run_tick()");
            long deadline = started + limit.toNanos();
            long delivered = 0;
            long failed = 0;
            long done = started;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FILTER (WHERE status = 'success'), "
                    + "count(*) FILTER (WHERE status = 'failed') FROM replication.replication_queue WHERE id >= ?")) {
                ps.setLong(1, firstItem);
                while (System.nanoTime() < deadline) {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        delivered = rs.getLong(1);
                        failed = rs.getLong(2);
                    }
                    done = System.nanoTime();
                    if (delivered + failed >= items) {
                        break;
                    }
                    RawSendRate.sleep(25);
                }
            }
            return new Result(items, delivered, failed, (done - started) / 1e9);
        }
    }
}
