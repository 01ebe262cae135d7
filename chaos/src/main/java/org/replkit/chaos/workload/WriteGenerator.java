package org.replkit.chaos.workload;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.replkit.chaos.history.Event;
import org.replkit.chaos.history.Json;
import org.replkit.chaos.history.Times;
import org.replkit.spec.SyncTable;

/**
 * The generator: commits rows into the sender database at a steady rate, each write in its own
 * transaction, inserts and updates of existing ids mixed, both tables. Ids and the choice of
 * operation come from the seed. Each write also records its number in the sender's own write log
 * (schema chaos_run, same transaction), so a write whose outcome was unknown (the sender went down
 * during the commit) can be looked up afterwards, and a write the sender acknowledged but lost is
 * seen as such.
 *
 * <p>Single-threaded: writes are numbered and committed in order.
 */
public final class WriteGenerator {

    /** How often an update picks one of the most recent ids: hot records get many snapshots in flight at once. */
    private static final double HOT_SHARE = 0.7;
    private static final int HOT_IDS = 20;

    private static final String INSERT_PATTERN = logged("approved_patterns", """
              INSERT INTO public.approved_patterns (id, name, ecosystem, frequency, confidence, description, examples,
                                                    best_practices, approved_at, instances_count)
              VALUES (?, ?, 'elixir', ?, ?, 'written by kit chaos',
                      '{"code_snippet": "use GenServer", "usage_context": "chaos run"}'::jsonb,
                      ARRAY['keep state small', 'supervise it'], clock_timestamp(), 1)""");
    private static final String UPDATE_PATTERN = logged("approved_patterns",
            "UPDATE public.approved_patterns SET name = ?, frequency = ?, confidence = ? WHERE id = ?");
    private static final String INSERT_METRICS = logged("execution_metrics", """
              INSERT INTO public.execution_metrics (id, period_start, period_end, jobs_completed, jobs_failed, success_rate,
                                                    avg_execution_time_ms, total_memory_used_mb, p50_execution_time_ms,
                                                    p95_execution_time_ms, p99_execution_time_ms, instance_id)
              VALUES (?, clock_timestamp() - interval '5 minutes', clock_timestamp(), ?, 3, ?, ?, 2450, 750, 2100, 3500, 'kit-chaos')""");
    private static final String UPDATE_METRICS = logged("execution_metrics",
            "UPDATE public.execution_metrics SET jobs_completed = ?, success_rate = ?, avg_execution_time_ms = ? WHERE id = ?");

    /** The write, and its number in the sender's write log, in one statement; returns the row as written. */
    private static String logged(String table, String write) {
        return "WITH w AS (" + write + " RETURNING *),\n"
                + "log AS (INSERT INTO chaos_run.writes (seq, table_name, record_id, row) SELECT ?, '" + table + "', w.id, to_jsonb(w) FROM w)\n"
                + "SELECT to_jsonb(w) FROM w";
    }

    private final String jdbcUrl;
    private final Random random;
    private final double updateShare;
    private final Consumer<Event> history;
    private final Map<String, List<UUID>> known = Map.of(SyncTable.PATTERNS.tableName(), new ArrayList<>(),
            SyncTable.METRICS.tableName(), new ArrayList<>());
    private final List<Write> unknown = new ArrayList<>();
    private Connection connection;
    private long seq;
    private long committed;
    private long failed;
    private long unknownResolved;

    /** One write: its number, table, operation and id. */
    private record Write(long seq, String table, String op, UUID id) {}

    /** What the writer did: writes acknowledged, refused or failed, and unknown at the time. */
    public record Figures(long attempted, long committed, long failed, long unknown) {}

    public WriteGenerator(String jdbcUrl, long seed, double updateShare, Consumer<Event> history) {
        this.jdbcUrl = jdbcUrl;
        this.random = new Random(seed ^ 0x5DEECE66DL);
        this.updateShare = updateShare;
        this.history = history;
    }

