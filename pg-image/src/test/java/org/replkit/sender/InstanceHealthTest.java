package org.replkit.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.spec.SyncTable;

/**
 * Instance health, Retry-After, 410 and coalescing, scaled down (1 s cadence, 1 s timeout, backoff
 * 1/2/4 s, probes capped at 4 s), against real receivers on 127.0.0.1 that go down and come back.
 */
class InstanceHealthTest {

    private static OutageScenarios fresh(String policy) throws Exception {
        return OutageScenarios.fresh(SharedSender.get(), policy);
    }

    @Test
    @Tag("SND-PAUSE-01")
    void aReceiverDownLongerThanTheRetryScheduleGetsEveryChangeWhenBack() throws Exception {
        fresh("pause").aLongOutageLosesNothingAndCostsOnlyProbes();
    }

    @Test
    @Tag("SND-PAUSE-01")
    @Tag("SND-RETRY-01")
    void aPoisonRecordFailsAfterThreeRetriesAndNeverPausesTheOthers() throws Exception {
        fresh("pause").aPoisonRecordNeverPausesTheOthers();
    }

    @Test
    @Tag("SND-PAUSE-01")
    void aDeadInstanceGetsOneRequestAtATimeAndTheOtherEveryChange() throws Exception {
        fresh("pause").aDeadInstanceGetsOneRequestAtATime();
    }

    @Test
    @Tag("SND-PAUSE-01")
    void anInstanceThatAnsweredAndThenHangsIsPausedByItsFirstTimeoutsAndTheOtherGetsEveryChange() throws Exception {
        fresh("pause").anAnsweringInstanceThatHangsIsPausedByItsFirstTimeouts();
    }

    @Test
    @Tag("SND-RETRYAFTER-01")
    void a429IsRetriedAfterItsRetryAfterAndNeverFails() throws Exception {
        fresh("pause").a429IsRetriedNoSoonerThanRetryAfterAndNeverFails();
    }

    @Test
    @Tag("SND-RETRYAFTER-01")
    void a503WithAnHttpDateRetryAfterIsRetriedNoSooner() throws Exception {
        fresh("pause").a503RetryAfterDateIsHonoured();
    }

    @Test
    @Tag("SND-COALESCE-01")
    void aRecordUpdatedThroughAnOutageArrivesOnceAsItsNewestSnapshot() throws Exception {
        fresh("pause").supersededSnapshotsAreCoalesced();
    }

    @Test
    @Tag("SND-GONE-01")
    void a410DeactivatesTheInstanceAndItsItemsWaitForItsReturn() throws Exception {
        fresh("pause").a410DeactivatesUntilRegisteredAgain();
    }

    /** The spec's literal schedule, kept as outage_policy 'fail': an unreachable instance loses its changes. */
    @Test
    @Tag("SND-RETRY-01")
    void underOutagePolicyFailAnUnreachableInstanceFailsItsItemsAfterThreeRetries() throws Exception {
        OutageScenarios s = fresh("fail");
        String nobodyListens = "http://127.0.0.1:" + DeliveryTest.closedPort() + "/sync/patterns";
        UUID instance = SharedSender.get().registerInstance("down", nobodyListens, SyncTable.PATTERNS);
        s.sql().insertPattern("lost_1");
        s.sql().insertPattern("lost_2");
        assertEquals(new QueueStats(0, 0, 2, 2), SharedSender.get().awaitSettled(Duration.ofSeconds(40)));
        assertEquals(0, s.sql().count("SELECT pauses FROM replication.instances WHERE instance_id = ?", instance));
        for (SenderFixture.Item item : s.sql().items(instance)) {
            assertEquals(4, item.attempts(), item.toString());
        }
    }

    /** 401 to every record is a receiver deployed without its secret: the instance pauses, nothing is lost. */
    @Test
    @Tag("SND-PAUSE-01")
    void a401ToEveryRecordPausesTheInstanceAndLosesNothing() throws Exception {
        OutageScenarios s = fresh("pause");
        try (RecordingReceiver r = new RecordingReceiver().always(401, java.util.Map.of())) {
            UUID instance = SharedSender.get().registerInstance("no-secret", r.url("/sync/patterns"), SyncTable.PATTERNS);
            s.sql().insertPattern("first");
            Thread.sleep(1500);
            s.sql().insertPattern("second");
            s.awaitState(instance, "paused", Duration.ofSeconds(20));
            r.always(null, java.util.Map.of());
            s.awaitState(instance, "active", Duration.ofSeconds(20));
            assertEquals(new QueueStats(0, 2, 0, 2), SharedSender.get().awaitSettled(Duration.ofSeconds(40)));
        }
    }

    /** The maximum age: an item of a paused instance not delivered within max_age ends failed, saying why. */
    @Test
    @Tag("SND-AUDIT-01")
    void anItemOlderThanTheMaximumAgeEndsFailed() throws Exception {
        OutageScenarios s = fresh("pause");
        s.sql().execute("SELECT replication.configure(max_age => interval '3 seconds')");
        String nobodyListens = "http://127.0.0.1:" + DeliveryTest.closedPort() + "/sync/patterns";
        UUID instance = SharedSender.get().registerInstance("gone-for-good", nobodyListens, SyncTable.PATTERNS);
        s.sql().insertPattern("old_1");
        s.sql().insertPattern("old_2");
        assertEquals(new QueueStats(0, 0, 2, 2), SharedSender.get().awaitSettled(Duration.ofSeconds(30)));
        for (SenderFixture.Item item : s.sql().items(instance)) {
            assertTrue(item.lastError().contains("maximum age"), item.lastError());
        }
    }

    @Test
    @Tag("SND-RETRYAFTER-01")
    void retryAfterIsReadAsDeltaSecondsOrHttpDateCappedAtOneHour() throws Exception {
        SenderFixture sql = fresh("pause").sql();
        String at = "'2026-12-06 10:00:00+00'::timestamptz";
        assertEquals("7", sql.text("SELECT replication.retry_after_seconds(429, '{\"Retry-After\": \"7\"}', " + at + ")::text"));
        assertEquals("3600", sql.text("SELECT replication.retry_after_seconds(503, '{\"retry-after\": \"86400\"}', " + at + ")::text"));
        assertEquals("90", sql.text("SELECT replication.retry_after_seconds(429, "
                + "'{\"Retry-After\": \"Sun, 06 Dec 2026 10:01:30 GMT\"}', " + at + ")::int::text"));
        assertEquals("0", sql.text("SELECT replication.retry_after_seconds(429, "
                + "'{\"Retry-After\": \"Sun, 06 Dec 2026 09:00:00 GMT\"}', " + at + ")::int::text"));
        assertNull(sql.text("SELECT replication.retry_after_seconds(429, '{\"Retry-After\": \"soon\"}', " + at + ")"));
        assertNull(sql.text("SELECT replication.retry_after_seconds(500, '{\"Retry-After\": \"7\"}', " + at + ")"));
        assertNull(sql.text("SELECT replication.retry_after_seconds(429, '{}', " + at + ")"));
    }
}
