package org.replkit.receivers.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.replkit.receivers.store.EphemeralPostgres;

/**
 * The PostgreSQL the tests use: the database named by the environment variable
 * {@code KIT_TEST_PG_URL} (CI sets it), or else one {@link EphemeralPostgres} per test JVM.
 * Each caller gets its own schema, so tests never see each other's rows.
 */
public final class TestPostgres {

    public static final String ENV = "KIT_TEST_PG_URL";

    private static String baseUrl;

    private TestPostgres() {
    }

    public static synchronized String baseUrl() {
        if (baseUrl == null) {
            String configured = System.getenv(ENV);
            if (configured != null && !configured.isBlank()) {
                baseUrl = configured.trim();
            } else {
                baseUrl = EphemeralPostgres.start().jdbcUrl(); // stopped when the JVM exits
            }
        }
        return baseUrl;
    }

    /** A JDBC URL whose currentSchema is a new, unique schema (created by the store on first use). */
    public static String freshSchemaUrl() {
        String schema = "kit_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String base = baseUrl();
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Drops the schema a {@link #freshSchemaUrl()} named. */
    public static void dropSchema(String url) {
        String schema = url.replaceAll(".*currentSchema=([a-z0-9_]+).*", "$1");
        try (Connection c = DriverManager.getConnection(baseUrl()); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema, e);
        }
    }
}
