package org.replkit.receivers.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.replkit.receivers.record.RecordKind;

/** Valid records shaped like the spec's examples, each with a fresh id; tests change one field at a time. */
public final class Records {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Records() {
    }

    public static ObjectNode of(RecordKind kind) {
        return kind == RecordKind.PATTERNS ? pattern() : metrics();
    }

    /** The spec's sample pattern (spec/examples) under a fresh id, its times now. */
    public static ObjectNode pattern() {
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        ObjectNode r = sample(RecordKind.PATTERNS);
        for (String f : new String[] {"approved_at", "last_synced_at", "inserted_at", "updated_at"}) {
            r.put(f, now);
        }
        return r;
    }

    /** The spec's sample metrics record (spec/examples) under a fresh id, its period the last five minutes. */
    public static ObjectNode metrics() {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode r = sample(RecordKind.METRICS);
        r.put("period_start", end.minus(5, ChronoUnit.MINUTES).toString());
        r.put("period_end", end.toString());
        r.put("inserted_at", end.toString());
        r.put("updated_at", end.toString());
        return r;
    }

    private static ObjectNode sample(RecordKind kind) {
        try {
            ObjectNode r = (ObjectNode) JSON.readTree(kind.syncTable().sampleJson());
            r.put("id", UUID.randomUUID().toString());
            return r;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same record as a later snapshot: updated_at moved on by {@code seconds}, the echoed ack value changed. */
    public static ObjectNode newerSnapshot(RecordKind kind, ObjectNode record, long seconds) {
        ObjectNode next = record.deepCopy();
        next.put("updated_at", Instant.parse(record.get("updated_at").asText()).plusSeconds(seconds).toString());
        if (kind == RecordKind.PATTERNS) {
            next.put("name", record.get("name").asText() + "_v" + seconds);
        } else {
            next.put("success_rate", Math.round((1.0 / (2 + Math.abs(seconds))) * 1000) / 1000.0);
        }
        return next;
    }
}
