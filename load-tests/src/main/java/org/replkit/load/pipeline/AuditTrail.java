package org.replkit.load.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The pipeline's figures, read from the sender's audit trail (replication.replication_queue) for the
 * items captured since a given instant: how many were delivered, failed or are still open, the
 * deliveries per second, and the replication lag from commit (the item's created_at, set by the
 * capture trigger in the committing transaction) to acknowledgement (completed_at, when the
 * sender's collector saw the receiver's 2xx).
 */
public final class AuditTrail {

    private static final String FIGURES = """
            SELECT count(*) FILTER (WHERE status = 'success'),
                   count(*) FILTER (WHERE status = 'failed'),
                   count(*) FILTER (WHERE status IN ('pending', 'in_flight')),
                   percentile_cont(0.50) WITHIN GROUP (ORDER BY lag_ms) FILTER (WHERE status = 'success'),
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY lag_ms) FILTER (WHERE status = 'success'),
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY lag_ms) FILTER (WHERE status = 'success'),
                   max(lag_ms) FILTER (WHERE status = 'success'),
                   extract(epoch FROM max(completed_at) FILTER (WHERE status = 'success') - min(created_at)),
                   max(attempts)
              FROM (SELECT status, attempts, created_at, completed_at,
                           extract(epoch FROM completed_at - created_at) * 1000 AS lag_ms
                      FROM replication.replication_queue
                     WHERE created_at >= ?) items
            """;

    private AuditTrail() {
    }

    public static Figures since(Connection c, Instant start) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIGURES)) {
            ps.setTimestamp(1, Timestamp.from(start));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long delivered = rs.getLong(1);
                double windowS = rs.getDouble(8);
                return new Figures(delivered, rs.getLong(2), rs.getLong(3),
                        windowS > 0 ? delivered / windowS : 0,
                        Math.round(rs.getDouble(4)), Math.round(rs.getDouble(5)), Math.round(rs.getDouble(6)),
                        Math.round(rs.getDouble(7)), rs.getInt(9));
            }
        }
    }

    /**
     * @param deliveriesPerSecond delivered items over the time from the first capture to the last acknowledgement
     * @param maxAttempts         the most attempts any item needed (1: no retry was needed)
     */
    public record Figures(long delivered, long failed, long open, double deliveriesPerSecond,
                          long lagP50Ms, long lagP95Ms, long lagP99Ms, long lagMaxMs, int maxAttempts) {}
}
