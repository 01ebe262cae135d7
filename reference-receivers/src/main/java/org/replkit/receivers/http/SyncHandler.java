package org.replkit.receivers.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.RecordValidator;
import org.replkit.receivers.record.Snapshot;
import org.replkit.receivers.store.RecordStore;
import org.replkit.receivers.store.RecordStore.UpsertOutcome;

/**
 * POST /sync/patterns or POST /sync/metrics: checks a delivery in the order the catalogue's rules
 * build on each other, upserts it and acknowledges the stored row. Every refusal is a
 * {@link Rejection}; nothing here answers 5xx for a client's mistake.
 */
public final class SyncHandler implements Handler {

    private static final int MAX_PROBLEMS_SHOWN = 5;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // A record with "id" twice is ambiguous: refuse it rather than guess which one counts.
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final RecordKind kind;
    private final RecordStore store;
    private final RecordValidator validator;
    private final BearerAuth auth;

    public SyncHandler(RecordKind kind, RecordStore store, RecordValidator validator, BearerAuth auth) {
        this.kind = kind;
        this.store = store;
        this.validator = validator;
        this.auth = auth;
    }

    @Override
    public void handle(Context ctx) {
        auth.check(ctx);
        byte[] body = BodyReader.read(ctx);
        requireJsonContentType(ctx.contentType());
        if (body.length == 0) {
            throw Rejection.badRequest("empty_body", "the request body is empty; expected one " + kind.table() + " record as JSON");
        }
        JsonNode parsed = parse(body);
        SyncHeaders.check(kind, ctx);
        RecordValidator.Result result = validator.validate(kind, new String(body, StandardCharsets.UTF_8), parsed);
        if (!result.valid()) {
            throw Rejection.badRequest(kind.invalidRecordCode(), summarise(result.problems()));
        }
        Snapshot snapshot = result.snapshot();
        SyncHeaders.checkRecordId(ctx, snapshot.id());
        UpsertOutcome outcome = store.upsert(snapshot);
        JsonResponses.ok(ctx, acknowledgement(outcome));
    }

    /** The ack describes the stored row, so a stale snapshot is answered with the newer values kept. */
    private ObjectNode acknowledgement(UpsertOutcome outcome) {
        ObjectNode ack = JSON.createObjectNode();
        ack.put("status", "ok");
        ack.put(kind.ackIdField(), outcome.stored().id().toString());
        ack.set(kind.ackValueField(), outcome.stored().fields().get(kind.ackValueSource()));
        ack.put("synced_at", RecordValidator.formatTimestamp(Instant.now()));
        ack.put(kind.ackCountField(), outcome.count());
        return ack;
    }

    private static void requireJsonContentType(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new Rejection(415, "unsupported_media_type",
                    "Content-Type must be application/json" + (contentType == null ? " (none was sent)" : ", not " + contentType));
        }
    }

    private JsonNode parse(byte[] body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw Rejection.badRequest("malformed_json", "the request body is not valid JSON" + where + ": " + parserProblem(e));
        } catch (IOException e) {
            throw Rejection.badRequest("malformed_json", "the request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw Rejection.badRequest("not_an_object",
                    "the request body must be a JSON object (one " + kind.table() + " record), not " + describe(node));
        }
        return node;
    }

    /** Jackson's own words, without the parser-internal source and marker details. */
    private static String parserProblem(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
        message = message.lines().findFirst().orElse("");
        int cut = message.indexOf(" (start marker at");
        return cut >= 0 ? message.substring(0, cut) : message;
    }

    private static String describe(JsonNode node) {
        return node == null ? "nothing" : "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private String summarise(List<String> problems) {
        String shown = String.join("; ", problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS_SHOWN)));
        int more = problems.size() - MAX_PROBLEMS_SHOWN;
        return kind.table() + " record is invalid: " + shown + (more > 0 ? " (and " + more + " more)" : "");
    }
}
