package org.replkit.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.replkit.spec.SyncTable;

/**
 * The real-time outage measurement of pg-image/README.md, at the spec's timing: rows committed at
 * 20/s while the receiver is down for 10 minutes (connections refused), then back. Prints the requests
 * sent during the outage, whether every change arrived, and the drain rate against the sender's
 * capacity measured first with the same number of items. Not part of the usual run (about 13 minutes):
 * {@code -Dsender.measure=outage}; {@code -Dsender.outageSeconds=N} shortens the outage.
 */
@EnabledIfSystemProperty(named = "sender.measure", matches = "outage")
class OutageMeasurement {

    private static final int ROWS_PER_SECOND = 20;

    @Test
    void aTenMinuteOutageAt20RowsPerSecondLosesNothing() throws Exception {
        int outageSeconds = Integer.getInteger("sender.outageSeconds", 600);
        SenderDatabase db = SharedSender.get();
        db.reset(); // the spec's timing, outage_policy 'pause', probes capped at 60 s
        SenderFixture sql = new SenderFixture(db);
        try (RecordingReceiver r = new RecordingReceiver()) {
            UUID instance = db.registerInstance("singularity", r.url("/sync/patterns"), SyncTable.PATTERNS);

            // Capacity: the same number of items as the outage's backlog, committed at once to a healthy receiver.
            int backlog = outageSeconds * ROWS_PER_SECOND;
            sql.execute("INSERT INTO approved_patterns (name, ecosystem, confidence) "
                    + "SELECT 'capacity_' || g, 'elixir', 0.5 FROM generate_series(1, ?) g", backlog);
            db.awaitSettled(Duration.ofMinutes(10));
            double capacity = rate(sql, instance, "q.payload->>'name' LIKE 'capacity_%'");
            System.out.printf("outage: capacity %.0f deliveries/s (%d items committed at once)%n", capacity, backlog);

            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong written = new AtomicLong();
            Thread writer = new Thread(() -> {
                long next = System.nanoTime();
                while (writing.get()) {
                    try {
                        sql.insertPattern("outage_" + written.incrementAndGet());
                        next += 1_000_000_000L / ROWS_PER_SECOND;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            writer.start();
            Thread.sleep(20_000);
            String downAt = sql.now();
            r.goDown();
            Thread.sleep(outageSeconds * 1000L);
            String upAt = sql.now();
            r.comeBack();
            long requestsDuringOutage = sql.count("SELECT count(*) FROM replication.delivery_attempts a "
                    + "JOIN replication.replication_queue q ON q.id = a.queue_id WHERE q.instance_id = ? "
                    + "AND a.sent_at >= ?::timestamptz AND a.sent_at < ?::timestamptz", instance, downAt, upAt);
            long probes = sql.count("SELECT count(*) FROM replication.delivery_attempts a "
                    + "JOIN replication.replication_queue q ON q.id = a.queue_id WHERE q.instance_id = ? "
                    + "AND a.sent_at >= (SELECT min(a2.finished_at) FROM replication.delivery_attempts a2 "
                    + "  JOIN replication.replication_queue q2 ON q2.id = a2.queue_id "
                    + "  WHERE q2.instance_id = ? AND a2.sent_at >= ?::timestamptz AND a2.status_code IS NULL) "
                    + "AND a.sent_at < ?::timestamptz", instance, instance, downAt, upAt);
            // drain: every item captured before the receiver came back
            long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
            while (sql.count("SELECT count(*) FROM replication.replication_queue WHERE instance_id = ? "
                    + "AND created_at < ?::timestamptz AND status IN ('pending', 'in_flight')", instance, upAt) > 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            writing.set(false);
            writer.join();
            db.awaitSettled(Duration.ofMinutes(5));
            String drainedAt = sql.text("SELECT max(completed_at)::text FROM replication.replication_queue "
                    + "WHERE instance_id = ? AND created_at < ?::timestamptz", instance, upAt);
            long backlogAtReturn = sql.count("SELECT count(*) FROM replication.replication_queue WHERE instance_id = ? "
                    + "AND created_at < ?::timestamptz AND (completed_at IS NULL OR completed_at >= ?::timestamptz)",
                    instance, upAt, upAt);
            // the drain starts with the first 2xx (the probe that resumed the instance), up to probe_max_seconds after the return
            String resumedAt = sql.text("SELECT min(completed_at)::text FROM replication.replication_queue "
                    + "WHERE instance_id = ? AND status = 'success' AND completed_at >= ?::timestamptz", instance, upAt);
            double noticedAfter = Double.parseDouble(sql.text("SELECT extract(epoch FROM ?::timestamptz - ?::timestamptz)::text",
                    resumedAt, upAt));
            double drainSeconds = Double.parseDouble(sql.text("SELECT extract(epoch FROM ?::timestamptz - ?::timestamptz)::text",
                    drainedAt, resumedAt));
            long outageChanges = sql.count("SELECT count(*) FROM replication.replication_queue WHERE instance_id = ? "
                    + "AND payload->>'name' LIKE 'outage_%' AND created_at >= ?::timestamptz AND created_at < ?::timestamptz",
                    instance, downAt, upAt);
            long failed = sql.count("SELECT count(*) FROM replication.replication_queue WHERE status = 'failed'");
            long delivered = r.received().stream().map(x -> x.header("X-Sync-Record-Id")).distinct().count();
            long pauses = sql.count("SELECT pauses FROM replication.instances WHERE instance_id = ?", instance);
            System.out.printf("outage: %d s down, %d changes committed during it, %d rows in all; %d requests sent during "
                    + "the outage (%d after the first failure was seen); paused %d time(s)%n", outageSeconds, outageChanges,
                    written.get(), requestsDuringOutage, probes, pauses);
            System.out.printf("outage: resumed %.1f s after the receiver came back; backlog at return %d items, drained in "
                    + "%.1f s = %.0f/s, %.2f of capacity; failed %d; distinct records delivered %d of %d%n", noticedAfter,
                    backlogAtReturn, drainSeconds,
                    backlogAtReturn / drainSeconds, backlogAtReturn / drainSeconds / capacity, failed, delivered,
                    written.get() + backlog);
            assertEquals(0, failed);
            assertEquals(written.get() + backlog, delivered, "every record arrives");
        }
    }

    /** Deliveries per second from the first attempt sent to the last item completed, of the items matched. */
    private static double rate(SenderFixture sql, UUID instance, String which) throws Exception {
        return Double.parseDouble(sql.text("SELECT (count(DISTINCT q.id) / extract(epoch FROM max(q.completed_at) - min(a.sent_at)))::text "
                + "FROM replication.replication_queue q JOIN replication.delivery_attempts a ON a.queue_id = q.id "
                + "WHERE q.instance_id = ? AND " + which, instance));
    }
}
