package org.replkit.sender;

import org.replkit.spec.SyncTable;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
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

            assertEquals(new QueueStats(0, 3, 2, 5), db.awaitSettled(Duration.ofSeconds(30)));
            assertEquals(2, sql.items(singularity).stream().filter(i -> i.status().equals("success")).count());
            assertEquals("success", sql.items(genesis).get(0).status());
            SenderFixture.Item rejected = sql.items(wrongToken).get(0);
            assertEquals("failed", rejected.status());
            assertEquals(401, rejected.lastStatusCode());
            assertEquals(1, rejected.attempts(), "a 401 is not retried");
            assertEquals(java.util.List.of(), db.healthErrors());
        }
    }
}
