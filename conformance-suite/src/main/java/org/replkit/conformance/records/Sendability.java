package org.replkit.conformance.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.replkit.conformance.model.EndpointKind;

/**
 * Decides what any value of a record field, or a whole record, is to the contract (see
 * {@link ValueClass}): the record's JSON Schema says what is valid (type, minimum, maximum,
 * minLength, maxLength, pattern, format), and the sender's columns say what it can actually send
 * (bigint and integer digits, double precision, PostgreSQL text and jsonb, timestamptz written in
 * UTC to the microsecond). The kit's own reading, written from the schema and the sender's table
 * definitions, never from a receiver's code. What the columns hold is {@link SenderColumns}'s, a
 * timestamp's reading {@link Rfc3339}'s; a body is read as JSON by {@link JsonBody} first.
 *
 * Invalid values are attributed as {@link Violations} attributes them: anything wrong with id is
 * SYNC-VAL-01's, with updated_at SYNC-VAL-02's; another required field missing, null, empty or blank
 * is PAT-VAL-01 / MET-VAL-01's; a value beyond a minimum or maximum PAT-VAL-02 / MET-VAL-02's (as are
 * the metrics rules across fields); any other wrong type or format SYNC-VAL-03's. A bound the
 * catalogue names no rule for (a maximum text length) makes a value ALLOWED, not invalid.
 */
public final class Sendability {

    /** The owners of client mistakes in the order they are named when one request makes several. */
    public static final List<String> PRECEDENCE = List.of("SYNC-ERR-05", "SYNC-ERR-04", "SYNC-ERR-02", "SYNC-HDR-02",
            "SYNC-HDR-03", "SYNC-VAL-01", "SYNC-VAL-02", "SYNC-VAL-03", "PAT-VAL-01", "MET-VAL-01", "PAT-VAL-02",
            "MET-VAL-02", "SYNC-HDR-01");

    private static final Map<EndpointKind, Sendability> BY_KIND = new EnumMap<>(EndpointKind.class);

    private final EndpointKind kind;
    private final Map<String, JsonNode> properties = new LinkedHashMap<>();
    private final Set<String> required;
    private final String missing;
    private final String range;

