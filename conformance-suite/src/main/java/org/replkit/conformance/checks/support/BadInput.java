package org.replkit.conformance.checks.support;

import org.replkit.spec.SyncHeaders;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.records.Samples;

/**
 * One client mistake: a request that can never succeed, everything but the mistake as the sender
 * sends it. Each belongs to exactly one requirement, its owner, which says that it must be refused
 * and with which status; how any refusal is answered is {@link Refusals#FORM}'s rule.
 *
 * @param owner  the requirement that says this input is refused
 * @param wanted the statuses the owner asks for (a subset of {@link Refusals#REFUSALS})
 */
public record BadInput(String owner, String name, byte[] body, String contentType, Map<String, String> headers,
                       Set<Integer> wanted) {

    public BadInput {
        headers = Map.copyOf(headers);
        wanted = Set.copyOf(wanted);
        if (!Refusals.REFUSALS.containsAll(wanted)) {
            throw new IllegalArgumentException(name + ": a refusal is one of " + Refusals.REFUSALS + ", not " + wanted);
        }
    }

    public Answer sendTo(ReceiverUnderTest r) {
        return r.send(body, contentType, headers);
    }

    /**
     * A sample of the catalogue's client mistakes for one endpoint, with fresh ids: every sort of
     * mistake once. The validation and header rules try many more of their own.
     */
    public static List<BadInput> battery(EndpointKind endpoint) {
        List<BadInput> out = new ArrayList<>(notJson(endpoint));
        out.addAll(wrongContentTypes(endpoint));
        String table = endpoint.table();
        ObjectNode noId = Samples.fresh(endpoint);
        noId.remove("id");
        out.add(json("SYNC-VAL-01", "a record without id", noId.toString(), table));
        ObjectNode badTime = Samples.fresh(endpoint);
        badTime.put("updated_at", "yesterday");
        out.add(record("SYNC-VAL-02", "a record whose updated_at is not a timestamp", badTime, table));
        ObjectNode badType = Samples.fresh(endpoint);
        badType.put(endpoint == EndpointKind.PATTERNS ? "frequency" : "jobs_completed", "many");
        out.add(record("SYNC-VAL-03", "a record with text in an integer field", badType, table));
        ObjectNode huge = Samples.fresh(endpoint);
        huge.put(endpoint == EndpointKind.PATTERNS ? "frequency" : "jobs_completed", 1e308);
        out.add(record(endpoint == EndpointKind.PATTERNS ? "PAT-VAL-02" : "MET-VAL-02",
                "a record with 1e308 in an integer field", huge, table));
        ObjectNode valid = Samples.fresh(endpoint);
        out.add(new BadInput("SYNC-HDR-01", "X-Sync-Record-Id naming another record", bytes(valid.toString()),
                ReceiverUnderTest.JSON, sync("INSERT", table, UUID.randomUUID().toString()), Set.of(400)));
        ObjectNode other = Samples.fresh(endpoint);
        out.add(new BadInput("SYNC-HDR-02", "X-Sync-Table naming another table", bytes(other.toString()),
                ReceiverUnderTest.JSON, sync("INSERT", "users", other.get("id").asText()), Set.of(400)));
        ObjectNode deleted = Samples.fresh(endpoint);
        out.add(new BadInput("SYNC-HDR-03", "X-Sync-Event-Type DELETE", bytes(deleted.toString()),
                ReceiverUnderTest.JSON, sync("DELETE", table, deleted.get("id").asText()), Set.of(400)));
        return out;
    }

    /** SYNC-ERR-02's mistakes: bodies that are not one JSON object. */
    public static List<BadInput> notJson(EndpointKind endpoint) {
        String json = Samples.fresh(endpoint).toString();
        String table = endpoint.table();
        String owner = "SYNC-ERR-02";
        List<BadInput> out = new ArrayList<>();
        out.add(json(owner, "a record cut off in the middle", json.substring(0, json.length() / 2), table));
        out.add(json(owner, "plain text", "this is not JSON", table));
        out.add(json(owner, "JSON with single quotes", "{'id': 'x'}", table));
        out.add(json(owner, "a trailing comma", json.substring(0, json.length() - 1) + ",}", table));
        out.add(new BadInput(owner, "bytes that are not UTF-8",
                new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, ReceiverUnderTest.JSON,
                sync("INSERT", table, null), Set.of(400)));
        // Deeper than common parsers allow (Jackson and Python stop at 1000), small enough (4 KB) that a
        // receiver refusing it before reading it all does not meet a connection reset by chance.
        out.add(json(owner, "2000 nested arrays", "[".repeat(2_000) + "]".repeat(2_000), table));
        out.add(json(owner, "an empty body", "", table));
        out.add(json(owner, "a JSON array holding the record", "[" + json + "]", table));
        out.add(json(owner, "a JSON string", "\"text\"", table));
        out.add(json(owner, "a JSON number", "42", table));
        out.add(json(owner, "JSON null", "null", table));
        return out;
    }

    /** SYNC-ERR-04's mistakes: a valid record under another content type. */
    public static List<BadInput> wrongContentTypes(EndpointKind endpoint) {
        List<BadInput> out = new ArrayList<>();
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml")) {
            ObjectNode r = Samples.fresh(endpoint);
            out.add(new BadInput("SYNC-ERR-04", "a valid record sent as " + type, bytes(r.toString()), type,
                    sync("INSERT", endpoint.table(), r.get("id").asText()), Set.of(400, 415)));
        }
        return out;
    }

    private static BadInput json(String owner, String name, String body, String table) {
        return new BadInput(owner, name, bytes(body), ReceiverUnderTest.JSON, sync("INSERT", table, null), Set.of(400));
    }

    private static BadInput record(String owner, String name, ObjectNode record, String table) {
        return new BadInput(owner, name, bytes(record.toString()), ReceiverUnderTest.JSON,
                sync("INSERT", table, record.get("id").asText()), Set.of(400));
    }

    static Map<String, String> sync(String event, String table, String recordId) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(SyncHeaders.EVENT_TYPE, event);
        h.put(SyncHeaders.TABLE, table);
        if (recordId != null) {
            h.put(SyncHeaders.RECORD_ID, recordId);
        }
        return h;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return name;
    }
}
