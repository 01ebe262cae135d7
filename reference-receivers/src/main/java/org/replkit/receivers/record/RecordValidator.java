package org.replkit.receivers.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.replkit.spec.SchemaValidator;

/**
 * Turns a request body into a canonical {@link Snapshot}, or says everything that is wrong with
 * it: the JSON Schema first, then what the schema cannot say (values a store cannot hold, rules
 * across fields).
 */
public final class RecordValidator {

    private final SchemaValidator schemas;

    public RecordValidator(SchemaValidator schemas) {
        this.schemas = schemas;
    }

    /** The outcome: a snapshot, or the problems, each naming the field concerned. */
    public record Result(Snapshot snapshot, List<String> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /**
     * @param rawJson the body as received (well-formed JSON object)
     * @param parsed  the same body parsed
     */
    public Result validate(RecordKind kind, String rawJson, JsonNode parsed) {
        List<String> problems = new ArrayList<>();
        schemas.violations(kind.schema(), rawJson).forEach(v -> problems.add(v.message()));
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        ObjectNode canonical = JsonNodeFactory.instance.objectNode();
        for (Field field : kind.fields()) {
            JsonNode value = parsed.get(field.name());
            canonical.set(field.name(), canonicalValue(field, value, problems));
        }
        if (kind == RecordKind.METRICS) {
            MetricsRules.check(canonical, problems);
        }
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        UUID id = UUID.fromString(canonical.get("id").asText());
        Instant updatedAt = Instant.parse(canonical.get("updated_at").asText());
        return new Result(new Snapshot(kind, id, updatedAt, canonical), List.of());
    }

    private static JsonNode canonicalValue(Field field, JsonNode value, List<String> problems) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (value == null || value.isNull()) {
            return json.nullNode();
        }
        String name = field.name();
        switch (field.type()) {
            case UUID:
                return json.textNode(UUID.fromString(value.asText()).toString());
            case TEXT:
                if (value.asText().indexOf('\u0000') >= 0) {
                    problems.add("$." + name + ": must not contain the NUL character (\\u0000)");
                }
                return value;
            case INTEGER:
                if (!value.canConvertToLong()) {
                    problems.add("$." + name + ": integer out of range");
                    return json.nullNode();
                }
                return json.numberNode(value.asLong());
            case NUMBER:
                double d = value.asDouble();
                if (!Double.isFinite(d)) {
                    problems.add("$." + name + ": number out of range");
                    return json.nullNode();
                }
                return json.numberNode(d);
            case TIMESTAMP:
                Instant instant = parseTimestamp(value.asText());
                if (instant == null) {
                    problems.add("$." + name + ": not an ISO-8601 timestamp with offset: " + value.asText());
                    return json.nullNode();
                }
                return json.textNode(formatTimestamp(instant));
            case JSON_OBJECT:
            case JSON_ARRAY:
                if (containsNul(value)) {
                    problems.add("$." + name + ": must not contain the NUL character (\\u0000)");
                }
                return value;
            default:
                throw new IllegalStateException("unknown field type " + field.type());
        }
    }

    /** RFC 3339 with offset, 'T' and 'Z' in either case; null when it cannot be read. */
    static Instant parseTimestamp(String text) {
        try {
            return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** UTC, 'Z', microsecond precision at most: the precision both stores keep. */
    public static String formatTimestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    private static boolean containsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().indexOf('\u0000') >= 0;
        }
        for (var it = node.fieldNames(); it.hasNext(); ) {
            if (it.next().indexOf('\u0000') >= 0) {
                return true;
            }
        }
        for (JsonNode child : node) {
            if (containsNul(child)) {
                return true;
            }
        }
        return false;
    }
}
