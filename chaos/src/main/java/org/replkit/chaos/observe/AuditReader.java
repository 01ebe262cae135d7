package org.replkit.chaos.observe;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.replkit.chaos.history.Event;
import org.replkit.chaos.history.Json;
import org.replkit.chaos.history.Times;
import org.replkit.chaos.workload.Marker;
import org.replkit.spec.SyncTable;

/**
 * Reads what the sender recorded, once the queue has drained, into the history: every audit item
 * and attempt, each instance's counters, each record's newest row, and the write log.
 */
public final class AuditReader {

    private AuditReader() {
    }

    /** @param laneByInstance each registered instance's lane */
    public static void read(Connection c, Map<UUID, String> laneByInstance, Consumer<Event> history) throws SQLException {
        try (Statement st = c.createStatement()) {
            eachRow(st, """
                    SELECT id, instance_id, table_name, record_id, event_type, payload::text, status, attempts,
                           last_status_code, last_error, created_at, completed_at
                      FROM replication.replication_queue ORDER BY id""", rs -> {
                UUID instance = rs.getObject(2, UUID.class);
                String table = rs.getString(3);
                JsonNode payload = json(rs.getString(6));
                history.accept(new Event.Item(rs.getLong(1), laneByInstance.getOrDefault(instance, instance.toString()),
                        instance, table, rs.getObject(4, UUID.class), rs.getString(5),
                        Times.parse(payload.get("updated_at").asText()), Marker.fromRecord(table, payload), rs.getString(7),
                        rs.getInt(8), (Integer) rs.getObject(9), rs.getString(10), instant(rs.getTimestamp(11)),
                        instant(rs.getTimestamp(12))));
            });
            eachRow(st, """
                    SELECT queue_id, attempt, request_id, sent_at, finished_at, status_code, error
                      FROM replication.delivery_attempts ORDER BY id""", rs ->
                    history.accept(new Event.Attempt(rs.getLong(1), rs.getInt(2), rs.getLong(3), instant(rs.getTimestamp(4)),
                            instant(rs.getTimestamp(5)), (Integer) rs.getObject(6), rs.getString(7))));
            // The retry backoff counts from the start of the tick that sent the attempt (pg_cron logs when each run began).
            eachRow(st, """
                    SELECT d.start_time, d.end_time, d.status FROM cron.job_run_details d JOIN cron.job j ON j.jobid = d.jobid
                     WHERE j.jobname = 'replication-dispatch' AND d.start_time IS NOT NULL ORDER BY d.start_time""", rs ->
                    history.accept(new Event.Tick(instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2)), rs.getString(3))));
            // Where the sender keeps a delivery state per instance (active, paused, deactivated), it goes in too.
            eachRow(st, """
                    SELECT instance_id, success_count, error_count, last_error, last_sync_at, to_jsonb(i)::text
                      FROM replication.instances i""", rs -> {
                UUID instance = rs.getObject(1, UUID.class);
                JsonNode row = json(rs.getString(6));
                if (laneByInstance.containsKey(instance)) {
                    history.accept(new Event.InstanceCounters(laneByInstance.get(instance), instance, rs.getLong(2),
                            rs.getLong(3), rs.getString(4), instant(rs.getTimestamp(5))));
                    if (row.hasNonNull("state")) {
                        history.accept(new Event.InstanceState(laneByInstance.get(instance), instance, row.get("state").asText(),
                                reason(row)));
                    }
                }
            });
            for (String table : List.of(SyncTable.PATTERNS.tableName(), SyncTable.METRICS.tableName())) {
                eachRow(st, "SELECT id, to_jsonb(t)::text FROM public." + table + " t ORDER BY inserted_at", rs -> {
                    JsonNode row = json(rs.getString(2));
                    history.accept(new Event.SenderRow(table, rs.getObject(1, UUID.class),
                            Times.parse(row.get("updated_at").asText()), Marker.fromRecord(table, row), row));
                });
            }
            List<Long> seqs = new ArrayList<>();
            eachRow(st, "SELECT seq FROM chaos_run.writes ORDER BY seq", rs -> seqs.add(rs.getLong(1)));
            history.accept(new Event.SenderWrites(seqs));
        }
    }

    /** Reads one row of a result set. */
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void eachRow(Statement st, String sql, RowReader reader) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                reader.read(rs);
            }
        }
    }

    /** The reason given with an instance's state, under whichever column name the sender uses for it. */
    private static String reason(JsonNode instance) {
        return Stream.of("state_reason", "deactivated_reason", "reason", "paused_reason").filter(instance::hasNonNull)
                .map(field -> instance.get(field).asText()).findFirst().orElse(null);
    }

    private static JsonNode json(String text) throws SQLException {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new SQLException("the sender holds JSON that cannot be read", e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
