package org.replkit.receivers.status;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the status document from the sender database, through the registry's SQL functions
 * (replication.list_active_instances, replication.get_queue_stats, replication.get_settings,
 * replication.health), all read in one statement so the figures come from one snapshot and add up
 * (STAT-FIG-01). {@code health}
 * reports as errors what keeps the sender from sending: a pg_cron or pg_net setting, or requests
 * held in pg_net's queue for longer than a few timeouts (a stall). {@code pacing} names who sends and
 * warns before the lag grows.
 */
final class StatusReader {

    private static final String QUERY = "SELECT replication.list_active_instances()::text, "
            + "replication.get_queue_stats()::text, replication.get_settings()::text, replication.health()::text";

    private final DataSource dataSource;
    private final ObjectMapper json;

    StatusReader(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** STAT-SCHEMA-01: the response body of GET /admin/replication/status, in the spec's shape. */
    ObjectNode read() throws SQLException {
        try (Connection c = dataSource.getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(QUERY)) {
            rs.next();
            ObjectNode settings = (ObjectNode) json.readTree(rs.getString(3));
            ObjectNode body = json.createObjectNode();
            body.set("instances", json.readTree(rs.getString(1)));
            body.set("queue_stats", json.readTree(rs.getString(2)));
            body.put("replication_enabled", settings.path("enabled").asBoolean());
            body.put("replication_interval_seconds", settings.path("cadence_seconds").asInt());
            body.set("health", json.readTree(rs.getString(4)));
            ObjectNode pacing = readPacing(c);
            if (pacing != null) {
                body.set("pacing", pacing);
            }
            return body;
        }
    }

    /**
     * SND-STAT-01: who sends (pg_net and its version, or the stand-in), the recent commit rate and the
     * pass capacity, with a warning line when the deliveries offered exceed it (replication.pacing).
     * Not one of the spec's figures, so read beside them rather than in their snapshot; null on a
     * schema without it (a database an older kit migrated, served until the kit migrates it again).
     */
    private ObjectNode readPacing(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regprocedure('replication.pacing(integer)') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return null;
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT replication.pacing()::text")) {
            rs.next();
            return (ObjectNode) json.readTree(rs.getString(1));
        }
    }
}
