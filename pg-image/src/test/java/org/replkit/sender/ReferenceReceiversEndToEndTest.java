package org.replkit.sender;

import org.replkit.spec.SyncTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.receivers.ReceiverOptions;
import org.replkit.receivers.ReceiverServer;

/** The happy path against the kit's own reference receivers (Singularity and Genesis), token included. */
class ReferenceReceiversEndToEndTest {

    private SenderDatabase db;

    @BeforeEach
    void freshSender() {
        db = SharedSender.get();
        db.reset();
    }

    @Test
    @Tag("E2E-01")
    @Tag("SND-CAD-01")
    void rowsReachTheReferenceReceiversAndTheAuditTrailMarksThemSuccess() throws Exception {
        endToEnd(db);
    }

    /**
     * The SQL signer and the Java verifier agree on real deliveries: the reference receivers with a
     * signing secret store what the sender signed with it, and refuse (401, not retried) what an
     * instance signed with another secret or did not sign.
     */
    @Test
    @Tag("SND-SIG-01")
    void signedRowsReachTheReferenceReceiversWithASigningSecretAndOthersAreRefused() throws Exception {
        db.setTiming(SenderTiming.FAST);
        SenderFixture sql = new SenderFixture(db);
        try (ReceiverServer receivers = ReceiverServer.start(ReceiverOptions.embedded().withSigningSecret(SigningTest.SECRET))) {
            UUID signed = db.registerInstance("signed", receivers.patternsUrl(), SyncTable.PATTERNS, null, SigningTest.SECRET);
            UUID otherKey = db.registerInstance("other-key", receivers.patternsUrl(), SyncTable.PATTERNS, null, SigningTest.NEXT_SECRET);
            UUID unsigned = db.registerInstance("unsigned", receivers.patternsUrl(), SyncTable.PATTERNS);
            sql.insertPattern("signed ✓, with jsonb's spaces");

            assertEquals(new QueueStats(0, 1, 2, 3), db.awaitSettled(Duration.ofSeconds(30)));
            assertEquals("success", sql.items(signed).get(0).status());
            for (UUID refused : java.util.List.of(otherKey, unsigned)) {
                assertEquals(401, sql.items(refused).get(0).lastStatusCode());
                assertEquals(0, attemptsAfterA401(sql, refused), "a 401 is not retried");
            }
            assertEquals(1, receivers.store().count(org.replkit.receivers.record.RecordKind.PATTERNS));
        }
    }

    /**
     * The end-to-end scenario every backend must pass (chroot, Docker, ./kit sender up): rows of both
     * tables reach the reference receivers at a scaled-down timing, and a wrong token is refused once.
     */
    static void endToEnd(SenderDatabase db) throws Exception {
        db.setTiming(SenderTiming.FAST);
        SenderFixture sql = new SenderFixture(db);
        try (ReceiverServer receivers = ReceiverServer.start(ReceiverOptions.embedded().withToken("t0ken"))) {
            UUID singularity = db.registerInstance("singularity-1", receivers.patternsUrl(), SyncTable.PATTERNS, "t0ken");
            UUID genesis = db.registerInstance("genesis-1", receivers.metricsUrl(), SyncTable.METRICS, "t0ken");
            UUID wrongToken = db.registerInstance("singularity-2", receivers.patternsUrl(), SyncTable.PATTERNS, "wrong");
            UUID pattern = sql.insertPattern("gen_server_pattern");
            sql.updatePattern(pattern, 200);
            sql.insertMetrics("singularity-1");

            // The INSERT's snapshot is normally still waiting when the UPDATE is committed: then only the
            // newest goes out and the older ends superseded (SND-COALESCE-01), outside the queue's total;
            // a tick between the two statements sends both.
            assertEquals(0, db.awaitSettled(Duration.ofSeconds(30)).pending());
            List<String> delivered = sql.items(singularity).stream().map(SenderFixture.Item::status).toList();
            assertTrue(delivered.equals(List.of("superseded", "success")) || delivered.equals(List.of("success", "success")),
                    delivered.toString());
            assertEquals("success", sql.items(genesis).get(0).status());
            List<SenderFixture.Item> refused = sql.items(wrongToken);
            assertTrue(refused.get(0).status().equals("superseded") || refused.get(0).status().equals("failed"), refused.toString());
            SenderFixture.Item rejected = refused.get(1);
            assertEquals("failed", rejected.status());
            assertEquals(401, rejected.lastStatusCode());
            // A 401 is final: no attempt of an item follows one. (An attempt before it may have timed out on a busy machine.)
            assertEquals(0, attemptsAfterA401(sql, wrongToken), "a 401 is not retried");
            assertEquals(java.util.List.of(), db.healthErrors());
        }
    }

    /** Attempts of the instance's items made after one of them was answered 401 (0: a 401 is final). */
    private static long attemptsAfterA401(SenderFixture sql, UUID instance) throws java.sql.SQLException {
        return sql.count("SELECT count(*) FROM replication.delivery_attempts a JOIN replication.replication_queue q "
                + "ON q.id = a.queue_id WHERE q.instance_id = ? AND a.status_code = 401 AND EXISTS (SELECT 1 FROM "
                + "replication.delivery_attempts later WHERE later.queue_id = a.queue_id AND later.id > a.id)", instance);
    }
}
