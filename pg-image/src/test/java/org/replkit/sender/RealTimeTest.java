package org.replkit.sender;

import org.replkit.spec.SyncTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.sender.RecordingReceiver.Received;

/**
 * The one test at the spec's real timing (5 s cadence, 5 s timeout, retries after 5, 10 and 20 s):
 * about 50 seconds.
 */
class RealTimeTest {

    @Test
    @Tag("SND-CAD-01")
    @Tag("SND-RETRY-01")
    void atTheSpecTimingARowArrivesWithinFiveSecondsAndADownReceiverIsRetriedAfter5And10And20Seconds() throws Exception {
        SenderDatabase db = SharedSender.get();
        db.reset();
        assertEquals(SenderTiming.SPEC, db.timing(), "reset puts the spec's timing back");
        SenderFixture sql = new SenderFixture(db);
        try (RecordingReceiver healthy = new RecordingReceiver();
             RecordingReceiver down = new RecordingReceiver().answer(503, 503, 503, 503)) {
            db.registerInstance("healthy", healthy.url("/sync/patterns"), SyncTable.PATTERNS);
            UUID failing = db.registerInstance("down", down.url("/sync/patterns"), SyncTable.PATTERNS);

            sql.insertPattern("real-time");
            Instant committed = Instant.now();
            Received first = healthy.await(1, Duration.ofSeconds(10)).get(0);
            long latency = Duration.between(committed, first.at()).toMillis();
            System.out.printf("real-time cadence: commit to delivery %d ms (cadence 5000 ms)%n", latency);
            assertTrue(latency <= 5000 + 500, "delivered within one 5 s cadence, took " + latency + " ms");

            db.awaitSettled(Duration.ofSeconds(80));
            List<Received> attempts = down.received();
            assertEquals(4, attempts.size(), "the first attempt and three retries");
            double[] backoff = {5, 10, 20};
            for (int i = 0; i < 3; i++) {
                long gap = Duration.between(attempts.get(i).at(), attempts.get(i + 1).at()).toMillis();
                System.out.printf("real-time backoff before retry %d: %d ms (configured %.0f s, cadence 5 s)%n", i + 1, gap, backoff[i]);
                assertTrue(gap >= backoff[i] * 1000 - 200, "retry " + (i + 1) + " came after " + gap + " ms");
                assertTrue(gap <= (backoff[i] + 5) * 1000 + 1000, "retry " + (i + 1) + " came after " + gap + " ms");
            }
            SenderFixture.Item item = sql.items(failing).get(0);
            assertEquals("failed", item.status());
            assertEquals(503, item.lastStatusCode());
        }
    }
}
