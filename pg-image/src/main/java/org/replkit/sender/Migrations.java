package org.replkit.sender;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to the kit's schema: the extensions first (pg_cron; pg_net, or the pg_net
 * stand-in where pg_net is not installed), then each file of pg-image/sql not yet applied, in
 * file-name order, each in one transaction with its row in replication.schema_migrations.
 * Safe to run again and from several processes at once (an advisory lock serialises them).
 */
final class Migrations {

    static final String SQL_FOLDER = "pg-image/sql";
    static final String PGNET_COMPAT = "pg-image/pgnet-compat/pgnet-compat.sql";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final long LOCK_KEY = 0x7265706c6b6974L; // "replkit"

    private Migrations() {
    }

    /** Applies what is missing; returns the names of the migration files applied now. */
    static List<String> apply(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
            try {
                ensureExtensions(c);
                return applyMigrations(c);
            } finally {
                st.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** "pg_net" or "pgnet-compat": which of the two provides schema net in this database. */
    static String netProvider(Connection c) throws SQLException {
        return queryBoolean(c, "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_net')") ? "pg_net" : "pgnet-compat";
    }

    private static void ensureExtensions(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_cron");
            if (queryBoolean(c, "SELECT to_regnamespace('net') IS NULL")) {
                if (queryBoolean(c, "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_net')")) {
                    st.execute("CREATE EXTENSION pg_net");
                } else {
                    LOG.info("pg_net is not installed here: applying the pg_net-compatible layer");
                    inTransaction(c, ClasspathFiles.read(PGNET_COMPAT), null);
                }
            }
        }
    }

    private static List<String> applyMigrations(Connection c) throws SQLException {
        Set<String> applied = new HashSet<>();
        if (queryBoolean(c, "SELECT to_regclass('replication.schema_migrations') IS NOT NULL")) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT name FROM replication.schema_migrations")) {
                while (rs.next()) {
                    applied.add(rs.getString(1));
                }
            }
        }
        List<String> now = ClasspathFiles.list(SQL_FOLDER, ".sql").stream().filter(n -> !applied.contains(n)).toList();
        for (String name : now) {
            LOG.debug("applying {}", name);
            inTransaction(c, ClasspathFiles.read(SQL_FOLDER + "/" + name), name);
        }
        return now;
    }

    private static void inTransaction(Connection c, String sql, String migrationName) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute(sql);
            if (migrationName != null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO replication.schema_migrations (name) VALUES (?)")) {
                    ps.setString(1, migrationName);
                    ps.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw new SQLException("applying " + (migrationName == null ? "the pg_net-compatible layer" : migrationName)
                    + " failed: " + e.getMessage(), e.getSQLState(), e);
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static boolean queryBoolean(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
