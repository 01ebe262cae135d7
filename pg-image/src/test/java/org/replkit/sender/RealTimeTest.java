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
    @Tag("SND-PAUSE-01")
    void atTheSpecTimingARowArrivesWithinFiveSecondsAndADownReceiverIsRetriedAfter5And10And20SecondsThenProbed() throws Exception {
        SenderDatabase db = SharedSender.get();
        db.reset();
        assertEquals(SenderTiming.SPEC, db.timing(), "reset puts the spec's timing back");
        SenderFixture sql = new SenderFixture(db);
        try (RecordingReceiver healthy = new RecordingReceiver();
             RecordingReceiver down = new RecordingReceiver().answer(503, 503, 503, 503)) {
            db.registerInstance("healthy", healthy.url("/sync/patterns"), SyncTable.PATTERNS);
            UUID failing = db.registerInstance("down", down.url("/sync/patterns"), SyncTable.PATTERNS);

            String start = sql.now();
            UUID row = sql.insertPattern("real-time");
            Instant committed = Instant.now();
            String committedAt = sql.now();
            Received first = healthy.await(1, Duration.ofSeconds(20)).get(0);
            long latency = Duration.between(committed, first.at()).toMillis();
            System.out.printf("real-time cadence: commit to delivery %d ms (cadence 5000 ms)%n", latency);
            // Judged by pg_cron's own log rather than the wall clock, so a busy machine does not change
            // the verdict: the ticks come every 5 s, and the first one after the commit sends the row.
            assertEquals(0, sql.dispatchTicksThatLeftUnsent(row, committedAt),
                    "a dispatch tick that started after the commit ended without sending the row (" + latency + " ms)");

            db.awaitSettled(Duration.ofSeconds(80));
            double tickGap = sql.medianDispatchTickGapMillis(start);
            System.out.printf("real-time cadence: dispatch ticks %.0f ms apart (median)%n", tickGap);
            assertEquals(5000, tickGap, 500, "pg_cron starts a dispatch tick every 5 s");
            List<Received> attempts = down.received();
            // Four 503s for the only record, nothing else got through: the instance is paused rather than
            // the record failed, and the first probe (5 s later) delivers it.
            assertEquals(5, attempts.size(), "the first attempt, three retries and a probe");
            double[] backoff = {5, 10, 20};
            for (int i = 0; i < 3; i++) {
                long gap = Duration.between(attempts.get(i).at(), attempts.get(i + 1).at()).toMillis();
                System.out.printf("real-time backoff before retry %d: %d ms (configured %.0f s, cadence 5 s)%n", i + 1, gap, backoff[i]);
                assertTrue(gap >= backoff[i] * 1000 - 200, "retry " + (i + 1) + " came after " + gap + " ms");
                assertTrue(gap <= (backoff[i] + 5) * 1000 + 1000, "retry " + (i + 1) + " came after " + gap + " ms");
            }
            long probeGap = Duration.between(attempts.get(3).at(), attempts.get(4).at()).toMillis();
            System.out.printf("real-time first probe after the pause: %d ms (configured 5 s, cadence 5 s)%n", probeGap);
            assertTrue(probeGap >= 5000 - 200, "the probe came after " + probeGap + " ms");
            SenderFixture.Item item = sql.items(failing).get(0);
            assertEquals("success", item.status(), "SND-PAUSE-01: nothing failed");
            assertEquals(1, sql.count("SELECT pauses FROM replication.instances WHERE instance_id = ?", failing));
            assertEquals("active", sql.text("SELECT state FROM replication.instances WHERE instance_id = ?", failing));
        }
    }
}
