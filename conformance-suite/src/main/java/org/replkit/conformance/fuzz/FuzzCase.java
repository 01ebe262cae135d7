package org.replkit.conformance.fuzz;

import org.replkit.spec.SyncHeaders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.records.BoundaryValues.Boundary;
import org.replkit.conformance.records.RecordGen;
import org.replkit.conformance.records.JsonBody;
import org.replkit.conformance.records.Sendability;

/**
 * One request of a campaign, as data: a valid record (the base), the fields replaced by boundary
 * values, and a mutation of the rendered request. Rendering is pure, so a case can be sent again
 * with parts dropped while a finding is minimised.
 *
 * @param index     its number in the campaign (the seed and the index decide everything else)
 * @param generator which family of hostile requests it comes from
 * @param eventType the X-Sync-Event-Type the sender would send (INSERT or UPDATE)
 */
public record FuzzCase(long index, EndpointKind kind, String generator, ObjectNode base, List<Boundary> replacements,
                       Mutation mutation, String eventType) {

    static final String EVENT_TYPE = SyncHeaders.EVENT_TYPE;
    static final String TABLE = SyncHeaders.TABLE;
    static final String RECORD_ID = SyncHeaders.RECORD_ID;

    public FuzzCase {
        replacements = List.copyOf(replacements);
    }

    /** The request as the sender would send the record, then mutated. */
    public Request render() {
        ObjectNode record = base.deepCopy();
        for (Boundary b : replacements) {
            record.putRawValue(b.field(), new RawValue(b.json()));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(EVENT_TYPE, eventType);
        headers.put(TABLE, kind.table());
        String id = bodyId();
        if (id != null) {
            headers.put(RECORD_ID, id);                   // the sender restates the body's id
        }
        Request plain = new Request(kind, record.toString().getBytes(StandardCharsets.UTF_8), Request.JSON, headers);
        return mutation.apply(plain);
    }

    /** The body's id as text, when it has one the sender would name in X-Sync-Record-Id. */
    private String bodyId() {
        JsonNode id = base.get("id");
        for (Boundary b : replacements) {
            if (b.field().equals("id")) {
                id = JsonBody.parseValue(b.json());
            }
        }
        return id != null && id.isTextual() && !id.textValue().isEmpty() ? id.textValue() : null;
    }

    /** What was done to the record, for people: "frequency = 9223372036854775808 (2^63…); Content-Type: text/plain". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        replacements.forEach(b -> parts.add(b.describe()));
        String m = mutation.describe();
        if (!m.isEmpty()) {
            parts.add(m);
        }
        return parts.isEmpty() ? "a valid record" : String.join("; ", parts);
    }

    /** The optional fields the base record holds that no replacement touches: what minimising may drop. */
    public List<String> droppableFields() {
        Sendability rules = Sendability.of(kind);
        List<String> out = new ArrayList<>();
        base.fieldNames().forEachRemaining(f -> {
            if (!rules.isRequired(f) && !f.equals("id") && replacements.stream().noneMatch(b -> b.field().equals(f))) {
                out.add(f);
            }
        });
        return out;
    }

    public FuzzCase withoutReplacement(int i) {
        List<Boundary> rest = new ArrayList<>(replacements);
        rest.remove(i);
        return new FuzzCase(index, kind, generator, base, rest, mutation, eventType);
    }

    public FuzzCase withoutField(String field) {
        ObjectNode smaller = base.deepCopy();
        smaller.remove(field);
        return new FuzzCase(index, kind, generator, smaller, replacements, mutation, eventType);
    }

    public FuzzCase withMutation(Mutation other) {
        return new FuzzCase(index, kind, generator, base, replacements, other, eventType);
    }

    /** The same case for another record: a fresh id, so that a repeat never meets the row an earlier one left. */
    public FuzzCase withId(UUID id) {
        return new FuzzCase(index, kind, generator, RecordGen.withId(base, id), replacements, mutation, eventType);
    }
}
