package org.replkit.conformance.senderverify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * The sender's database as kit verify-sender uses it: plain JDBC, nothing applied to it. It commits
 * the kit's rows and, where the sender has the kit's {@code replication} schema, calls its
 * documented status functions; it never reads the sender's settings or internals.
 */
public final class SenderUnderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String jdbcUrl;

    public SenderUnderTest(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** @throws SQLException when the database cannot be reached (the caller says so in one line) */
    public void ping() throws SQLException {
        try (Connection c = connection(); Statement st = c.createStatement()) {
            st.execute("SELECT 1");
        }
    }

    /** The URL for reports: user and host, never a password. */
    public String describe() {
        return redact(jdbcUrl);
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("(//[^/:@]+):[^@/]*@", "$1:***@");
    }

    /** True when the documented status functions (replication.get_instance_status, get_queue_stats) exist. */
    public boolean hasReplicationSchema() throws SQLException {
        try (Connection c = connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regprocedure('replication.get_queue_stats()') IS NOT NULL"
                     + " AND to_regprocedure('replication.list_active_instances()') IS NOT NULL")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Runs one statement in a transaction of its own; returns the moment the commit returned. */
    public Instant commit(String sql) throws SQLException {
        try (Connection c = connection(); Statement st = c.createStatement()) {
            st.execute(sql);
            return Instant.now();
        }
    }

    /** A query's single value as JSON (a jsonb or text column), or empty for no row or NULL. */
    public Optional<JsonNode> json(String sql, String... args) throws SQLException {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return Optional.empty();
                }
                return Optional.of(JSON.readTree(rs.getString(1)));
            } catch (java.io.IOException e) {
                throw new SQLException("not JSON: " + e.getMessage(), e);
            }
        }
    }

    /** A query's single text value, or null. */
    public String text(String sql, String... args) throws SQLException {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    Connection connection() throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl);
        c.setAutoCommit(true);
        return c;
    }
}
