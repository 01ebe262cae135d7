package org.replkit.receivers.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.replkit.receivers.record.RecordJson;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.RecordValidator;
import org.replkit.receivers.record.RecordValidator.Problem;
import org.replkit.receivers.record.Snapshot;
import org.replkit.receivers.store.RecordStore;
import org.replkit.receivers.store.RecordStore.UpsertOutcome;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import org.replkit.spec.Enforces;

/**
 * POST /sync/patterns or POST /sync/metrics: checks a delivery in the order the catalogue's rules
 * build on each other, upserts it and acknowledges the stored row. The body is parsed once; the
 * schema and every other check read that one tree. Every refusal is a {@link Rejection} carrying
 * its requirement id; nothing here answers 5xx for a client's mistake.
 */
public final class SyncHandler implements Handler {

    private static final int MAX_PROBLEMS_SHOWN = 5;

    private final RecordKind kind;
    private final RecordStore store;
    private final RecordValidator validator;

    public SyncHandler(RecordKind kind, RecordStore store, RecordValidator validator) {
        this.kind = kind;
        this.store = store;
        this.validator = validator;
    }

    @Override
    @Enforces("SYNC-IDEM-05")
    public void handle(Context ctx) {
        byte[] body = BodyReader.read(ctx);                           // SYNC-ERR-05
        requireJsonContentType(ctx.contentType());                    // SYNC-ERR-04
        if (body.length == 0) {
            throw Rejection.badRequest("empty_body", "SYNC-ERR-02",
                    "the request body is empty; expected one " + kind.table() + " record as JSON");
        }
        JsonNode parsed = parse(body);                                // SYNC-ERR-02
        SyncHeaderRules.check(kind, ctx);                                 // SYNC-HDR-02, SYNC-HDR-03
        RecordValidator.Result result = validator.validate(kind, parsed);
        if (!result.valid()) {
            // SYNC-VAL-01..03, PAT-VAL-01/02, MET-VAL-01/02: the first problem's rule names the refusal.
            throw Rejection.badRequest(kind.invalidRecordCode(), result.problems().get(0).requirement(), summarise(result.problems()));
        }
        Snapshot snapshot = result.snapshot();
        SyncHeaderRules.checkRecordId(ctx, snapshot.id());                // SYNC-HDR-01
        // SYNC-IDEM-01..06: an upsert by id where the newest updated_at wins; a retry of a record
        // whose answer was lost (SYNC-IDEM-05) is just another upsert of the same snapshot.
        UpsertOutcome outcome = store.upsert(snapshot);
        acknowledge(ctx, outcome);
    }

    /**
     * PAT-ACK-01, MET-ACK-01: the ack describes the stored row, so a stale snapshot is answered with
     * the newer values kept (SYNC-IDEM-03); the count is the store's exact count (SYNC-COUNT-01).
     * Written field by field with one generator straight into the response (no tree, no mapper).
     */
    @Enforces({"PAT-ACK-01", "MET-ACK-01"})
    private void acknowledge(Context ctx, UpsertOutcome outcome) {
        JsonResponses.ok(ctx, json -> {
            json.writeStartObject();
            json.writeStringProperty("status", "ok");
            json.writeStringProperty(kind.ackIdField(), outcome.stored().id().toString());
            json.writeName(kind.ackValueField());
            RecordJson.writeScalar(json, outcome.stored().fields().get(kind.ackValueSource()));
            json.writeStringProperty("synced_at", RecordValidator.formatTimestamp(Instant.now()));
            json.writeNumberProperty(kind.ackCountField(), outcome.count());
            json.writeEndObject();
        });
    }

    private static void requireJsonContentType(String contentType) {
        if (!isJson(contentType)) {
            throw new Rejection(415, "unsupported_media_type", "SYNC-ERR-04",
                    "Content-Type must be application/json" + (contentType == null ? " (none was sent)" : ", not " + contentType));
        }
    }

    private static final String JSON = "application/json";

    /** The media type, before any parameter and around spaces, is application/json in any case; read in place. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int end = contentType.indexOf(';');
        end = end < 0 ? contentType.length() : end;
        int start = 0;
        while (start < end && Character.isWhitespace(contentType.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(contentType.charAt(end - 1))) {
            end--;
        }
        return end - start == JSON.length() && contentType.regionMatches(true, start, JSON, 0, JSON.length());
    }

    private JsonNode parse(byte[] body) {
        JsonNode node;
        try {
            node = RecordJson.read(body);
        } catch (JacksonException e) {
            // Malformed, trailing garbage, a duplicated key, nesting or a number beyond the parser's limits.
            TokenStreamLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw Rejection.badRequest("malformed_json", "SYNC-ERR-02", "the request body is not valid JSON" + where + ": " + parserProblem(e));
        }
        if (node == null || node.isMissingNode() || !node.isObject()) {
            throw Rejection.badRequest("not_an_object", "SYNC-ERR-02",
                    "the request body must be a JSON object (one " + kind.table() + " record), not " + describe(node));
        }
        return node;
    }

    /** Jackson's own words, without the parser-internal source and marker details. */
    private static String parserProblem(JacksonException e) {
        String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
        message = message.lines().findFirst().orElse("");
        int cut = message.indexOf(" (start marker at");
        return cut >= 0 ? message.substring(0, cut) : message;
    }

    private static String describe(JsonNode node) {
        return node == null || node.isMissingNode() ? "nothing" : "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private String summarise(List<Problem> problems) {
        List<String> shown = problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS_SHOWN)).stream().map(Problem::message).toList();
        int more = problems.size() - MAX_PROBLEMS_SHOWN;
        return kind.table() + " record is invalid: " + String.join("; ", shown) + (more > 0 ? " (and " + more + " more)" : "");
    }
}
