package org.replkit.sender;

import org.replkit.spec.SyncTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * After a crash, pg_net's request ids start again at 1 (its tables and their id sequence are
 * unlogged). An item still in flight from before the crash holds an id that a new request will get
 * again; it must be retried, not credited with the new request's answer.
 *
 * <p>The crash's effect is set up directly: an item is put in flight with the very id the sequence
 * hands out next (CrashRestartTest shows the sequence restarting; ./kit chaos shows the whole story).
 */
class RequestIdReuseTest {

    @Test
    @Tag("SND-AUDIT-01")
    @Tag("SND-CRASH-01")
    void anItemWhoseRequestIdIsHandedOutAgainIsRetriedNotCreditedWithTheNewAnswer() throws Exception {
        SenderDatabase db = SharedSender.get();
        db.reset();
        db.setTiming(SenderTiming.FAST);
        SenderFixture sql = new SenderFixture(db);
        try (RecordingReceiver receiver = new RecordingReceiver()) {
            UUID instance = db.registerInstance("singularity-1", receiver.url("/sync/patterns"), SyncTable.PATTERNS);
            sql.execute("SELECT replication.configure(enabled => false)");
            UUID beforeCrash = sql.insertPattern("in_flight_when_the_sender_crashed");
            long reused = sql.count("SELECT nextval('net.http_request_queue_id_seq') + 1");
            // As the crash left it: in flight, its request (and the response) gone with the unlogged tables.
            sql.execute("UPDATE replication.replication_queue SET status = 'in_flight', request_id = ?, attempts = 1, "
                    + "last_attempt_at = now() WHERE record_id = ?", reused, beforeCrash);
            sql.execute("INSERT INTO replication.delivery_attempts (queue_id, attempt, request_id, sent_at) "
                    + "SELECT id, 1, request_id, clock_timestamp() FROM replication.replication_queue WHERE record_id = ?", beforeCrash);
            UUID afterCrash = sql.insertPattern("committed_after_the_restart");
            sql.execute("SELECT replication.configure(enabled => true)");

            db.awaitSettled(Duration.ofSeconds(30));
            List<String> received = receiver.received().stream().map(r -> r.header("X-Sync-Record-Id")).toList();
            assertTrue(received.contains(afterCrash.toString()));
            assertTrue(received.contains(beforeCrash.toString()),
                    "the item from before the crash was really delivered, not credited with the other request's 200: " + received);

            long queueId = sql.count("SELECT id FROM replication.replication_queue WHERE record_id = ?", beforeCrash);
            SenderFixture.Item item = sql.items(instance).stream().filter(i -> i.id() == queueId).findFirst().orElseThrow();
            assertEquals("success", item.status());
            assertEquals(2, item.attempts(), "the lost attempt, then the retry");
            String firstError = sql.text("SELECT a.error FROM replication.delivery_attempts a JOIN replication.replication_queue q "
                    + "ON q.id = a.queue_id WHERE q.record_id = ? AND a.attempt = 1", beforeCrash);
            assertTrue(firstError != null && firstError.contains("gave its id (" + reused + ")"), firstError);
        }
    }
}
