package org.replkit.conformance.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.replkit.conformance.model.EndpointKind;

/**
 * Boundary values of every field of a record, derived from the field's JSON Schema type the way
 * Schemathesis derives them: for integers 0, -1, the column's maximum and one past it, ±2^63, 2^64,
 * ±1e308, 1.5; for numbers 5e-324, 1e308 (and both as the sender writes them), -0.0, just past
 * the bounds; for text empty, whitespace, NUL, lone surrogate escapes, right-to-left text, emoji,
 * the column's maximum length and one past it, just under and just over 1 MiB; for timestamps the
 * first and last years, impossible dates, missing offsets; for jsonb deep nesting; and the wrong
 * type and null for each field.
 *
 * Each value is written as JSON text (so that "-0.0", "1e2" and 309-digit integers reach the
 * receiver exactly as written) and classified by {@link Sendability} into exactly one class with
 * one owner: values the sender can send belong to SYNC-ACCEPT-01, invalid ones to the validation rule
 * at its level, and values the schema allows but the sender cannot send to no rule at all.
 */
public final class BoundaryValues {

    public static final int ONE_MIB = 1024 * 1024;

    /** A string this long leaves room for the rest of a record inside a 1 MiB body. */
    public static final int JUST_UNDER_ONE_MIB = ONE_MIB - 8 * 1024;

    /**
     * The largest body every receiver must take: a size limit is the receiver's own choice (SYNC-ERR-05
     * is a SHOULD), so records between this and 1 MiB may be refused with 413; below it, refusing a
     * record the sender can send loses it (SYNC-ACCEPT-01). Common frameworks' defaults lie above it
     * (Express 100 kB, Javalin 1 MB, Phoenix 8 MB).
     */
    public static final int EVERY_RECEIVER_TAKES = 64 * 1024;

    /** A string this long makes a record a little under {@link #EVERY_RECEIVER_TAKES}. */
    static final int LARGE_BUT_TAKEN = EVERY_RECEIVER_TAKES - 4 * 1024;

    private static final Map<EndpointKind, List<Boundary>> CACHE = new EnumMap<>(EndpointKind.class);

    private BoundaryValues() {}

    /**
     * One boundary value of one field.
     *
     * @param json  the value as JSON text
     * @param label what it is, for people ("2^63, one past the bigint maximum")
     */
    public record Boundary(String field, String json, String label, ValueClass valueClass) {

        /** A copy of the record with this value in its field, written exactly as {@link #json()}. */
        public ObjectNode applyTo(ObjectNode record) {
            ObjectNode copy = record.deepCopy();
            copy.putRawValue(field, new RawValue(json));
            return copy;
        }

