package org.replkit.conformance.checks.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.records.Samples;

/**
 * One client mistake: a request that can never succeed. Everything but the mistake is as the
 * sender sends it.
 *
 * @param sort what sort of mistake, for the checks that judge only some sorts
 */
public record BadInput(Sort sort, String name, byte[] body, String contentType, Map<String, String> headers) {

    public enum Sort { NOT_JSON, EMPTY, NOT_AN_OBJECT, WRONG_CONTENT_TYPE, INVALID_RECORD, WRONG_HEADER }

    public Answer sendTo(Receiver r) {
        return r.send(body, contentType, headers);
    }

    /** The catalogue's client mistakes (SYNC-ERR-01) for one endpoint, with fresh ids. */
    public static List<BadInput> battery(EndpointKind endpoint) {
        ObjectNode valid = Samples.fresh(endpoint);
        String id = valid.get("id").asText();
        String json = valid.toString();
        String table = endpoint.table();
        List<BadInput> out = new ArrayList<>();
        out.add(json(Sort.NOT_JSON, "a record cut off in the middle", json.substring(0, json.length() / 2), table));
        out.add(json(Sort.NOT_JSON, "plain text", "this is not JSON", table));
        out.add(json(Sort.NOT_JSON, "JSON with single quotes", "{'id': 'x'}", table));
        out.add(json(Sort.NOT_JSON, "a trailing comma", json.substring(0, json.length() - 1) + ",}", table));
        out.add(new BadInput(Sort.NOT_JSON, "bytes that are not UTF-8",
                new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, "application/json",
                sync("INSERT", table, null)));
        out.add(json(Sort.NOT_JSON, "10000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000), table));
        out.add(json(Sort.EMPTY, "an empty body", "", table));
        out.add(json(Sort.NOT_AN_OBJECT, "a JSON array holding the record", "[" + json + "]", table));
        out.add(json(Sort.NOT_AN_OBJECT, "a JSON string", "\"text\"", table));
        out.add(json(Sort.NOT_AN_OBJECT, "a JSON number", "42", table));
        out.add(json(Sort.NOT_AN_OBJECT, "JSON null", "null", table));
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml")) {
            ObjectNode r = Samples.fresh(endpoint);
            out.add(new BadInput(Sort.WRONG_CONTENT_TYPE, "a valid record sent as " + type, bytes(r.toString()), type,
                    sync("INSERT", table, r.get("id").asText())));
        }
        ObjectNode noId = Samples.fresh(endpoint);
        noId.remove("id");
        out.add(json(Sort.INVALID_RECORD, "a record without id", noId.toString(), table));
        ObjectNode badTime = Samples.fresh(endpoint);
        badTime.put("updated_at", "yesterday");
        out.add(record("a record whose updated_at is not a timestamp", badTime, table));
        ObjectNode badType = Samples.fresh(endpoint);
        badType.put(endpoint == EndpointKind.PATTERNS ? "frequency" : "jobs_completed", "many");
        out.add(record("a record with text in an integer field", badType, table));
        out.add(new BadInput(Sort.WRONG_HEADER, "X-Sync-Record-Id naming another record", bytes(json),
                "application/json", sync("INSERT", table, UUID.randomUUID().toString())));
        ObjectNode other = Samples.fresh(endpoint);
        out.add(new BadInput(Sort.WRONG_HEADER, "X-Sync-Table naming another table", bytes(other.toString()),
                "application/json", sync("INSERT", "users", other.get("id").asText())));
        ObjectNode deleted = Samples.fresh(endpoint);
        out.add(new BadInput(Sort.WRONG_HEADER, "X-Sync-Event-Type DELETE", bytes(deleted.toString()),
                "application/json", sync("DELETE", table, deleted.get("id").asText())));
        return out;
    }

    private static BadInput json(Sort sort, String name, String body, String table) {
        return new BadInput(sort, name, bytes(body), "application/json", sync("INSERT", table, null));
    }

    private static BadInput record(String name, ObjectNode record, String table) {
        return new BadInput(Sort.INVALID_RECORD, name, bytes(record.toString()), "application/json",
                sync("INSERT", table, record.get("id").asText()));
    }

    private static Map<String, String> sync(String event, String table, String recordId) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Sync-Event-Type", event);
        h.put("X-Sync-Table", table);
        if (recordId != null) {
            h.put("X-Sync-Record-Id", recordId);
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