    private Sendability(EndpointKind kind) {
        this.kind = kind;
        RecordGen gen = new RecordGen(kind);
        gen.schema().path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue()));
        this.required = gen.required();
        this.missing = kind == EndpointKind.PATTERNS ? "PAT-VAL-01" : "MET-VAL-01";
        this.range = kind == EndpointKind.PATTERNS ? "PAT-VAL-02" : "MET-VAL-02";
    }

    public static synchronized Sendability of(EndpointKind kind) {
        return BY_KIND.computeIfAbsent(kind, Sendability::new);
    }

    public EndpointKind kind() {
        return kind;
    }

    /** The schema's fields, in the schema's order. */
    public Set<String> fields() {
        return properties.keySet();
    }

    public boolean isRequired(String field) {
        return required.contains(field);
    }

    // ---- a whole record -----------------------------------------------------------------------

    /** What a parsed body is as a record of this endpoint: the owner of the first mistake, by {@link #PRECEDENCE}. */
    public ValueClass record(JsonNode parsed) {
        if (parsed == null || !parsed.isObject()) {
            return ValueClass.invalid("SYNC-ERR-02", "the body is not a JSON object");
        }
        List<ValueClass> parts = new ArrayList<>();
        for (String field : properties.keySet()) {
            parts.add(value(field, parsed.get(field)));
        }
        boolean unknown = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = parsed.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!properties.containsKey(e.getKey())) {
                unknown = true;
                parts.add(unknownField(e.getKey(), e.getValue()));
            }
        }
        if (kind == EndpointKind.METRICS) {
            parts.addAll(metricsRules(parsed));
        }
        ValueClass combined = combine(parts);
        if (combined.isSendable() && unknown) {
            return ValueClass.sendable("SYNC-ACCEPT-02", "valid, with unknown fields the sender's added columns would bring");
        }
        return combined;
    }

    /** The first invalid part by {@link #PRECEDENCE}; else the first allowed one; else sendable. */
    public static ValueClass combine(List<ValueClass> parts) {
        ValueClass worst = null;
        for (ValueClass p : parts) {
            if (p.isInvalid() && (worst == null || !worst.isInvalid() || rank(p) < rank(worst))) {
                worst = p;
            } else if (p.isAllowed() && worst == null) {
                worst = p;
            }
        }
        return worst != null ? worst : ValueClass.sendable();
    }

    private static int rank(ValueClass c) {
        int i = PRECEDENCE.indexOf(c.requirementId());
        return i < 0 ? PRECEDENCE.size() : i;
    }

    /** MET-VAL-02's rules across fields, judged where the fields involved are valid on their own. */
    private List<ValueClass> metricsRules(JsonNode r) {
        List<ValueClass> out = new ArrayList<>();
        Instant start = instantOf("period_start", r.get("period_start"));
        Instant end = instantOf("period_end", r.get("period_end"));
        if (start != null && end != null && end.isBefore(start)) {
            out.add(ValueClass.invalid(range, "period_end is before period_start"));
        }
        String previous = null;
        BigDecimal last = null;
        for (String p : MetricsOrder.PERCENTILES) {
            JsonNode v = r.get(p);
            if (v == null || !v.isNumber() || value(p, v).isInvalid()) {
                continue;
            }
            BigDecimal d = v.decimalValue();
            if (last != null && d.compareTo(last) < 0) {
                out.add(ValueClass.invalid(range, p + " is below " + previous + " (p50 <= p95 <= p99 must hold)"));
            }
            previous = p;
            last = d;
        }
        return out;
    }

    private Instant instantOf(String field, JsonNode v) {
        if (v == null || !v.isTextual() || value(field, v).isInvalid()) {
            return null;
        }
        return Rfc3339.parse(v.textValue()).map(Rfc3339::instant).orElse(null);
    }

    // ---- one field ----------------------------------------------------------------------------

    /**
     * What one value of a field is, judged on its own (rules across fields are the record's).
     *
     * @param value the value, or null when the field is absent
     */
    public ValueClass value(String field, JsonNode value) {
        JsonNode def = properties.get(field);
        if (def == null) {
            return unknownField(field, value);
        }
        String own = field.equals("id") ? "SYNC-VAL-01" : field.equals("updated_at") ? "SYNC-VAL-02" : null;
        Owners o = new Owners(field, own != null ? own : "SYNC-VAL-03", own != null ? own : missing, own != null ? own : range);
        boolean isRequired = required.contains(field);
        if (value == null || value.isMissingNode()) {
            return isRequired ? ValueClass.invalid(o.missing, field + " is missing") : ValueClass.sendable();
        }
        List<String> types = RecordGen.types(def);
        if (value.isNull()) {
            return types.contains("null") ? ValueClass.sendable()
                    : ValueClass.invalid(isRequired ? o.missing : o.type, field + " is null");
        }
        String type = types.stream().filter(t -> !t.equals("null")).findFirst().orElse("string");
        return switch (type) {
            case "integer" -> integer(o, def, value);
            case "number" -> number(o, def, value);
            case "object" -> object(o, value);
            case "array" -> array(o, def, value);
            default -> "date-time".equals(def.path("format").asText()) ? timestamp(o, value) : string(o, def, value, isRequired);
        };
    }

    /** Who owns each sort of mistake in one field. */
    private record Owners(String field, String type, String missing, String range) {}

    private static ValueClass integer(Owners o, JsonNode def, JsonNode v) {
        if (!v.isNumber()) {
            return ValueClass.invalid(o.type, o.field + " (integer) holds " + describe(v));
        }
        BigDecimal d = v.decimalValue();
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            return ValueClass.invalid(o.type, o.field + " (integer) holds a fraction: " + shown(v));
        }
        ValueClass bounds = bounds(o, def, d, v);
        if (bounds != null) {
            return bounds;
        }
        if (v.isFloatingPointNumber()) {
            return ValueClass.allowed(o.field + " holds the integer " + shown(v)
                    + " written with a fraction or exponent; the sender writes integers as plain digits");
        }
        return ValueClass.sendable();
    }

    private static ValueClass number(Owners o, JsonNode def, JsonNode v) {
        if (!v.isNumber()) {
            return ValueClass.invalid(o.type, o.field + " (number) holds " + describe(v));
        }
        BigDecimal d = v.decimalValue();
        ValueClass bounds = bounds(o, def, d, v);
        if (bounds != null) {
            return bounds;
        }
        double asDouble = d.doubleValue();
        if (Double.isInfinite(asDouble)) {
            return ValueClass.allowed(o.field + " = " + shown(v) + " is beyond what a double precision column holds"
                    + " (about 1.8e308); the sender cannot send it");
        }
        if (asDouble == 0.0 && d.signum() != 0) {
            return ValueClass.allowed(o.field + " = " + shown(v) + " is too small for a double precision column"
                    + " (it would be 0); the sender cannot send it");
        }
        return ValueClass.sendable();
    }

    private static ValueClass bounds(Owners o, JsonNode def, BigDecimal d, JsonNode v) {
        if (def.has("minimum") && d.compareTo(def.get("minimum").decimalValue()) < 0) {
            return ValueClass.invalid(o.range, o.field + " = " + shown(v) + " is below its minimum " + def.get("minimum"));
        }
        if (def.has("maximum") && d.compareTo(def.get("maximum").decimalValue()) > 0) {
            return ValueClass.invalid(o.range, o.field + " = " + shown(v) + " is above its maximum " + def.get("maximum"));
        }
        return null;
    }

    private static ValueClass string(Owners o, JsonNode def, JsonNode v, boolean isRequired) {
        if (!v.isTextual()) {
            return ValueClass.invalid(o.type, o.field + " (text) holds " + describe(v));
        }
        String s = v.textValue();
        int length = s.codePointCount(0, s.length());
        if (def.has("minLength") && length < def.get("minLength").asInt()) {
            return ValueClass.invalid(isRequired ? o.missing : o.range, o.field + " is empty");
        }
        if (def.has("pattern") && !Pattern.compile(def.get("pattern").asText()).matcher(s).find()) {
            // "\S": never blank, like an empty required field; any other pattern (the id's UUID) is the field's type.
            boolean blank = def.get("pattern").asText().equals("\\S");
            return ValueClass.invalid(blank && isRequired ? o.missing : o.type,
                    o.field + (blank ? " is blank" : " does not match " + def.get("pattern").asText()));
        }
        String text = SenderColumns.textProblem(s);
        if (text != null) {
            return ValueClass.allowed(o.field + " " + text);
        }
        if (def.has("maxLength") && length > def.get("maxLength").asInt()) {
            return ValueClass.allowed(o.field + " has " + length + " characters, more than the sender's column holds ("
                    + def.get("maxLength") + "); no catalogue rule names a maximum length");
        }
        if (o.field.equals("id") && !s.equals(s.toLowerCase(Locale.ROOT))) {
            return ValueClass.allowed("id is an upper-case UUID; the sender writes UUIDs in lower case");
        }
        return ValueClass.sendable();
    }

    private static ValueClass timestamp(Owners o, JsonNode v) {
        if (!v.isTextual()) {
            return ValueClass.invalid(o.type, o.field + " (timestamp) holds " + describe(v));
        }
        Rfc3339 t = Rfc3339.parse(v.textValue()).orElse(null);
        if (t == null) {
            return ValueClass.invalid(o.type, o.field + " is not an RFC 3339 timestamp with an offset: " + shown(v));
        }
        String sendable = t.unsendable();
        return sendable == null ? ValueClass.sendable() : ValueClass.allowed(o.field + " = " + shown(v) + ": " + sendable);
    }

    private static ValueClass object(Owners o, JsonNode v) {
        if (!v.isObject()) {
            return ValueClass.invalid(o.type, o.field + " (object) holds " + describe(v));
        }
        String jsonb = SenderColumns.jsonbProblem(v);
        return jsonb == null ? ValueClass.sendable() : ValueClass.allowed(o.field + " " + jsonb);
    }

    private static ValueClass array(Owners o, JsonNode def, JsonNode v) {
        if (!v.isArray()) {
            return ValueClass.invalid(o.type, o.field + " (array) holds " + describe(v));
        }
        String itemType = def.path("items").path("type").asText("");
        for (JsonNode item : v) {
            if (itemType.equals("string") && !item.isTextual()) {
                return ValueClass.invalid(o.type, o.field + " (array of text) holds " + describe(item));
            }
        }
        for (JsonNode item : v) {
            String text = item.isTextual() ? SenderColumns.textProblem(item.textValue()) : null;
            if (text != null) {
                return ValueClass.allowed(o.field + ": an item " + text);
            }
        }
        return ValueClass.sendable();
    }

    /** A field the schema does not name: ignored by a receiver (SYNC-ACCEPT-02), if the sender could have sent it. */
    private static ValueClass unknownField(String field, JsonNode v) {
        String key = SenderColumns.textProblem(field);
        if (key != null) {
            return ValueClass.allowed("an unknown field's name " + key);
        }
        String jsonb = v == null ? null : SenderColumns.jsonbProblem(v);
        return jsonb == null ? ValueClass.sendable("SYNC-ACCEPT-02", "an unknown field, ignored")
                : ValueClass.allowed("the unknown field " + field + " " + jsonb);
    }

    private static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "text " + shown(v);
        }
        String type = v.getNodeType().name().toLowerCase(Locale.ROOT);
        return (v.isObject() || v.isArray() ? "an " : "a ") + type + (v.isContainerNode() ? "" : " " + shown(v));
    }

    /** A value as it reads in a reason, cut to a readable length. */
    static String shown(JsonNode v) {
        String s = v.isContainerNode() ? v.getNodeType().name().toLowerCase(Locale.ROOT) : v.isNumber() ? v.decimalValue().toString() : v.toString();
        return s.length() <= 40 ? s : s.substring(0, 40) + "… (" + s.length() + " characters)";
    }
}