        /** "frequency = 9223372036854775808 (2^63, one past the maximum)", cut for huge values. */
        public String describe() {
            String shown = json.length() <= 48 ? json : json.substring(0, 40) + "…";
            return field + " = " + shown + " (" + label + ")";
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /** Every boundary value of every field of the endpoint's record, classified. */
    public static synchronized List<Boundary> of(EndpointKind kind) {
        return CACHE.computeIfAbsent(kind, k -> {
            Sendability rules = Sendability.of(k);
            RecordGen gen = new RecordGen(k);
            List<Boundary> out = new ArrayList<>();
            gen.schema().path("properties").fields().forEachRemaining(p -> {
                for (Map.Entry<String, String> c : candidates(p.getKey(), p.getValue()).entrySet()) {
                    // A value over 1 MiB makes any body over 1 MiB: the size rule's, whatever the field (SYNC-ERR-05).
                    // One that makes the body larger than every receiver must take is the receiver's
                    // own limit to choose: it may refuse it, never with a 5xx.
                    ValueClass vc = c.getKey().length() > ONE_MIB
                            ? ValueClass.invalid("SYNC-ERR-05", p.getKey() + " alone is over 1 MiB, so is the body")
                            : c.getKey().length() > EVERY_RECEIVER_TAKES
                            ? ValueClass.allowed("a body over " + EVERY_RECEIVER_TAKES / 1024 + " KiB: below 1 MiB its size"
                                    + " is the receiver's own limit to choose (SYNC-ERR-05)")
                            : rules.value(p.getKey(), JsonBody.parseValue(c.getKey()));
                    out.add(new Boundary(p.getKey(), c.getKey(), c.getValue(), vc));
                }
            });
            return List.copyOf(out);
        });
    }

    /**
     * The values kit verify's SYNC-ACCEPT-01 check sends as fixed examples: every sendable boundary
     * value of every field but the id (each delivery has a fresh one).
     */
    public static List<Boundary> forAcceptance(EndpointKind kind) {
        return of(kind).stream().filter(b -> b.valueClass().isSendable() && !b.field().equals("id")).toList();
    }

    /** The candidate values of one field, JSON text to label, by the field's schema type. */
    static Map<String, String> candidates(String field, JsonNode def) {
        Map<String, String> c = new LinkedHashMap<>();
        List<String> types = RecordGen.types(def);
        String type = types.stream().filter(t -> !t.equals("null")).findFirst().orElse("string");
        switch (type) {
            case "integer" -> integers(def, c);
            case "number" -> numbers(def, c);
            case "object" -> objects(c);
            case "array" -> arrays(c);
            default -> {
                if ("date-time".equals(def.path("format").asText())) {
                    timestamps(c);
                } else if (field.equals("id")) {
                    uuids(c);
                } else {
                    strings(def, c);
                }
            }
        }
        c.put("null", "null");
        return c;
    }

    private static void integers(JsonNode def, Map<String, String> c) {
        c.put("0", "zero");
        c.put("-1", "minus one");
        if (def.has("maximum")) {
            BigInteger max = def.get("maximum").bigIntegerValue();
            c.put(max.toString(), "the column's maximum" + power(max.add(BigInteger.ONE), "-1"));
            c.put(max.add(BigInteger.ONE).toString(), "one past the column's maximum" + power(max.add(BigInteger.ONE), ""));
        }
        c.putIfAbsent("9223372036854775807", "2^63-1, the largest bigint");
        c.putIfAbsent("9223372036854775808", "2^63, one past the largest bigint");
        c.put("-9223372036854775808", "-2^63, the smallest bigint");
        c.put("-9223372036854775809", "-2^63-1, below any bigint");
        c.put("18446744073709551616", "2^64");
        c.put("1e308", "1e308, far beyond any integer column");
        c.put("-1e308", "-1e308");
        c.put("1.5", "a fraction");
        c.put("1.0", "an integer written with a fraction");
        c.put("1e2", "an integer written with an exponent");
        c.put("\"156\"", "a number as text");
        c.put("true", "a boolean");
        c.put("[]", "an array");
    }

    private static String power(BigInteger n, String suffix) {
        int bits = n.bitLength() - 1;
        return n.equals(BigInteger.ONE.shiftLeft(bits)) ? " (2^" + bits + suffix + ")" : "";
    }

    private static void numbers(JsonNode def, Map<String, String> c) {
        c.put("0", "zero");
        c.put("-0.0", "negative zero");
        c.put("5e-324", "5e-324, the smallest double");
        c.put("0." + "0".repeat(323) + "5", "5e-324 as the sender writes it (jsonb numeric, 326 characters)");
        c.put("1e308", "1e308");
        c.put("1" + "0".repeat(308), "1e308 as the sender writes it (jsonb numeric, 309 digits)");
        c.put("1.7976931348623157e308", "the largest double");
        c.put("1e309", "1e309, beyond any double");
        c.put("1e-400", "1e-400, below the smallest double");
        c.put("-1", "minus one");
        c.put("-1e-300", "a tiny negative number");
        if (def.has("maximum")) {
            BigDecimal max = def.get("maximum").decimalValue();
            c.put(max.toPlainString(), "the maximum");
            c.put(max.add(new BigDecimal("0.0000001")).toPlainString(), "just above the maximum");
        }
        c.put("1.5", "one and a half");
        c.put("\"0.5\"", "a number as text");
        c.put("\"NaN\"", "NaN as text");
        c.put("{}", "an object");
    }

    private static void strings(JsonNode def, Map<String, String> c) {
        c.put("\"\"", "empty");
        c.put("\" \"", "a space");
        c.put("\"\\t\\n\"", "whitespace");
        c.put("\"a\\u0000b\"", "a NUL character");
        c.put("\"\\ud800\"", "a lone high surrogate escape");
        c.put("\"x\\udc00\"", "a lone low surrogate escape");
        c.put("\"\u202eשלום עולם مرحبا\u202c\"", "right-to-left text with a direction override");
        c.put("\"🚀🧪👩‍💻\"", "emoji, one of them joined");
        c.put("\"\\ud83d\\ude80\"", "an emoji as a surrogate pair escape");
        c.put("\"%s%n'; DROP TABLE approved_patterns;--\"", "format and SQL text");
        if (def.has("maxLength")) {
            int max = def.get("maxLength").asInt();
            c.put("\"" + "x".repeat(max) + "\"", max + " characters, the column's maximum");
            c.put("\"" + "x".repeat(max + 1) + "\"", (max + 1) + " characters, one past the column's maximum");
        }
        c.put("\"" + "l".repeat(LARGE_BUT_TAKEN) + "\"", LARGE_BUT_TAKEN + " characters, a large record every receiver takes");
        c.put("\"" + "u".repeat(JUST_UNDER_ONE_MIB) + "\"", JUST_UNDER_ONE_MIB + " characters, just under 1 MiB");
        c.put("\"" + "o".repeat(ONE_MIB + 1) + "\"", (ONE_MIB + 1) + " characters, just over 1 MiB");
        c.put("5", "a number");
        c.put("{\"a\":1}", "an object");
        c.put("[\"x\"]", "an array");
    }

    private static void timestamps(Map<String, String> c) {
        c.put("\"0002-01-01T00:00:00+00:00\"", "the first instant the sender's columns hold, as it writes it");
        c.put("\"9999-12-30T23:59:59+00:00\"", "the last instant the sender's columns hold, as it writes it");
        c.put("\"0001-01-01T00:00:00+00:00\"", "year 0001, which the sender's columns do not hold");
        c.put("\"9999-12-31T23:59:59.999999+00:00\"", "the last microsecond of year 9999, which the sender's columns do not hold");
        c.put("\"2025-01-10T10:00:00+14:00\"", "the easternmost offset");
        c.put("\"2024-02-29T12:00:00Z\"", "a leap day");
        c.put("\"2025-01-10t10:00:00z\"", "lower-case t and z");
        c.put("\"2025-01-10T10:00:00.1234567Z\"", "seven fraction digits");
        c.put("\"0000-01-01T00:00:00Z\"", "year 0000");
        c.put("\"2025-02-30T00:00:00Z\"", "an impossible date");
        c.put("\"2025-01-10T24:00:00Z\"", "hour 24");
        c.put("\"2025-01-10T10:00:00\"", "no offset");
        c.put("\"2025-01-10 10:00:00+00:00\"", "a space for T");
        c.put("\"\"", "empty");
        c.put("\"yesterday\"", "a word");
        c.put("\"a\\u0000b\"", "a NUL character");
        c.put("1736503200", "Unix time as a number");
    }

    private static void uuids(Map<String, String> c) {
        c.put("\"00000000-0000-0000-0000-000000000000\"", "the nil UUID");
        c.put("\"0194A7B2-6C1E-7F3A-9D2B-4E5F6A7B8C9D\"", "an upper-case UUID");
        c.put("\"{0194a7b2-6c1e-7f3a-9d2b-4e5f6a7b8c9d}\"", "a UUID in braces");
        c.put("\"not-a-uuid\"", "not a UUID");
        c.put("\"\"", "empty");
        c.put("12345", "a number");
    }

    private static void objects(Map<String, String> c) {
        c.put("{}", "an empty object");
        c.put("{\"k\":[1,\"🚀\",\"\u05e9\"],\"n\":{\"a\":{\"b\":{}}},\"s\":\"'; DROP TABLE t;--\"}", "nested, with emoji and SQL text");
        c.put(nestedObject(SenderColumns.SENDABLE_DEPTH), "nested " + SenderColumns.SENDABLE_DEPTH + " levels deep");
        c.put(nestedObject(50_000), "nested 50,000 levels deep");
        c.put("{\"k\":\"\\u0000\"}", "a NUL character inside");
        c.put("{\"\\ud800\":1}", "a lone surrogate as a key");
        c.put("{\"k\":1e200000}", "a number beyond PostgreSQL numeric");
        c.put("[]", "an array");
        c.put("\"text\"", "text");
    }

    private static void arrays(Map<String, String> c) {
        c.put("[]", "empty");
        c.put("[\"\",\"🚀\",\"\u202eשלום\"]", "empty, emoji and right-to-left items");
        c.put("[" + "\"a\",".repeat(9_999) + "\"a\"]", "10,000 items");
        c.put("[\"a\\u0000\"]", "an item with a NUL character");
        c.put("[1]", "a number item");
        c.put("{}", "an object");
        c.put("\"text\"", "text");
    }

    /** {"a":{"a":…{}…}}, {@code depth} objects deep. */
    public static String nestedObject(int depth) {
        StringBuilder b = new StringBuilder(depth * 6 + 2);
        b.append("{\"a\":".repeat(depth - 1)).append("{}").append("}".repeat(depth - 1));
        return b.toString();
    }
}
