package org.replkit.sender;

import org.replkit.spec.SyncTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.replkit.sender.RecordingReceiver.Received;
import org.replkit.spec.SchemaValidator;
import org.replkit.spec.SpecSchema;

/**
 * The sender end to end, scaled down (1 s cadence, 1 s timeout, retries after 1, 2 and 4 s): trigger,
 * pg_cron, pg_net (or its stand-in) and real HTTP receivers on 127.0.0.1.
 */
class DeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaValidator SCHEMAS = new SchemaValidator();
    private static final Duration SETTLE = Duration.ofSeconds(40);

    private SenderDatabase db;
    private SenderFixture sql;

    @BeforeEach
    void freshSender() {
        db = SharedSender.get();
        db.reset();
        db.setTiming(SenderTiming.FAST);
        sql = new SenderFixture(db);
    }

    @Test
    @Tag("SND-CAD-01")
    @Tag("SND-HDR-01")
    @Tag("E2E-01")
    @Tag("SND-DELIV-01")
    void insertsAndUpdatesReachEveryActiveInstanceWithTheSpecHeadersAndTheRowAsJson() throws Exception {
        try (RecordingReceiver singularity = new RecordingReceiver();
             RecordingReceiver secured = new RecordingReceiver();
             RecordingReceiver genesis = new RecordingReceiver();
             RecordingReceiver retired = new RecordingReceiver()) {
            db.registerInstance("singularity-1", singularity.url("/sync/patterns"), SyncTable.PATTERNS);
            db.registerInstance("singularity-2", secured.url("/sync/patterns"), SyncTable.PATTERNS, "s3cret");
            db.registerInstance("genesis-1", genesis.url("/sync/metrics"), SyncTable.METRICS);
            db.deactivateInstance(db.registerInstance("retired", retired.url("/sync/patterns"), SyncTable.PATTERNS));

            sql.awaitNextTick(); // the cadence was just changed: measure from a steady schedule
            UUID pattern = sql.insertPattern("gen_server_pattern");
            String committed = sql.now();
            UUID metrics = sql.insertMetrics("singularity-1");
            singularity.await(1, Duration.ofSeconds(10));
            // Counted in ticks, not seconds: the first dispatch tick that starts after the commit sends
            // the change, however late a busy machine runs that tick.
            assertEquals(0, sql.dispatchTicksThatLeftUnsent(pattern, committed),
                    "a dispatch tick that started after the commit ended without sending the change");
            sql.updatePattern(pattern, 157);

            for (RecordingReceiver r : List.of(singularity, secured)) {
                List<Received> got = r.await(2, Duration.ofSeconds(10));
                assertEquals(2, got.size());
                assertDelivery(got.get(0), "INSERT", "approved_patterns", pattern, SpecSchema.PATTERN_RECORD);
                assertDelivery(got.get(1), "UPDATE", "approved_patterns", pattern, SpecSchema.PATTERN_RECORD);
                assertEquals(156, JSON.readTree(got.get(0).body()).get("frequency").asInt());
                assertEquals(157, JSON.readTree(got.get(1).body()).get("frequency").asInt());
                assertEquals("gen_server_pattern", JSON.readTree(got.get(1).body()).get("name").asText());
            }
            assertNull(singularity.received().get(0).header("Authorization"));
            assertEquals("Bearer s3cret", secured.received().get(0).header("Authorization"));

            List<Received> metricsGot = genesis.await(1, Duration.ofSeconds(10));
            assertDelivery(metricsGot.get(0), "INSERT", "execution_metrics", metrics, SpecSchema.METRICS_RECORD);
            JsonNode m = JSON.readTree(metricsGot.get(0).body());
            assertEquals(0.98, m.get("success_rate").asDouble());
            assertEquals(3500, m.get("p99_execution_time_ms").asInt());

            QueueStats stats = db.awaitSettled(SETTLE);
            assertEquals(new QueueStats(0, 5, 0, 5), stats);
            Thread.sleep(1500);
            assertEquals(0, retired.received().size(), "an inactive instance gets nothing");
            assertEquals(2, singularity.received().size(), "each change is sent once");
        }
    }

    private static void assertDelivery(Received r, String event, String table, UUID id, SpecSchema schema) throws Exception {
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals(event, r.header("X-Sync-Event-Type"));
        assertEquals(table, r.header("X-Sync-Table"));
        assertEquals(id.toString(), r.header("X-Sync-Record-Id"));
        assertEquals(id.toString(), JSON.readTree(r.body()).get("id").asText());
        assertEquals(List.of(), SCHEMAS.violations(schema, r.body()));
    }

    @Test
    @Tag("SND-RETRY-01")
    @Tag("SND-STAT-01")
    void aReceiverAnswering500TwiceGetsTheRecordOnTheThirdAttemptAfterTheBackoff() throws Exception {
        try (RecordingReceiver r = new RecordingReceiver().answer(500, 500)) {
            UUID instance = db.registerInstance("flaky", r.url("/sync/patterns"), SyncTable.PATTERNS);
            sql.insertPattern("retried");
            List<Received> got = r.await(3, Duration.ofSeconds(20));
            db.awaitSettled(SETTLE);

            assertEquals(3, r.received().size());
            assertGapAtLeast(got.get(0), got.get(1), 1.0);
            assertGapAtLeast(got.get(1), got.get(2), 2.0);
            SenderFixture.Item item = sql.items(instance).get(0);
            assertEquals("success", item.status());
            assertEquals(3, item.attempts());
            Map<String, Object> counters = sql.instance(instance);
            assertEquals(1L, counters.get("success_count"));
            assertEquals(2L, counters.get("error_count"));
            assertNull(counters.get("last_error"), "a success clears last_error");
            assertNotNull(counters.get("last_sync_at"));
            assertEquals(3, sql.count("SELECT count(*) FROM replication.delivery_attempts WHERE queue_id = ?", item.id()));
        }
    }

    /**
     * Twelve records for a receiver that answers in 0.7 s (inside the 1 s timeout), with no grace
     * before a request counts as lost: requests still waiting for a free sender, or being sent,
     * are neither lost nor sent twice, and each ends success after one attempt.
     */
    @Test
    @Tag("SND-AUDIT-01")
    void aRequestWaitingForOrBeingSentIsNeverCountedAsLost() throws Exception {
        try (RecordingReceiver r = new RecordingReceiver()) {
            for (int i = 0; i < 12; i++) {
                r.answerAfter(Duration.ofMillis(700), 200);
            }
            sql.execute("UPDATE replication.settings SET lost_grace_seconds = 0"); // reset() restores it
            UUID instance = db.registerInstance("busy", r.url("/sync/patterns"), SyncTable.PATTERNS);
            for (int i = 0; i < 12; i++) {
                sql.insertPattern("busy_" + i);
            }
            assertEquals(new QueueStats(0, 12, 0, 12), db.awaitSettled(SETTLE));
            assertEquals(12, r.received().size(), "each record sent once");
            for (SenderFixture.Item item : sql.items(instance)) {
                assertEquals(1, item.attempts(), item.toString());
            }
        }
    }

    @Test
    @Tag("SND-RETRY-01")
    @Tag("SND-AUDIT-01")
    @Tag("SND-STAT-01")
    void aReceiverThatStaysDownEndsFailedAfterThreeRetriesWithLastErrorSet() throws Exception {
        // The spec's literal schedule; under the default outage_policy ('pause') the instance is paused
        // instead and nothing fails (InstanceHealthTest).
        sql.execute("SELECT replication.configure(outage_policy => 'fail')");
        String nobodyListens = "http://127.0.0.1:" + closedPort() + "/sync/patterns";
        UUID instance = db.registerInstance("down", nobodyListens, SyncTable.PATTERNS);
        sql.insertPattern("lost-cause");
        QueueStats stats = db.awaitSettled(SETTLE);

        assertEquals(new QueueStats(0, 0, 1, 1), stats);
        SenderFixture.Item item = sql.items(instance).get(0);
        assertEquals("failed", item.status());
        assertEquals(4, item.attempts(), "the first attempt and three retries");
        assertTrue(item.lastError().toLowerCase().contains("connect"), item.lastError());
        Map<String, Object> counters = sql.instance(instance);
        assertEquals(0L, counters.get("success_count"));
        assertEquals(4L, counters.get("error_count"));
        assertTrue(((String) counters.get("last_error")).toLowerCase().contains("connect"));
        assertEquals(0, sql.count("SELECT count(*) FROM replication.replication_queue WHERE status IN ('pending', 'in_flight')"));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 404, 422})
    @Tag("SND-RETRY-02")
    void aClientErrorFailsAtOnceWithoutRetry(int status) throws Exception {
        try (RecordingReceiver r = new RecordingReceiver().answer(status)) {
            UUID instance = db.registerInstance("strict", r.url("/sync/patterns"), SyncTable.PATTERNS);
            sql.insertPattern("rejected");
            db.awaitSettled(SETTLE);
            Thread.sleep(2500); // longer than the first backoff: a retry would have come by now

            assertEquals(1, r.received().size());
            SenderFixture.Item item = sql.items(instance).get(0);
            assertEquals("failed", item.status());
            assertEquals(1, item.attempts());
            assertEquals(status, item.lastStatusCode());
            assertTrue(item.lastError().startsWith("HTTP " + status), item.lastError());
            assertEquals(1L, sql.instance(instance).get("error_count"));
        }
    }

    @Test
    @Tag("SND-RETRY-01")
    @Tag("SND-TIME-01")
    void aReceiverSlowerThanTheTimeoutIsRetried() throws Exception {
        try (RecordingReceiver r = new RecordingReceiver().answerAfter(Duration.ofMillis(2500), 200)) {
            UUID instance = db.registerInstance("slow", r.url("/sync/patterns"), SyncTable.PATTERNS);
            sql.insertPattern("slow-one");
            db.awaitSettled(SETTLE);

            assertEquals(2, r.received().size());
            SenderFixture.Item item = sql.items(instance).get(0);
            assertEquals("success", item.status());
            assertEquals(2, item.attempts());
            String firstError = sql.text("SELECT error FROM replication.delivery_attempts WHERE queue_id = ? ORDER BY id LIMIT 1",
                    item.id());
            assertTrue(firstError.contains("timeout") || firstError.contains("timed out"), firstError);
        }
    }

    /**
     * A receiver that answers after 1.5 s: completed_at, the attempt's finished_at and last_sync_at are
     * when the collector saw the answer, at least 1.5 s after the send, and within about a second of
     * it (the collector runs every second); pg_net's own timestamp, the start of its batch, is kept
     * beside them.
     */
    @Test
    @Tag("SND-STAT-01")
    @Tag("SND-AUDIT-01")
    void completionTimesAreWhenTheAnswerWasSeenWithPgNetsOwnTimestampBeside() throws Exception {
        try (RecordingReceiver r = new RecordingReceiver().answerAfter(Duration.ofMillis(1500), 200)) {
            db.setTiming(new SenderTiming(1, 4000, List.of(1.0), 3));
            UUID instance = db.registerInstance("slow-but-fine", r.url("/sync/patterns"), SyncTable.PATTERNS);
            sql.insertPattern("timed");
            db.awaitSettled(SETTLE);
            Received got = r.received().get(0);
            String times = sql.text("SELECT extract(epoch FROM q.completed_at - a.sent_at) * 1000 || ' '"
                    + " || extract(epoch FROM a.finished_at - a.sent_at) * 1000 || ' '"
                    + " || extract(epoch FROM q.response_created_at - a.sent_at) * 1000 || ' '"
                    + " || extract(epoch FROM i.last_sync_at - q.completed_at) * 1000 || ' '"
                    + " || extract(epoch FROM q.completed_at) * 1000 || ' '"
                    + " || extract(epoch FROM q.response_created_at) * 1000"
                    + " FROM replication.replication_queue q JOIN replication.delivery_attempts a ON a.queue_id = q.id"
                    + " JOIN replication.instances i ON i.instance_id = q.instance_id WHERE q.instance_id = ?", instance);
            double[] ms = java.util.Arrays.stream(times.split(" ")).mapToDouble(Double::parseDouble).toArray();
            System.out.printf("completion times: completed_at %.0f ms after the send, pg_net's created %.0f ms after it%n",
                    ms[0], ms[2]);
            assertTrue(ms[0] >= 1500, "completed_at is after the answer: " + times);
            assertTrue(ms[0] <= 1500 + 1000 + 1500, "completed_at within about a second of the answer: " + times);
            assertEquals(ms[0], ms[1], 0.001, "finished_at is the same instant");
            // pg_net's created is when its worker started the send: before the request arrived (one clock),
            // not 1.5 s after the arrival when the answer came.
            assertTrue(ms[5] < got.at().toEpochMilli() + 600, "pg_net's created is the start of the send, kept beside: " + times);
            assertEquals(0, ms[3], 0.001, "last_sync_at is the completion time");
            long answered = got.at().toEpochMilli() + 1500;
            assertTrue(ms[4] >= answered - 50, "completed_at is not before the receiver answered");
        }
    }

    /**
     * Version 1 fails once and waits for its retry; versions 2 and 3 are committed meanwhile. Only the
     * newest goes out (1 and 2 end superseded), and never before what was already sent of the record.
     */
    @Test
    @Tag("SND-ORDER-01")
    @Tag("SND-AUDIT-01")
    @Tag("SND-COALESCE-01")
    void anOlderSnapshotIsNeverDeliveredAfterANewerOne() throws Exception {
        try (RecordingReceiver r = new RecordingReceiver().answer(503, 503)) {
            UUID instance = db.registerInstance("ordered", r.url("/sync/patterns"), SyncTable.PATTERNS);
            UUID id = sql.insertPattern("versioned");
            r.await(1, Duration.ofSeconds(5)); // version 1 failed once and waits for its retry
            sql.updatePattern(id, 2);
            sql.updatePattern(id, 3);
            db.awaitSettled(SETTLE);

            List<Received> got = r.received();
            long[] frequencies = new long[got.size()];
            String previousUpdatedAt = "";
            for (int i = 0; i < got.size(); i++) {
                JsonNode body = JSON.readTree(got.get(i).body());
                frequencies[i] = body.get("frequency").asLong();
                String updatedAt = body.get("updated_at").asText();
                assertTrue(Instant.parse(updatedAt).compareTo(previousUpdatedAt.isEmpty() ? Instant.MIN
                        : Instant.parse(previousUpdatedAt)) >= 0, "updated_at never goes back: " + got);
                previousUpdatedAt = updatedAt;
            }
            assertEquals("[156, 3, 3]", java.util.Arrays.toString(frequencies));
            assertEquals(List.of("superseded", "superseded", "success"),
                    sql.items(instance).stream().map(SenderFixture.Item::status).toList());
        }
    }

    @Test
    @Tag("SND-AUDIT-01")
    void deactivatingAnInstanceFailsItsUnsentItemsAndRequeueSendsTheNewestAgain() throws Exception {
        try (RecordingReceiver r = new RecordingReceiver()) {
            db.setTiming(new SenderTiming(59, 1000, List.of(1.0), 3)); // no tick during the next steps
            sql.executeAll("SELECT replication.configure(enabled => false)");
            UUID instance = db.registerInstance("paused", r.url("/sync/patterns"), SyncTable.PATTERNS);
            sql.insertPattern("held");
            assertTrue(db.deactivateInstance(instance));
            assertEquals(new QueueStats(0, 0, 1, 1), db.queueStats());
            assertEquals("instance deactivated before delivery", sql.items(instance).get(0).lastError());

            sql.execute("SELECT replication.register_instance('paused', ?, 'approved_patterns', ?)",
                    r.url("/sync/patterns"), instance); // registering the same id again re-activates it
            assertEquals(1, sql.count("SELECT replication.requeue_failed(?)", instance));
            sql.executeAll("SELECT replication.configure(cadence_seconds => 1, enabled => true)");
            db.awaitSettled(SETTLE);
            assertEquals(1, r.received().size());
            assertEquals("success", sql.items(instance).get(0).status());
        }
    }

    @Test
    @Tag("SND-STAT-01")
    @Tag("STAT-FIG-01")
    void queueStatsAgreeWithTheQueueAndTheInstanceCounters() throws Exception {
        try (RecordingReceiver ok = new RecordingReceiver(); RecordingReceiver bad = new RecordingReceiver().answer(400, 400)) {
            UUID good = db.registerInstance("good", ok.url("/sync/patterns"), SyncTable.PATTERNS);
            UUID rejecting = db.registerInstance("bad", bad.url("/sync/patterns"), SyncTable.PATTERNS);
            sql.insertPattern("one");
            sql.insertPattern("two");
            sql.insertPattern("three");
            QueueStats stats = db.awaitSettled(SETTLE);

            assertEquals(new QueueStats(0, 4, 2, 6), stats);
            assertEquals(stats.total(), stats.pending() + stats.success() + stats.failed());
            assertEquals(stats.success(), sql.count("SELECT count(*) FROM replication.replication_queue WHERE status = 'success'"));
            assertEquals(3L, sql.instance(good).get("success_count"));
            assertEquals(1L, sql.instance(rejecting).get("success_count"));
            assertEquals(2L, sql.instance(rejecting).get("error_count"));
            String perInstance = sql.text("SELECT replication.get_instance_status(?)::text", rejecting);
            JsonNode status = JSON.readTree(perInstance);
            assertEquals(1, status.get("success").asInt());
            assertEquals(2, status.get("failed").asInt());
            assertEquals(0, status.get("pending").asInt());
        }
    }

    static void assertGapAtLeast(Received earlier, Received later, double seconds) {
        long gap = Duration.between(earlier.at(), later.at()).toMillis();
        assertTrue(gap >= seconds * 1000 - 200, "gap " + gap + " ms, expected at least " + seconds + " s");
    }

    static int closedPort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
