package org.replkit.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.replkit.sender.RecordingReceiver.Received;
import org.replkit.spec.SyncTable;

/**
 * The sender's outage behaviours, each a scenario that throws an AssertionError when the sender breaks
 * it: run as tests by {@link InstanceHealthTest}, and against planted defects by
 * {@link PlantedSenderDefectsTest}, which must see each one fail. Scaled down: 1 s cadence, 1 s
 * timeout, backoff 1/2/4 s, probes capped at 4 s.
 */
final class OutageScenarios {

    static final double PROBE_MAX_SECONDS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private final SenderDatabase db;
    private final SenderFixture sql;

    OutageScenarios(SenderDatabase db) {
        this.db = db;
        this.sql = new SenderFixture(db);
    }

    /** A fresh sender at the scaled-down timing and the given outage policy. */
    static OutageScenarios fresh(SenderDatabase db, String outagePolicy) throws Exception {
        db.reset();
        db.setTiming(SenderTiming.FAST);
        new SenderFixture(db).execute("SELECT replication.configure(outage_policy => ?::text, probe_max_seconds => ?::numeric)",
                outagePolicy, PROBE_MAX_SECONDS);
        return new OutageScenarios(db);
    }

    /**
     * SND-PAUSE-01: a receiver down for longer than the retry schedule (1 + 2 + 4 s) gets every change
     * once it is back, with nothing failed and no operator action; while paused it gets at most one
     * probe per backoff step.
     */
    void aLongOutageLosesNothingAndCostsOnlyProbes() throws Exception {
        try (RecordingReceiver r = new RecordingReceiver()) {
            UUID instance = db.registerInstance("down-a-while", r.url("/sync/patterns"), SyncTable.PATTERNS);
            r.goDown();
            UUID first = sql.insertPattern("outage_1");
            sql.insertPattern("outage_2");
            awaitState(instance, "paused", Duration.ofSeconds(20));
            String pausedAt = sql.text("SELECT paused_since::text FROM replication.instances WHERE instance_id = ?", instance);
            for (int i = 3; i <= 6; i++) {
                sql.insertPattern("outage_" + i);
            }
            sql.updatePattern(first, 999);
            Thread.sleep(14_000); // twice the retry schedule: a literal sender has failed everything by now
            assertEquals(0, sql.count("SELECT count(*) FROM replication.replication_queue WHERE status = 'failed'"),
                    "SND-PAUSE-01: nothing fails while the instance is paused");
            long probes = sql.count("SELECT count(*) FROM replication.delivery_attempts a JOIN replication.replication_queue q "
                    + "ON q.id = a.queue_id WHERE q.instance_id = ? AND a.sent_at > ?::timestamptz", instance, pausedAt);
            // probes at 1, 2, 4, 4, 4 s after the pause: at most 6 in 14 s, whatever the backlog
            assertTrue(probes <= 6, "SND-PAUSE-01: one probe per backoff step while paused, got " + probes);
            r.comeBack();
            awaitState(instance, "active", Duration.ofSeconds(20));
            settle("SND-PAUSE-01");
            assertEquals(0, sql.count("SELECT count(*) FROM replication.replication_queue WHERE status = 'failed'"));
            assertEquals(6, r.received().stream().map(x -> x.header("X-Sync-Record-Id")).distinct().count(),
                    "every record arrives");
            Received newestOfFirst = r.received().stream()
                    .filter(x -> first.toString().equals(x.header("X-Sync-Record-Id"))).reduce((a, b) -> b).orElseThrow();
            assertEquals(999, JSON.readTree(newestOfFirst.body()).get("frequency").asInt());
        }
    }

