package org.replkit.conformance.senderverify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.replkit.sender.SenderDatabase;

/**
 * The defects planted in the kit's sender for verify-sender's self-test. Each is a patch of today's
 * sender: in one repeatable SQL file of pg-image (as the sender applied it, read from the classpath),
 * one exact piece of text, found exactly once, becomes the broken text; the patched file is applied,
 * and afterwards the correct file again. A defect whose text is no longer in the file fails loudly
 * ({@link #patched()}), so it can never silently stop being planted, nor bring back an older function.
 */
enum PlantedSenderDefect {
    // 429 and 503 stay retried: those are SND-RETRYAFTER-01's (and an outage's, SND-PAUSE-01's).
    NO_RETRY("SND-RETRY-01", "R__02_delivery.sql",
            "never retries an item's own failure: a 500, 502, 504, a timeout or a connection error fails it at once",
            "SELECT status_code IS NULL OR status_code >= 500 OR status_code IN (408, 429)",
            "SELECT coalesce(status_code IN (429, 503), false)"),
    WRONG_BACKOFF("SND-RETRY-01", "R__02_delivery.sql",
            "waits the first backoff before every retry (5, 5, 5 s instead of 5, 10, 20 s)",
            "backoffs[least(greatest(retry, 1), cardinality(backoffs))]",
            "backoffs[1]"),
    RETRIES_A_400("SND-RETRY-02", "R__02_delivery.sql",
            "retries a 4xx like a 5xx",
            "SELECT status_code IS NULL OR status_code >= 500 OR status_code IN (408, 429)",
            "SELECT status_code IS NULL OR status_code >= 400"),
    NO_TIMEOUT("SND-TIME-01", "R__02_delivery.sql",
            "waits ten minutes for an answer instead of its timeout",
            "timeout_milliseconds := s.timeout_ms) AS rid",
            "timeout_milliseconds := 600000) AS rid"),
    // Both of the sender's order guards go: the one in dispatch, and the coalescing of a snapshot that
    // comes back from flight behind a newer one (with that left in, snapshot 1 is superseded whenever
    // its timeout is collected before a tick sends snapshot 2, and the defect shows only in some runs).
    REORDERS_SNAPSHOTS("SND-ORDER-01", "R__02_delivery.sql",
            "sends every due snapshot, not only the oldest open one of its record, and retries an older snapshot "
                    + "that comes back from flight behind a newer one",
            """
                                    AND ($4 OR q.next_attempt_at <= now() + interval '100 milliseconds')
                                    AND NOT EXISTS (SELECT 1 FROM replication.replication_queue o
                                                     WHERE o.instance_id = q.instance_id AND o.record_id = q.record_id
                                                       AND o.status IN ('pending', 'in_flight') AND o.id < q.id)
            """,
            """
                                    AND ($4 OR q.next_attempt_at <= now() + interval '100 milliseconds')
            """,
            "    PERFORM replication.supersede_older(split_part(b, ' ', 1)::uuid, split_part(b, ' ', 2)::uuid)\n       FROM unnest(back) b;",
            "    PERFORM replication.supersede_older(split_part(b, ' ', 1)::uuid, split_part(b, ' ', 2)::uuid)\n       FROM unnest(back) b WHERE false;"),
    MISSING_RECORD_ID_HEADER("SND-HDR-01", "R__02_delivery.sql",
            "leaves out X-Sync-Record-Id",
            """
                                   'X-Sync-Table', l.table_name,
                                   'X-Sync-Record-Id', l.record_id::text)
            """,
            """
                                   'X-Sync-Table', l.table_name)
            """),
    TABLE_IN_EVENT_TYPE_HEADER("SND-HDR-01", "R__02_delivery.sql",
            "puts the table name in X-Sync-Event-Type and the event type in X-Sync-Table",
            """
                                   'X-Sync-Event-Type', l.event_type,
                                   'X-Sync-Table', l.table_name,
            """,
            """
                                   'X-Sync-Event-Type', l.table_name,
                                   'X-Sync-Table', l.event_type,
            """),
    // The body is made a string where the queue item is read, so what is signed is what is sent.
    BODY_AS_JSON_STRING("SND-HDR-01", "R__02_delivery.sql",
            "sends the row as a JSON string holding the JSON text",
            "q.record_id, q.payload, q.instance_id",
            "q.record_id, to_jsonb(q.payload::text) AS payload, q.instance_id"),
    DROPS_IN_FLIGHT_AFTER_A_CRASH("SND-CRASH-01", "R__02_delivery.sql",
            "deletes, after a restart, the items whose requests died with the server instead of retrying them",
            """
                SELECT * INTO s FROM replication.settings;
                WITH got AS (
            """,
            """
                DELETE FROM replication.replication_queue q
                 WHERE q.status = 'in_flight'
                   AND q.last_attempt_at < pg_postmaster_start_time()
                   AND NOT EXISTS (SELECT 1 FROM net._http_response resp WHERE resp.id = q.request_id)
                   AND NOT EXISTS (SELECT 1 FROM net.http_request_queue hq WHERE hq.id = q.request_id);
                SELECT * INTO s FROM replication.settings;
                WITH got AS (
            """),
    SIGNS_ANOTHER_BODY("SND-SIG-01", "R__02_delivery.sql",
            "signs a different body from the one it sends",
            "replication.signature_headers(l.instance_id, l.id, l.payload)",
            "replication.signature_headers(l.instance_id, l.id, l.payload || '{\"signed\": \"another body\"}'::jsonb)"),
    // The outage defects are pg-image's own (PlantedSenderDefectsTest), from the file both plant.
    BREAKER_NEVER_RESUMES,
    PAUSES_ON_ONE_POISON_RECORD,
    TOO_MANY_REQUESTS_IS_FINAL,
    RETRY_AFTER_IGNORED,
    NO_COALESCING;

