package org.replkit.conformance.senderverify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.replkit.conformance.model.Exchange;
import org.replkit.spec.SyncHeaders;
import org.replkit.spec.SyncTable;

/**
 * One request the sender made to a scripted receiver, as it arrived, and the answer it was given.
 *
 * @param table    the table whose receiver it reached
 * @param url      the receiver's URL as registered with the sender
 * @param at       when the request arrived
 * @param attempt  1 for the first request about its record, 2 for the next, ...
 * @param answered the status the receiver answered
 * @param reply    the answer's body
 * @param heldMillis how long the answer was held back before it was sent (0: at once)
 */
public record Arrival(SyncTable table, String url, Instant at, int attempt, String method, Map<String, String> headers,
                      byte[] body, int answered, String reply, long heldMillis) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Arrival {
        TreeMap<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseless.putAll(headers);
        headers = java.util.Collections.unmodifiableMap(caseless);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The body as JSON; a JSON string that holds JSON (a body sent as a string) is returned as the string node. */
    public Optional<JsonNode> json() {
        try {
            return Optional.ofNullable(JSON.readTree(body));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** The record the request is about: X-Sync-Record-Id, else the body's id (also inside a body sent as a string). */
    public Optional<String> recordId() {
        Optional<String> header = header(SyncHeaders.RECORD_ID).filter(h -> !h.isBlank());
        if (header.isPresent()) {
            return header;
        }
        return record().map(r -> r.path("id").asText(null));
    }

    /** The record in the body: the object, or the object a JSON string holds. */
    public Optional<JsonNode> record() {
        Optional<JsonNode> node = json();
        if (node.isPresent() && node.get().isTextual()) {
            try {
                node = Optional.ofNullable(JSON.readTree(node.get().asText()));
            } catch (java.io.IOException e) {
                return Optional.empty();
            }
        }
        return node.filter(JsonNode::isObject);
    }

    /** The snapshot's version: the value of the table's version column (see {@link SenderTableWriter}). */
    public Optional<Long> version() {
        return record().map(r -> r.path(SenderTableWriter.versionColumn(table))).filter(JsonNode::canConvertToLong).map(JsonNode::asLong);
    }

    public boolean acknowledged() {
        return answered >= 200 && answered < 300;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** As evidence: the request as received, the answer given; millis is the time from the commit to the arrival. */
    public Exchange evidence(Instant committedAt, String note) {
        long sinceCommit = committedAt == null ? 0 : Duration.between(committedAt, at).toMillis();
        Map<String, String> answerHeaders = Map.of("Content-Type", "application/json");
        String timeline = "arrived " + (committedAt == null ? "at " + at : sinceCommit + " ms after the commit")
                + ", attempt " + attempt + (heldMillis > 0 ? ", answer held " + heldMillis + " ms" : "")
                + (note == null ? "" : "; " + note);
        return new Exchange(method, url, headers, body, answered, answerHeaders, reply, sinceCommit, timeline, false);
    }
}