    /** Creates (or empties) the sender's write log. */
    public static void prepare(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS chaos_run");
            st.execute("CREATE TABLE IF NOT EXISTS chaos_run.writes (seq bigint PRIMARY KEY, table_name text NOT NULL, "
                    + "record_id uuid NOT NULL, row jsonb NOT NULL, committed_at timestamptz NOT NULL DEFAULT clock_timestamp())");
            st.execute("COMMENT ON TABLE chaos_run.writes IS 'kit chaos: the write log of the current chaos run (not replicated)'");
            st.execute("TRUNCATE chaos_run.writes");
        }
    }

    /**
     * Writes at {@code rowsPerSecond} until {@code length} has passed (or the thread is interrupted).
     * A failed write is recorded and the next one goes ahead on schedule.
     */
    public void run(Duration length, double rowsPerSecond) throws InterruptedException {
        long period = Math.round(1_000_000_000L / rowsPerSecond);
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long next = start;
        while (next < end) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            writeOne();
            next += period;
            // After a stall (a connection attempt to a stopped sender) go on from now, not in a burst.
            long now = System.nanoTime();
            if (now - next > 1_000_000_000L) {
                next = now;
            }
        }
        closeConnection();
    }

    /** One write, in its own transaction; recorded in the history as committed, failed or unknown. */
    void writeOne() {
        if (seq >= Marker.MAX_SEQ) {
            throw new IllegalStateException("more than " + Marker.MAX_SEQ + " writes: shorten the run or lower the rate");
        }
        long n = ++seq;
        boolean metrics = random.nextBoolean();
        String table = metrics ? SyncTable.METRICS.tableName() : SyncTable.PATTERNS.tableName();
        List<UUID> ids = known.get(table);
        boolean update = !ids.isEmpty() && random.nextDouble() < updateShare;
        UUID id = update ? pick(ids) : new UUID(random.nextLong(), random.nextLong());
        Write w = new Write(n, table, update ? "UPDATE" : "INSERT", id);
        double variable = Math.round(random.nextDouble() * 1000) / 1000.0;
        Connection c;
        try {
            c = connection();
        } catch (SQLException e) {
            fail(w, "cannot connect: " + firstLine(e), false);
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql(metrics, update))) {
            bind(ps, w, metrics, update, variable);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    fail(w, "the row to update was not found", false);
                    return;
                }
                JsonNode row = Json.MAPPER.readTree(rs.getString(1));
                committed++;
                if (!update) {
                    ids.add(id);
                }
                history.accept(new Event.Commit(Instant.now(), n, table, w.op(), id,
                        Times.parse(row.get("updated_at").asText()), row, null));
            }
        } catch (SQLException e) {
            boolean lostConnection = isConnectionTrouble(e);
            if (lostConnection) {
                closeConnection();
            }
            // The statement may have committed before the connection broke: look it up afterwards.
            fail(w, firstLine(e), lostConnection);
        } catch (IOException e) {
            throw new IllegalStateException("the sender returned a row that is not JSON", e);
        }
    }

    private void fail(Write w, String error, boolean outcomeUnknown) {
        if (outcomeUnknown) {
            unknown.add(w);
            return;
        }
        failed++;
        history.accept(new Event.CommitFailed(Instant.now(), w.seq(), w.table(), w.op(), w.id(), error, false));
    }

    /**
     * Looks up every write whose outcome was unknown in the sender's write log: found means committed
     * (recorded as a commit, with the row as written), absent means it did not commit.
     */
    public void resolveUnknown(Connection c) throws SQLException {
        for (Write w : unknown) {
            try (PreparedStatement ps = c.prepareStatement("SELECT row::text, committed_at FROM chaos_run.writes WHERE seq = ?")) {
                ps.setLong(1, w.seq());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        JsonNode row = Json.MAPPER.readTree(rs.getString(1));
                        committed++;
                        history.accept(new Event.Commit(rs.getTimestamp(2).toInstant(), w.seq(), w.table(), w.op(), w.id(),
                                Times.parse(row.get("updated_at").asText()), row,
                                "the connection broke during the commit; found committed in the sender's write log"));
                    } else {
                        failed++;
                        history.accept(new Event.CommitFailed(Instant.now(), w.seq(), w.table(), w.op(), w.id(),
                                "the connection broke during the commit; not in the sender's write log", true));
                    }
                }
            } catch (IOException e) {
                throw new SQLException("the write log holds a row that is not JSON", e);
            }
        }
        unknownResolved = unknown.size();
        unknown.clear();
    }

    public Figures figures() {
        return new Figures(seq, committed, failed, unknownResolved + unknown.size());
    }

    private UUID pick(List<UUID> ids) {
        if (ids.size() > HOT_IDS && random.nextDouble() < HOT_SHARE) {
            return ids.get(ids.size() - 1 - random.nextInt(HOT_IDS));
        }
        return ids.get(random.nextInt(ids.size()));
    }

    private static String sql(boolean metrics, boolean update) {
        return metrics ? (update ? UPDATE_METRICS : INSERT_METRICS) : (update ? UPDATE_PATTERN : INSERT_PATTERN);
    }

    /** The statement's parameters in its order; the last one is always the write's number for the write log. */
    private static void bind(PreparedStatement ps, Write w, boolean metrics, boolean update, double variable) throws SQLException {
        long n = w.seq();
        List<Object> values = metrics
                ? (update ? List.of(n, Marker.successRate(n), 500 + variable * 1000, w.id())
                        : List.of(w.id(), n, Marker.successRate(n), 500 + variable * 1000))
                : (update ? List.of(Marker.patternName(n), n, variable, w.id()) : List.of(w.id(), Marker.patternName(n), n, variable));
        for (int i = 0; i < values.size(); i++) {
            ps.setObject(i + 1, values.get(i));
        }
        ps.setLong(values.size() + 1, n);
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Properties p = new Properties();
            p.setProperty("connectTimeout", "2");
            p.setProperty("socketTimeout", "15");
            p.setProperty("tcpKeepAlive", "true");
            connection = DriverManager.getConnection(jdbcUrl, p);
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // broken anyway
            }
            connection = null;
        }
    }

    /** SQLSTATE class 08 (connection exception), 57P0x (shutdown, crash): the server or the link went away. */
    static boolean isConnectionTrouble(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("08") || state.startsWith("57P") || e.getCause() instanceof IOException;
    }

    private static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
