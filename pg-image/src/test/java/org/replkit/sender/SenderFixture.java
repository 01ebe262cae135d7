package org.replkit.sender;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** SQL helpers for the sender tests: write rows, read the queue and the attempt log. */
final class SenderFixture {

    /** pg_cron's log of the sender's dispatch ticks (job replication-dispatch), aliased d. */
    private static final String DISPATCH_RUNS = "FROM cron.job_run_details d JOIN cron.job j USING (jobid) "
            + "WHERE j.jobname = 'replication-dispatch' ";

    private final SenderDatabase db;

    SenderFixture(SenderDatabase db) {
        this.db = db;
    }

    UUID insertPattern(String name) throws SQLException {
        return queryUuid("INSERT INTO approved_patterns (name, ecosystem, frequency, confidence, description, examples, "
                + "best_practices, approved_at, instances_count) VALUES (?, 'elixir', 156, 0.94, 'GenServer state', "
                + "'{\"code_snippet\": \"def init(s)\", \"usage_context\": \"state\"}', ARRAY['supervise it'], now(), 3) "
                + "RETURNING id", name);
    }

    UUID insertMetrics(String instance) throws SQLException {
        return queryUuid("INSERT INTO execution_metrics (period_start, period_end, jobs_completed, jobs_failed, success_rate, "
                + "avg_execution_time_ms, total_memory_used_mb, p50_execution_time_ms, p95_execution_time_ms, "
                + "p99_execution_time_ms, instance_id) VALUES (now() - interval '5 minutes', now(), 156, 3, 0.98, 892, "
                + "2450, 750, 2100, 3500, ?) RETURNING id", instance);
    }

    void updatePattern(UUID id, int frequency) throws SQLException {
        execute("UPDATE approved_patterns SET frequency = ? WHERE id = ?", frequency, id);
    }

    /** One queue item: status, attempts, last_status_code, last_error. */
    record Item(long id, String status, int attempts, Integer lastStatusCode, String lastError, String eventType) {
    }

    List<Item> items(UUID instanceId) throws SQLException {
        List<Item> items = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, status, attempts, last_status_code, last_error, event_type FROM replication.replication_queue "
                        + "WHERE instance_id = ? ORDER BY id")) {
            ps.setObject(1, instanceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(new Item(rs.getLong(1), rs.getString(2), rs.getInt(3),
                            (Integer) rs.getObject(4), rs.getString(5), rs.getString(6)));
                }
            }
        }
        return items;
    }

    /** success_count, error_count, last_sync_at (as text), last_error of an instance. */
    Map<String, Object> instance(UUID instanceId) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT success_count, error_count, last_sync_at::text, last_error FROM replication.instances "
                        + "WHERE instance_id = ?")) {
            ps.setObject(1, instanceId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("success_count", rs.getLong(1));
                m.put("error_count", rs.getLong(2));
                m.put("last_sync_at", rs.getString(3));
                m.put("last_error", rs.getString(4));
                return m;
            }
        }
    }

    long count(String sql, Object... args) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    String text(String sql, Object... args) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * Waits for a dispatch tick that starts from now on: after a change of cadence pg_cron reloads
     * its jobs, and the first tick on the new schedule can come later than one cadence.
     */
    /** The database's clock now, as text: comparable with pg_cron's and the audit trail's times. */
    String now() throws SQLException {
        return text("SELECT clock_timestamp()::text");
    }

    /**
     * Dispatch ticks that started after {@code committedBefore} and ended before the record's first
     * delivery attempt: each saw the committed change and did not send it (SND-CAD-01 wants 0).
     */
    long dispatchTicksThatLeftUnsent(UUID recordId, String committedBefore) throws SQLException {
        return count("SELECT count(*) " + DISPATCH_RUNS + "AND d.start_time > ?::timestamptz "
                + "AND d.end_time < (SELECT min(a.sent_at) FROM replication.delivery_attempts a "
                + "JOIN replication.replication_queue q ON q.id = a.queue_id WHERE q.record_id = ?)",
                committedBefore, recordId);
    }

    /** The median time between the starts of consecutive dispatch ticks since {@code since}, by pg_cron's log. */
    double medianDispatchTickGapMillis(String since) throws SQLException {
        return Double.parseDouble(text("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY gap)::text FROM ("
                + "SELECT extract(epoch FROM d.start_time - lag(d.start_time) OVER (ORDER BY d.start_time)) * 1000 AS gap "
                + DISPATCH_RUNS + "AND d.start_time > ?::timestamptz) g WHERE gap IS NOT NULL",
                since));
    }

    void awaitNextTick() throws Exception {
        String since = now();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        while (count("SELECT count(*) " + DISPATCH_RUNS + "AND d.start_time > ?::timestamptz "
                + "AND d.status = 'succeeded'", since) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no dispatch tick within 15 s");
            }
            Thread.sleep(50);
        }
    }

    void execute(String sql, Object... args) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.execute();
        }
    }

    void executeAll(String... statements) throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private UUID queryUuid(String sql, Object... args) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }
}
