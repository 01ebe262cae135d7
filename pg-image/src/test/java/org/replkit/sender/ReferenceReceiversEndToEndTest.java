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
            assertEquals(1, rejected.attempts(), "a 401 is not retried");
            assertEquals(List.of(), db.healthErrors());
        }
    }
}