    /**
     * SND-PAUSE-01 and SND-RETRY-01: a receiver that always answers 503 to one poison record, and 200
     * to the others, never pauses: the poison record ends failed after 3 retries (each failing alone,
     * after the others got through), the others arrive.
     */
    void aPoisonRecordNeverPausesTheOthers() throws Exception {
        try (RecordingReceiver r = new RecordingReceiver()) {
            // A 3 s timeout: on a busy machine a 1 s one times out healthy records too, and two records
            // failing alike is an outage, not a poison record.
            sql.execute("SELECT replication.configure(timeout_ms => 3000)");
            UUID instance = db.registerInstance("one-poison", r.url("/sync/patterns"), SyncTable.PATTERNS);
            UUID poison = UUID.randomUUID();
            r.poison(poison, 503);
            sql.execute("INSERT INTO approved_patterns (id, name, ecosystem, confidence) VALUES (?, 'poison', 'elixir', 0.5)",
                    poison);
            for (int i = 0; i < 8; i++) {
                sql.insertPattern("healthy_" + i);
            }
            // The others are delivered at once; the poison record's retries then fail alone, pass after pass.
            Thread.sleep(8000);
            assertEquals(0, sql.count("SELECT pauses FROM replication.instances WHERE instance_id = ?", instance),
                    "SND-PAUSE-01: a poison record must not pause the instance");
            settle("SND-PAUSE-01");
            assertEquals(0, sql.count("SELECT pauses FROM replication.instances WHERE instance_id = ?", instance),
                    "SND-PAUSE-01: a poison record must not pause the instance");
            assertEquals("failed", sql.text("SELECT status FROM replication.replication_queue WHERE record_id = ?", poison));
            assertEquals(4, sql.count("SELECT attempts FROM replication.replication_queue WHERE record_id = ?", poison),
                    "SND-RETRY-01: the first attempt and 3 retries");
            assertEquals(8, sql.count("SELECT count(*) FROM replication.replication_queue WHERE instance_id = ? "
                    + "AND status = 'success'", instance), "the others arrive");
        }
    }

    /**
     * SND-RETRYAFTER-01: 429 with Retry-After: 3 answered four times (more than max_retries) never
     * fails the item, and no retry goes out before the 3 s have passed (the backoff is 1 s).
     */
    void a429IsRetriedNoSoonerThanRetryAfterAndNeverFails() throws Exception {
        try (RecordingReceiver r = new RecordingReceiver()) {
            for (int i = 0; i < 4; i++) {
                r.answerWith(429, Map.of("Retry-After", "3"));
            }
            UUID instance = db.registerInstance("rate-limited", r.url("/sync/patterns"), SyncTable.PATTERNS);
            sql.insertPattern("limited");
            settle("SND-RETRYAFTER-01");
            assertEquals("success", sql.items(instance).get(0).status(), "SND-RETRYAFTER-01: a 429 never fails an item");
            List<Received> got = r.received();
            assertEquals(5, got.size(), "four 429s, then the delivery");
            for (int i = 1; i < got.size(); i++) {
                double gap = Duration.between(got.get(i - 1).at(), got.get(i).at()).toMillis() / 1000.0;
                assertTrue(gap >= 2.9, "SND-RETRYAFTER-01: retry " + i + " came " + gap + " s after a Retry-After of 3 s");
            }
        }
    }