    private static final String OUTAGE_DEFECTS = "/pg-image/planted-defects/outage-defects.json";

    /** The requirement the defect breaks, and so the only one it may fail. */
    final String requirement;
    final String file;
    final String what;
    private final String correct;
    private final String broken;
    /** A second piece of the same file, for a defect that needs two (null: none). */
    private final String correct2;
    private final String broken2;

    /** A defect of pg-image's outage-defects.json, by its name there. */
    PlantedSenderDefect() {
        JsonNode patch = outageDefects().path(name());
        if (patch.isMissingNode()) {
            throw new IllegalStateException(name() + " is not in " + OUTAGE_DEFECTS);
        }
        this.requirement = patch.path("rule").asText();
        this.file = patch.path("file").asText();
        this.what = patch.path("what").asText();
        this.correct = patch.path("correct").asText();
        this.broken = patch.path("broken").asText();
        this.correct2 = null;
        this.broken2 = null;
    }

    private static JsonNode outageDefects() {
        try (InputStream in = PlantedSenderDefect.class.getResourceAsStream(OUTAGE_DEFECTS)) {
            if (in == null) {
                throw new IllegalStateException(OUTAGE_DEFECTS + " is not on the test classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PlantedSenderDefect(String requirement, String file, String what, String correct, String broken) {
        this(requirement, file, what, correct, broken, null, null);
    }

    PlantedSenderDefect(String requirement, String file, String what, String correct, String broken,
                        String correct2, String broken2) {
        this.requirement = requirement;
        this.file = file;
        this.what = what;
        this.correct = correct;
        this.broken = broken;
        this.correct2 = correct2;
        this.broken2 = broken2;
    }

    /** The file as the kit's sender applies it. */
    String original() {
        try (InputStream in = PlantedSenderDefect.class.getResourceAsStream("/pg-image/sql/" + file)) {
            if (in == null) {
                throw new IllegalStateException("pg-image/sql/" + file + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file with the defect planted; fails unless the text to break occurs exactly once. */
    String patched() {
        String patched = patch(original(), correct, broken);
        return correct2 == null ? patched : patch(patched, correct2, broken2);
    }

    private String patch(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalStateException(this + ": the text to break must occur exactly once in pg-image/sql/" + file
                    + " (found " + (at < 0 ? "none" : "more than one") + "); the sender changed, so the defect must follow it");
        }
        return text.replace(from, to);
    }

    /** Plants the defect in the running sender. */
    void plant(SenderDatabase sender) throws SQLException {
        execute(sender, patched());
    }

    /** Applies the correct file again; fails unless the correct text is back in a function and the broken one gone. */
    void remove(SenderDatabase sender) throws SQLException {
        execute(sender, original());
        boolean back = isBack(sender, correct, broken) && (correct2 == null || isBack(sender, correct2, broken2));
        if (!back) {
            throw new IllegalStateException(this + ": the correct function is not back");
        }
    }

    private static boolean isBack(SenderDatabase sender, String correct, String broken) throws SQLException {
        return functionsHolding(sender, correct) > 0 && (correct.contains(broken) || functionsHolding(sender, broken) == 0);
    }

    private static int functionsHolding(SenderDatabase sender, String text) throws SQLException {
        try (Connection c = sender.connection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_proc "
                     + "WHERE pronamespace = 'replication'::regnamespace AND strpos(prosrc, ?) > 0")) {
            ps.setString(1, text);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void execute(SenderDatabase sender, String sql) throws SQLException {
        try (Connection c = sender.connection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
