package org.replkit.sender;

import org.replkit.spec.SyncTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.replkit.spec.SchemaValidator;
import org.replkit.spec.SpecSchema;

/** The trigger schema on its own: constraints, updated_at, the JSON sent, the registry functions. */
class SchemaTest {

    private static final SchemaValidator SCHEMAS = new SchemaValidator();

    private SenderDatabase db;
    private SenderFixture sql;

    @BeforeEach
    void freshSender() throws SQLException {
        db = SharedSender.get();
        db.reset();
        sql = new SenderFixture(db);
        sql.executeAll("SELECT replication.configure(enabled => false)"); // nothing is sent here
    }

    @Test
    void theTimingAndTuningSetAreTheOnesReadBack() {
        SenderTiming timing = new SenderTiming(2, 1500, java.util.List.of(0.25, 1.5, 30.0), 4);
        db.setTiming(timing);
        assertEquals(timing, db.timing());
        SenderTuning tuning = new SenderTuning(500, null, 3);
        db.setTuning(tuning);
        assertEquals(tuning, db.tuning());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO approved_patterns (name, ecosystem, confidence) VALUES ('p', 'elixir', 1.5)",
        "INSERT INTO approved_patterns (name, ecosystem, confidence) VALUES ('p', 'elixir', -0.1)",
        "INSERT INTO approved_patterns (name, ecosystem, confidence, frequency) VALUES ('p', 'elixir', 0.5, -1)",
        "INSERT INTO approved_patterns (name, ecosystem, confidence) VALUES ('', 'elixir', 0.5)",
        "INSERT INTO approved_patterns (name, ecosystem, confidence, instances_count) VALUES ('p', 'elixir', 0.5, -2)",
        "INSERT INTO execution_metrics (period_start, period_end, success_rate, instance_id) VALUES (now(), now() - interval '1 s', 0.5, 'i')",
        "INSERT INTO execution_metrics (period_start, period_end, success_rate, instance_id) VALUES (now(), now(), 1.01, 'i')",
        "INSERT INTO execution_metrics (period_start, period_end, success_rate, instance_id, jobs_failed) VALUES (now(), now(), 0.5, 'i', -1)",
        "INSERT INTO execution_metrics (period_start, period_end, success_rate, instance_id, p50_execution_time_ms, p95_execution_time_ms) VALUES (now(), now(), 0.5, 'i', 10, 5)",
        "INSERT INTO execution_metrics (period_start, period_end, success_rate, instance_id, p95_execution_time_ms, p99_execution_time_ms) VALUES (now(), now(), 0.5, 'i', 10, 5)",
        "INSERT INTO execution_metrics (period_start, period_end, success_rate, instance_id, avg_execution_time_ms) VALUES (now(), now(), 0.5, 'i', -3)",
        // V3: nothing a record schema refuses (a receiver refusing it would lose the row)
        "INSERT INTO approved_patterns (name, ecosystem, confidence) VALUES ('   ', 'elixir', 0.5)",
        "INSERT INTO approved_patterns (name, ecosystem, confidence) VALUES ('p', E'\\t', 0.5)",
        "INSERT INTO approved_patterns (name, ecosystem, confidence, best_practices) VALUES ('p', 'e', 0.5, ARRAY['a', NULL])",
        "INSERT INTO approved_patterns (name, ecosystem, confidence, approved_at) VALUES ('p', 'e', 0.5, '10000-01-01Z')",
        "INSERT INTO execution_metrics (period_start, period_end, success_rate, instance_id) VALUES (now(), now(), 0.5, ' ')",
        "INSERT INTO execution_metrics (period_start, period_end, success_rate, instance_id, avg_execution_time_ms) VALUES (now(), now(), 0.5, 'i', 'NaN')",
        "INSERT INTO execution_metrics (period_start, period_end, success_rate, instance_id, p99_execution_time_ms) VALUES (now(), now(), 0.5, 'i', 'Infinity')",
        "INSERT INTO execution_metrics (period_start, period_end, success_rate, instance_id) VALUES ('0001-01-01 BC', now(), 0.5, 'i')"
    })
    void rowsOutsideTheCataloguesRangesAreRefused(String insert) {
        SQLException e = assertThrows(SQLException.class, () -> sql.execute(insert));
        assertEquals("23514", e.getSQLState(), e.getMessage()); // check_violation
    }

    @Test
    @Tag("SND-ORDER-01")
    void updatedAtMovesStrictlyForwardOnEveryUpdateEvenInOneTransactionOrWhenSetBack() throws Exception {
        sql.execute("SELECT replication.register_instance('watch', 'http://127.0.0.1:9/x', 'approved_patterns')");
        UUID id = sql.insertPattern("clock");
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("UPDATE approved_patterns SET frequency = 1 WHERE id = '" + id + "'");
            st.execute("UPDATE approved_patterns SET frequency = 2, updated_at = '2000-01-01Z' WHERE id = '" + id + "'");
            c.commit();
        }
        String stamps = sql.text("SELECT string_agg(payload->>'updated_at', ',' ORDER BY id) FROM replication.replication_queue");
        List<java.time.OffsetDateTime> times = java.util.Arrays.stream(stamps.split(","))
                .map(java.time.OffsetDateTime::parse).toList();
        assertEquals(3, times.size(), stamps);
        assertTrue(times.get(0).isBefore(times.get(1)) && times.get(1).isBefore(times.get(2)), stamps);
    }

    @Test
    @Tag("SND-HDR-01")
    void theJsonSentValidatesAgainstTheRecordSchemasWithEveryFieldOrOnlyTheRequiredOnes() throws Exception {
        sql.execute("SELECT replication.register_instance('p', 'http://127.0.0.1:9/sync/patterns', 'approved_patterns')");
        sql.execute("SELECT replication.register_instance('m', 'http://127.0.0.1:9/sync/metrics', 'execution_metrics')");
        sql.insertPattern("full");
        sql.insertMetrics("singularity-1");
        sql.executeAll(
                "INSERT INTO approved_patterns (name, ecosystem, confidence) VALUES ('bare', 'rust', 0)",
                "INSERT INTO execution_metrics (period_start, period_end, success_rate, instance_id) VALUES (now(), now(), 1, 'i')");
        try (Connection c = db.connection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT table_name, payload::text FROM replication.replication_queue ORDER BY id")) {
            int n = 0;
            while (rs.next()) {
                SpecSchema schema = rs.getString(1).equals("approved_patterns") ? SpecSchema.PATTERN_RECORD : SpecSchema.METRICS_RECORD;
                assertEquals(List.of(), SCHEMAS.violations(schema, rs.getString(2)), rs.getString(2));
                n++;
            }
            assertEquals(4, n);
        }
    }

    @Test
    void registerInstanceRefusesBadInputWithAClearMessage() {
        SQLException url = assertThrows(SQLException.class, () ->
                sql.execute("SELECT replication.register_instance('x', 'ftp://host/x', 'approved_patterns')"));
        assertTrue(url.getMessage().contains("http_endpoint must be an http"), url.getMessage());
        SQLException table = assertThrows(SQLException.class, () ->
                sql.execute("SELECT replication.register_instance('x', 'http://127.0.0.1:9/x', 'users')"));
        assertTrue(table.getMessage().contains("table_name must be approved_patterns or execution_metrics"), table.getMessage());
    }

    @Test
    @Tag("SND-STAT-01")
    void theRegistryFunctionsAnswerAsTheSpecsInstanceRegistry() throws Exception {
        UUID id = UUID.randomUUID();
        sql.execute("SELECT replication.register_instance('singularity-prod-1', 'http://127.0.0.1:9/sync/patterns', "
                + "'approved_patterns', ?::uuid, 'tok')", id.toString());
        String status = sql.text("SELECT replication.get_instance_status(?)::text", id);
        assertTrue(status.contains("\"instance_id\": \"" + id + "\""), status);
        assertTrue(status.contains("\"error_count\": 0") && status.contains("\"last_error\": null"), status);
        assertNull(sql.text("SELECT replication.get_instance_status(?)::text", UUID.randomUUID()));
        assertEquals(1, sql.count("SELECT jsonb_array_length(replication.list_active_instances())"));
        sql.insertPattern("queued");
        assertEquals("{\"total\": 1, \"failed\": 0, \"pending\": 1, \"success\": 0, \"superseded\": 0}",
                sql.text("SELECT (replication.get_queue_stats() - 'last_event_at')::text"));
        assertTrue(db.deactivateInstance(id));
        assertEquals(0, sql.count("SELECT jsonb_array_length(replication.list_active_instances())"));
        assertEquals(new QueueStats(0, 0, 1, 1), db.queueStats());
    }

    @Test
    @Tag("SND-ORDER-01")
    void requeueSendsOnlyTheNewestFailedItemOfARecordNeverAnOlderOne() throws Exception {
        UUID instance = db.registerInstance("r", "http://127.0.0.1:9/sync/patterns", SyncTable.PATTERNS);
        UUID record = sql.insertPattern("v1");
        sql.updatePattern(record, 2);
        sql.execute("UPDATE replication.replication_queue SET status = 'failed'");
        assertEquals(1, sql.count("SELECT replication.requeue_failed(?)", instance));
        assertEquals(List.of("failed", "pending"), sql.items(instance).stream().map(SenderFixture.Item::status).toList());
    }
}