    /**
     * SND-RETRYAFTER-01: a 503 with Retry-After as an HTTP-date 4 s ahead is retried no sooner than then.
     */
    void a503RetryAfterDateIsHonoured() throws Exception {
        try (RecordingReceiver r = new RecordingReceiver()) {
            r.answerWith(503, () -> Map.of("Retry-After", java.time.format.DateTimeFormatter
                    .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US).format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(4))));
            UUID instance = db.registerInstance("maintenance", r.url("/sync/patterns"), SyncTable.PATTERNS);
            sql.insertPattern("later");
            settle("SND-RETRYAFTER-01");
            List<Received> got = r.received();
            assertEquals(2, got.size());
            assertEquals("success", sql.items(instance).get(0).status());
            double gap = Duration.between(got.get(0).at(), got.get(1).at()).toMillis() / 1000.0;
            // the date has whole seconds: 3 to 4 s ahead when answered
            assertTrue(gap >= 2.9, "SND-RETRYAFTER-01: the retry came " + gap + " s after a Retry-After date 3 to 4 s ahead");
        }
    }

    /**
     * SND-COALESCE-01: a record updated 20 times while its receiver is down arrives once, as its newest
     * snapshot; the older snapshots end superseded.
     */
    void supersededSnapshotsAreCoalesced() throws Exception {
        try (RecordingReceiver r = new RecordingReceiver()) {
            UUID instance = db.registerInstance("behind", r.url("/sync/patterns"), SyncTable.PATTERNS);
            r.goDown();
            UUID id = sql.insertPattern("busy_record");
            for (int i = 1; i <= 20; i++) {
                sql.updatePattern(id, 1000 + i);
                Thread.sleep(100);
            }
            Thread.sleep(2500); // an attempt in flight at the last update has failed by now
            r.comeBack();
            settle("SND-COALESCE-01");
            List<Received> got = r.received();
            assertEquals(1, got.size(), "SND-COALESCE-01: one delivery of the newest snapshot, got " + got.size());
            assertEquals(1020, JSON.readTree(got.get(0).body()).get("frequency").asInt());
            assertTrue(sql.count("SELECT count(*) FROM replication.replication_queue WHERE instance_id = ? "
                    + "AND status = 'superseded'", instance) >= 19);
            assertEquals(0, sql.count("SELECT count(*) FROM replication.replication_queue WHERE status = 'failed'"));
        }
    }

    /** SND-GONE-01: a 410 deactivates the instance; nothing more goes to it; registered again, it gets its items. */
    void a410DeactivatesUntilRegisteredAgain() throws Exception {
        try (RecordingReceiver r = new RecordingReceiver().answer(410)) {
            UUID instance = db.registerInstance("retired-route", r.url("/sync/patterns"), SyncTable.PATTERNS);
            sql.insertPattern("gone_1");
            awaitState(instance, "deactivated", Duration.ofSeconds(20));
            String reason = sql.text("SELECT deactivated_reason FROM replication.instances WHERE instance_id = ?", instance);
            assertNotNull(reason);
            assertTrue(reason.contains("410"), reason);
            sql.insertPattern("gone_2");
            Thread.sleep(4000);
            assertEquals(1, r.received().size(), "SND-GONE-01: no request after the 410");
            assertEquals(2, sql.count("SELECT count(*) FROM replication.replication_queue WHERE instance_id = ? "
                    + "AND status = 'pending'", instance), "its items stay pending");
            sql.execute("SELECT replication.register_instance('retired-route', ?, 'approved_patterns', ?)",
                    r.url("/sync/patterns"), instance);
            settle("SND-GONE-01");
            assertEquals(2, sql.count("SELECT count(*) FROM replication.replication_queue WHERE instance_id = ? "
                    + "AND status = 'success'", instance));
        }
    }

    /**
     * SND-PAUSE-01, the fan-out case: an instance that never answers (a black hole: the connection is
     * accepted by the kernel, no answer comes) gets one request at a time, never one per due item, so
     * its timeouts hold up at most one request of a pg_net pass; it is paused all the same, and a new
     * instance of the same table that answers gets every change.
     */
    void aDeadInstanceGetsOneRequestAtATime() throws Exception {
        try (RecordingReceiver healthy = new RecordingReceiver();
             java.net.ServerSocket blackHole = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            UUID dead = db.registerInstance("black-hole", "http://127.0.0.1:" + blackHole.getLocalPort() + "/sync/patterns",
                    SyncTable.PATTERNS);
            db.registerInstance("answers", healthy.url("/sync/patterns"), SyncTable.PATTERNS);
            for (int i = 0; i < 12; i++) {
                sql.insertPattern("fan_out_" + i);
            }
            awaitState(dead, "paused", Duration.ofSeconds(30));
            long deadline = System.nanoTime() + SETTLE.toNanos();
            while (healthy.received().size() < 12 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(12, healthy.received().size(), "every change reaches the instance that answers");
            // an attempt goes out only once the one before it has its outcome
            long overlapping = sql.count("SELECT count(*) FROM (SELECT a.sent_at, lag(a.finished_at) OVER w AS before_finished, "
                    + "lag(a.id) OVER w AS before FROM replication.delivery_attempts a "
                    + "JOIN replication.replication_queue q ON q.id = a.queue_id WHERE q.instance_id = ? "
                    + "WINDOW w AS (ORDER BY a.sent_at, a.id)) x "
                    + "WHERE x.before IS NOT NULL AND (x.before_finished IS NULL OR x.sent_at < x.before_finished)", dead);
            assertEquals(0, overlapping, "SND-PAUSE-01: an instance that has not answered yet gets one request at a time, "
                    + "but " + overlapping + " went out while another was in flight");
            assertEquals(0, sql.count("SELECT count(*) FROM replication.replication_queue WHERE status = 'failed'"));
        }
    }

    /**
     * SND-PAUSE-01, a receiver that answered before and then becomes a black hole (its process hangs:
     * connections are accepted, no answer comes) while rows go on being committed, 4 per cadence: it
     * gets the items due in the ticks before its first timeout comes back, each once, and no more; that
     * timeout pauses it, and from then on it gets probes only, one at a time; the other instance of
     * the table gets every change and nothing fails. Prints the figures (the answering instance's lag).
     */
    void anAnsweringInstanceThatHangsIsPausedByItsFirstTimeouts() throws Exception {
        int rowsPerCommit = 4;
        int commits = 8;
        try (RecordingReceiver hangs = new RecordingReceiver(); RecordingReceiver answers = new RecordingReceiver()) {
            UUID silent = db.registerInstance("hangs-later", hangs.url("/sync/patterns"), SyncTable.PATTERNS);
            UUID healthy = db.registerInstance("keeps-answering", answers.url("/sync/patterns"), SyncTable.PATTERNS);
            insertPatterns("before", rowsPerCommit);
            settle("SND-PAUSE-01");
            // both have answered, and a clean pass has dropped the window of a first answer: every due item goes out
            awaitTrue("SELECT answered_at IS NOT NULL AND in_flight_window IS NULL FROM replication.instances "
                    + "WHERE instance_id = ?", silent);

            hangs.hang();
            String darkAt = sql.now();
            for (int i = 0; i < commits; i++) {
                insertPatterns("during_" + i, rowsPerCommit);
                Thread.sleep(1000);
            }
            awaitState(silent, "paused", Duration.ofSeconds(30));
            int total = rowsPerCommit * (commits + 1);
            long deadline = System.nanoTime() + SETTLE.toNanos();
            while (answers.received().size() < total && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            String pausedAt = sql.text("SELECT paused_since::text FROM replication.instances WHERE instance_id = ?", silent);
            double sincePause;
            while ((sincePause = Double.parseDouble(sql.text("SELECT extract(epoch FROM clock_timestamp() - ?::timestamptz)::text",
                    pausedAt))) < 10) {
                Thread.sleep(200);
            }

            assertEquals(total, answers.received().stream().map(x -> x.header("X-Sync-Record-Id")).distinct().count(),
                    "every change reaches the instance that answers");
            assertEquals(0, sql.count("SELECT count(*) FROM replication.replication_queue WHERE status = 'failed'"),
                    "SND-PAUSE-01: nothing fails");
            assertEquals("paused", sql.text("SELECT state FROM replication.instances WHERE instance_id = ?", silent),
                    "SND-PAUSE-01: the black hole stays paused");
            assertEquals(1, sql.count("SELECT pauses FROM replication.instances WHERE instance_id = ?", silent),
                    "SND-PAUSE-01: paused once, never resumed by a black hole");

            // The bound: until its first timeout comes back the instance looks up, so each tick sends it every
            // due item (at most dispatch_batch_size); an item in flight is not sent again (SND-ORDER-01), and
            // the pass that brings back the first timeouts (two records or more) pauses it. So the requests
            // before the pause are at most the items captured before that first timeout was seen, each once.
            String firstSeen = sql.text("SELECT min(a.finished_at)::text " + ATTEMPTS + "AND a.sent_at > ?::timestamptz "
                    + "AND a.status_code IS NULL AND a.finished_at IS NOT NULL", silent, darkAt);
            assertNotNull(firstSeen, "a timeout of the black hole was recorded");
            long beforePause = sql.count("SELECT count(*) " + ATTEMPTS + "AND a.sent_at > ?::timestamptz "
                    + "AND a.sent_at < ?::timestamptz", silent, darkAt, pausedAt);
            long itemsBeforePause = sql.count("SELECT count(DISTINCT a.queue_id) " + ATTEMPTS + "AND a.sent_at > ?::timestamptz "
                    + "AND a.sent_at < ?::timestamptz", silent, darkAt, pausedAt);
            long dueBeforeSeen = sql.count("SELECT count(*) FROM replication.replication_queue q WHERE q.instance_id = ? "
                    + "AND q.created_at > ?::timestamptz AND q.created_at < ?::timestamptz", silent, darkAt, firstSeen);
            assertEquals(itemsBeforePause, beforePause, "SND-PAUSE-01: no item goes to the black hole twice before it is paused");
            assertTrue(beforePause <= dueBeforeSeen, "SND-PAUSE-01: " + beforePause + " requests went to the black hole before "
                    + "its pause, more than the " + dueBeforeSeen + " items captured before its first timeout was seen");

            // After the pause: probes, one at a time (none while another request to it is in flight), on the schedule
            long probes = sql.count("SELECT count(*) " + ATTEMPTS + "AND a.sent_at >= ?::timestamptz", silent, pausedAt);
            long overlapping = sql.count("SELECT count(*) " + ATTEMPTS + "AND a.sent_at >= ?::timestamptz AND EXISTS ("
                    + "SELECT 1 FROM replication.delivery_attempts o JOIN replication.replication_queue oq ON oq.id = o.queue_id "
                    + "WHERE oq.instance_id = q.instance_id AND o.id <> a.id AND o.sent_at <= a.sent_at "
                    + "AND (o.finished_at IS NULL OR o.finished_at > a.sent_at))", silent, pausedAt);
            assertEquals(0, overlapping, "SND-PAUSE-01: a paused instance gets one probe at a time");
            assertTrue(probes <= probesWithin(sincePause + 2), "SND-PAUSE-01: " + probes + " requests in " + sincePause
                    + " s after the pause, more than its probe schedule allows");

            // the figures: when the requests before the pause left (seconds after going dark, how many), and lags
            String sentBeforePause = sql.text("SELECT string_agg(n || ' at +' || t, ', ' ORDER BY t) FROM ("
                    + "SELECT round(extract(epoch FROM a.sent_at - ?::timestamptz)::numeric, 1) AS t, count(*) AS n "
                    + ATTEMPTS + "AND a.sent_at > ?::timestamptz AND a.sent_at < ?::timestamptz GROUP BY 1) x",
                    darkAt, silent, darkAt, pausedAt);
            System.out.printf(java.util.Locale.ROOT, "black hole after answering (1 s cadence and timeout, backoff 1/2/4 s, "
                    + "probes capped at %.0f s, %d rows per cadence; load average %s): %d requests before its pause (sent %s s "
                    + "after it went dark), %d items captured before its first timeout was seen %s s after it went dark, "
                    + "paused %s s after, then %d probes in %.1f s; the answering instance's lag, commit to 2xx: worst %s s "
                    + "(p50 %s s) for the rows captured from going dark to 2 s after the pause, worst %s s for those after%n",
                    PROBE_MAX_SECONDS, rowsPerCommit, loadAverage(), beforePause, sentBeforePause, dueBeforeSeen,
                    secondsBetween(darkAt, firstSeen), secondsBetween(darkAt, pausedAt), probes, sincePause,
                    lag("max", healthy, darkAt, pausedAt, 2), lag("p50", healthy, darkAt, pausedAt, 2),
                    sql.text("SELECT round(max(extract(epoch FROM completed_at - created_at))::numeric, 2)::text "
                            + "FROM replication.replication_queue WHERE instance_id = ? "
                            + "AND created_at >= ?::timestamptz + interval '2 seconds'", healthy, pausedAt));
        }
    }

    /** Attempts joined to their items, for one instance (the first parameter). */
    private static final String ATTEMPTS = "FROM replication.delivery_attempts a JOIN replication.replication_queue q "
            + "ON q.id = a.queue_id WHERE q.instance_id = ? ";

    /** Probes a paused instance may get within the given seconds: after 1, 2, 4, 4, ... s (the cap). */
    private static int probesWithin(double seconds) {
        int n = 0;
        double at = 0;
        double interval = SenderTiming.FAST.backoffSeconds().get(0);
        while ((at += interval) <= seconds) {
            n++;
            interval = Math.min(interval * 2, PROBE_MAX_SECONDS);
        }
        return n;
    }

    /** One insert of n rows, one commit: a tick carries all of them or none. */
    private void insertPatterns(String prefix, int n) throws Exception {
        sql.execute("INSERT INTO approved_patterns (name, ecosystem, confidence) "
                + "SELECT ? || '_' || g, 'elixir', 0.9 FROM generate_series(1, ?) g", prefix, n);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private String secondsBetween(String from, String to) throws Exception {
        return sql.text("SELECT round(extract(epoch FROM ?::timestamptz - ?::timestamptz)::numeric, 2)::text", to, from);
    }

    /** The max or p50 of an instance's lag (capture to outcome) over items captured from {@code from} to {@code after} s past {@code to}. */
    private String lag(String which, UUID instance, String from, String to, double after) throws Exception {
        String agg = which.equals("max") ? "max(l)" : "percentile_cont(0.5) WITHIN GROUP (ORDER BY l)";
        return sql.text("SELECT round(" + agg + "::numeric, 2)::text FROM (SELECT extract(epoch FROM completed_at - created_at) AS l "
                + "FROM replication.replication_queue WHERE instance_id = ? AND created_at > ?::timestamptz "
                + "AND created_at < ?::timestamptz + make_interval(secs => ?)) x", instance, from, to, after);
    }

    private void awaitTrue(String query, Object... args) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!"t".equals(sql.text(query, args))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + query);
            }
            Thread.sleep(100);
        }
    }

    /** Waits for every item to be final; an AssertionError naming the rule when they are not. */
    void settle(String rule) {
        try {
            db.awaitSettled(SETTLE);
        } catch (IllegalStateException e) {
            throw new AssertionError(rule + ": " + e.getMessage(), e);
        }
    }

    void awaitState(UUID instance, String state, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        String now;
        while (!state.equals(now = sql.text("SELECT state FROM replication.instances WHERE instance_id = ?", instance))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("SND-PAUSE-01: the instance is " + now + ", not " + state + ", after " + limit);
            }
            Thread.sleep(100);
        }
    }

    SenderFixture sql() {
        return sql;
    }
}
