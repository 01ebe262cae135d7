package org.replkit.sender;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The settings without which a sender database cannot send, checked before anything is written:
 * pg_cron must be preloaded and serve this database (cron.database_name), or CREATE EXTENSION pg_cron
 * fails with a message that does not say what to do. Once the schema is there,
 * replication.setup_problems() checks these and pg_net's settings too (same wording), for
 * {@code connect()}, {@code ./kit sender status} and the status endpoint.
 */
final class SetupCheck {

    private SetupCheck() {
    }

    /** One line per problem; empty when pg_cron can run the sender's jobs in this database. */
    static List<String> beforeMigrating(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT current_setting('shared_preload_libraries'), current_setting('cron.database_name', true), "
                        + "current_database(), EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pgcrypto')")) {
            rs.next();
            List<String> preload = Arrays.stream(rs.getString(1).split(",")).map(String::trim).toList();
            String cronDb = rs.getString(2);
            String here = rs.getString(3);
            List<String> problems = new ArrayList<>();
            if (!preload.contains("pg_cron")) {
                problems.add("pg_cron is not in shared_preload_libraries: no job runs and nothing is sent; "
                        + "add it and restart Postgres");
            } else if (!here.equals(cronDb)) {
                problems.add("cron.database_name is '" + cronDb + "' but the sender schema is in '" + here
                        + "': pg_cron runs no job here and nothing is sent; set cron.database_name = '" + here
                        + "' and restart Postgres");
            }
            if (!rs.getBoolean(4)) {
                problems.add("the extension pgcrypto is not installed: the sender signs deliveries with it (SND-SIG-01); "
                        + "install PostgreSQL's contrib modules (Debian: part of postgresql-17)");
            }
            return problems;
        }
    }
}
