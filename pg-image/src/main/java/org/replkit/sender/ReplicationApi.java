package org.replkit.sender;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * What the kit reads of a running sender's queue, whoever started the sender: the one place that
 * spells the queue's open states, so chaos, load and the tests wait for it the same way.
 * {@link SenderDatabase} starts and stops a sender; this only reads one.
 */
public final class ReplicationApi {

    /** A new connection to the sender database; the caller closes it. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    /** The items a wait is about: the whole queue, some instances' items, or those captured since a moment. */
    public static final class Scope {
        private final String condition;
        private final Binder binder;

        private interface Binder {
            void bind(Connection c, PreparedStatement ps) throws SQLException;
        }

        private Scope(String condition, Binder binder) {
            this.condition = condition;
            this.binder = binder;
        }

        public static Scope wholeQueue() {
            return new Scope("", (c, ps) -> { });
        }

        /** Only these instances' items (a removed or black-holed instance's items may wait for good). */
        public static Scope instances(Collection<UUID> instances) {
            return new Scope(" AND instance_id = ANY (?)", (c, ps) -> ps.setArray(1, c.createArrayOf("uuid", instances.toArray())));
        }

        /** The items of one record for one instance (a single delivery the kit waits for). */
        public static Scope record(UUID instance, UUID recordId) {
            return new Scope(" AND instance_id = ? AND record_id = ?", (c, ps) -> {
                ps.setObject(1, instance);
                ps.setObject(2, recordId);
            });
        }

        /** Only items captured at or after {@code since} (a run's own items in a shared sender). */
        public static Scope capturedSince(java.time.Instant since) {
            return new Scope(" AND created_at >= ?", (c, ps) -> ps.setTimestamp(1, Timestamp.from(since)));
        }
    }

    private static final String OPEN = "SELECT count(*) FROM replication.replication_queue WHERE status IN ('pending', 'in_flight')";

    private final Connector connector;

    public ReplicationApi(Connector connector) {
        this.connector = connector;
    }

    public static ReplicationApi at(String jdbcUrl) {
        return new ReplicationApi(() -> DriverManager.getConnection(jdbcUrl));
    }

    /** replication.get_queue_stats(), from one snapshot. */
    public QueueStats queueStats() throws SQLException {
        try (Connection c = connector.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT (s->>'pending')::bigint, (s->>'success')::bigint, (s->>'failed')::bigint, "
                        + "(s->>'total')::bigint FROM replication.get_queue_stats() s");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new QueueStats(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
        }
    }

    /**
     * The newest queue item of a record for an instance, as it stands: its status (pending, in_flight,
     * success, failed, superseded), the receiver's last HTTP status and the last error.
     */
    public record Item(String status, Integer lastStatusCode, String lastError) {}

    /** The newest item of {@code recordId} for {@code instance}, if the trigger queued one. */
    public java.util.Optional<Item> newestItem(UUID instance, UUID recordId) throws SQLException {
        try (Connection c = connector.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT status, last_status_code, last_error FROM replication.replication_queue "
                        + "WHERE instance_id = ? AND record_id = ? ORDER BY id DESC LIMIT 1")) {
            ps.setObject(1, instance);
            ps.setObject(2, recordId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? java.util.Optional.of(new Item(rs.getString(1), rs.getObject(2) == null ? null : rs.getInt(2), rs.getString(3)))
                        : java.util.Optional.empty();
            }
        }
    }

    /** Items of the scope not final yet: pending (new or waiting for a retry) or in flight. */
    public long open(Scope scope) throws SQLException {
        // A fresh connection each time: a sender restarted mid-wait is read again once it is back.
        try (Connection c = connector.connect(); PreparedStatement ps = c.prepareStatement(OPEN + scope.condition)) {
            scope.binder.bind(c, ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Waits until no item of the scope is open, or {@code limit} has passed, reading every
     * {@code poll}; {@code progress} sees each count read. Returns the last count: 0 when the queue
     * settled.
     */
    public long awaitSettled(Scope scope, Duration limit, Duration poll, LongConsumer progress)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            long open = open(scope);
            progress.accept(open);
            if (open == 0 || System.nanoTime() >= deadline) {
                return open;
            }
            Thread.sleep(poll.toMillis());
        }
    }
}
