package org.replkit.receivers.record;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.replkit.receivers.record.RecordValidator.Problem;
import tools.jackson.databind.JsonNode;

/**
 * Values that no column of their field's type can hold, found before anything else looks at the
 * record: the schema validator's own minimum and maximum checks throw on an integer beyond 64 bits,
 * and a store must never be handed a value it would refuse or silently change. Each is a client's
 * mistake, answered 400 with the field named (SYNC-VAL-03), never 500 (SYNC-ERR-07).
 */
final class ColumnFit {

    /** PostgreSQL numeric, which holds the numbers inside jsonb: digits before and after the point. */
    private static final int NUMERIC_MAX_INTEGER_DIGITS = 131_072;
    private static final int NUMERIC_MAX_FRACTION_DIGITS = 16_383;

    /** How much of a refused value a message quotes. */
    private static final int QUOTED_CHARS = 40;

    private ColumnFit() {
    }

    /** Adds a problem for every known field of {@code record} whose value its column cannot hold. */
    static void check(RecordKind kind, JsonNode record, List<Problem> problems) {
        for (Field field : kind.fields()) {
            JsonNode value = record.get(field.name());
            if (value == null || value.isNull()) {
                continue;
            }
            String problem = switch (field.type()) {
                case INTEGER -> value.isNumber() ? bigintProblem(value) : null;
                case NUMBER -> value.isNumber() ? doubleProblem(value) : null;
                case UUID, TEXT, TIMESTAMP -> value.isString() ? textProblem(value.stringValue()) : null;
                case JSON_OBJECT, JSON_ARRAY -> jsonbProblem(value);
            };
            if (problem != null) {
                problems.add(new Problem("SYNC-VAL-03", "$." + field.name() + ": " + problem));
            }
        }
    }

    /** A bigint holds integers from -2^63 to 2^63-1; 1.0 and 1e2 are integers, 1.5 is not. */
    static String bigintProblem(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.canConvertToLong() ? null : "integer " + quote(number) + " is outside the 64-bit range of a bigint column";
        }
        BigDecimal d = number.decimalValue();
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            return "must be an integer, not " + quote(number);
        }
        try {
            d.longValueExact();
            return null;
        } catch (ArithmeticException e) {
            return "integer " + quote(number) + " is outside the 64-bit range of a bigint column";
        }
    }

    /** A double precision column holds magnitudes up to about 1.8e308 and down to 4.9e-324 (PostgreSQL refuses smaller). */
    static String doubleProblem(JsonNode number) {
        double d = number.numberValue().doubleValue();   // Infinity beyond the range; Jackson's doubleValue() would throw
        if (Double.isInfinite(d)) {
            return quote(number) + " is beyond the range of a double precision column (about ±1.8e308)";
        }
        if (d == 0.0 && number.decimalValue().signum() != 0) {
            return quote(number) + " is too small for a double precision column (it would be stored as 0)";
        }
        return null;
    }

    /**
     * PostgreSQL text cannot hold NUL, and a lone UTF-16 surrogate (which JSON's \\uD800 escape can
     * produce) is no character at all: encoded to UTF-8 it would be stored as '?'.
     */
    static String textProblem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (\\u0000), which a PostgreSQL text value cannot hold";
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("must not contain an unpaired surrogate (\\u%04X at character %d): it is not a Unicode character", (int) c, i);
            }
        }
        return null;
    }

    /** jsonb: its strings and keys are text, its numbers PostgreSQL numeric. */
    static String jsonbProblem(JsonNode node) {
        if (node.isString()) {
            return textProblem(node.stringValue());
        }
        if (node.isNumber()) {
            BigDecimal d = node.decimalValue();
            int integerDigits = d.precision() - d.scale();
            if (integerDigits > NUMERIC_MAX_INTEGER_DIGITS || d.scale() > NUMERIC_MAX_FRACTION_DIGITS) {
                return "the number " + quote(node) + " is beyond what a jsonb number (PostgreSQL numeric) holds";
            }
            return null;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String problem = textProblem(e.getKey());
                if (problem == null) {
                    problem = jsonbProblem(e.getValue());
                }
                if (problem != null) {
                    return problem;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node.values()) {
                String problem = jsonbProblem(element);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static String quote(JsonNode number) {
        String text = number.isNumber() ? number.numberValue().toString() : number.toString();
        return text.length() <= QUOTED_CHARS ? text : text.substring(0, QUOTED_CHARS) + "… (" + text.length() + " characters)";
    }
}
