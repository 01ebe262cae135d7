package org.replkit.receivers.record;

import com.ethlo.time.ITU;
import com.ethlo.time.LeapSecondException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.replkit.spec.SchemaValidator.Violation;
import org.replkit.spec.SpecSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record's JSON Schema compiled once into plain checks for the fixed record shape: one object
 * with known top-level fields, each with a type, bounds, a length, a pattern or a format. A record
 * is checked in one pass over its fields, with no schema walking per request. The schema stays the
 * source of the rules: compiling refuses any keyword not understood here, so a schema change that
 * this cannot express fails at start, not silently. {@code CompiledRecordRulesPropertyTest} shows
 * that it agrees with the general JSON Schema validator (networknt) on generated and boundary records.
 *
 * <p>Violations carry the field and the failing keyword, as the general validator's do, so each
 * maps to the same requirement ({@link RecordValidator#requirementOf}).
 */
final class CompiledRecordRules {

    private static final Set<String> DOCUMENT_KEYWORDS = Set.of("$schema", "$id", "title", "description", "type",
            "required", "properties", "additionalProperties");
    private static final Set<String> FIELD_KEYWORDS = Set.of("type", "minimum", "maximum", "minLength", "maxLength",
            "pattern", "format", "items", "description");

    private final List<String> required;
    private final List<FieldRule> fields;

    private CompiledRecordRules(List<String> required, List<FieldRule> fields) {
        this.required = required;
        this.fields = fields;
    }

    /** Reads the schema from the spec's resources and compiles it. */
    static CompiledRecordRules compile(SpecSchema schema) {
        try (InputStream in = CompiledRecordRules.class.getResourceAsStream(schema.resource())) {
            if (in == null) {
                throw new IllegalStateException(schema.resource() + " is not on the classpath");
            }
            return compile(JsonMapper.builder().build().readTree(in), schema.fileName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CompiledRecordRules compile(JsonNode schema, String name) {
        for (String keyword : schema.propertyNames()) {
            if (!DOCUMENT_KEYWORDS.contains(keyword)) {
                throw new IllegalStateException(name + ": keyword " + keyword + " is not compiled; validate with the schema validator");
            }
        }
        if (!schema.path("type").asString("").equals("object") || !schema.path("additionalProperties").asBoolean(true)) {
            throw new IllegalStateException(name + ": only an object with additional properties allowed is compiled");
        }
        List<String> required = new ArrayList<>();
        schema.path("required").values().forEach(r -> required.add(r.stringValue()));
        List<FieldRule> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            fields.add(FieldRule.compile(p.getKey(), p.getValue(), name));
        }
        return new CompiledRecordRules(List.copyOf(required), List.copyOf(fields));
    }

    /** Every violation of {@code record} (a JSON object), in the order of the schema's fields. */
    List<Violation> violations(JsonNode record) {
        List<Violation> out = new ArrayList<>(0);
        for (String name : required) {
            if (!record.has(name)) {
                out.add(new Violation(name, "required", "$: required property '" + name + "' not found"));
            }
        }
        for (FieldRule rule : fields) {
            JsonNode value = record.get(rule.name);
            if (value != null) {
                rule.check(value, out);
            }
        }
        return out;
    }

    /** The records' UUID pattern: every delivery's id is checked against it. */
    static final String UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    /** The records' "not blank" pattern (names, ecosystems, instance ids). */
    static final String NOT_BLANK_PATTERN = "\\S";

    /**
     * Whether a string matches {@code ecma} somewhere, as a regular expression would find it. The
     * two patterns of the records are read by position, not by a matcher per request (every
     * delivery checks three); any other pattern is compiled once.
     */
    static Predicate<String> matcherOf(String ecma) {
        if (ecma.equals(UUID_PATTERN)) {
            return CompiledRecordRules::isUuidText;
        }
        if (ecma.equals(NOT_BLANK_PATTERN)) {
            return CompiledRecordRules::hasNonSpace;
        }
        Pattern compiled = Pattern.compile(ecmaToJava(ecma));
        return s -> compiled.matcher(s).find();
    }

    /** 8-4-4-4-12 hexadecimal digits and nothing else: {@link #UUID_PATTERN}. */
    static boolean isUuidText(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
                    : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A character outside Java's \s (space, \t, \n, \x0B, \f, \r): {@link #NOT_BLANK_PATTERN}. */
    static boolean hasNonSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && (c < '\t' || c > '\r')) {
                return true;
            }
        }
        return false;
    }

    /**
     * JSON Schema patterns are ECMA 262 regular expressions: there {@code $} matches only at the
     * very end, where Java's also matches before a final line break ("...e1f0\n" is no UUID).
     */
    static String ecmaToJava(String ecma) {
        StringBuilder java = new StringBuilder();
        boolean inClass = false;
        for (int i = 0; i < ecma.length(); i++) {
            char c = ecma.charAt(i);
            if (c == '\\' && i + 1 < ecma.length()) {
                java.append(c).append(ecma.charAt(++i));
                continue;
            }
            if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            }
            java.append(c == '$' && !inClass ? "\\z" : String.valueOf(c));
        }
        return java.toString();
    }

    /** JSON Schema's types of a value; an integer is any number without a fraction (1.0 is one). */
    private enum JsonType {
        STRING, INTEGER, NUMBER, OBJECT, ARRAY, NULL, BOOLEAN;

        static JsonType of(String name, String schemaName) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(schemaName + ": unknown type " + name, e);
            }
        }

        boolean accepts(JsonNode v) {
            return switch (this) {
                case STRING -> v.isString();
                case NUMBER -> v.isNumber();
                case INTEGER -> v.isIntegralNumber() || v.isNumber() && isWhole(v.decimalValue());
                case OBJECT -> v.isObject();
                case ARRAY -> v.isArray();
                case NULL -> v.isNull();
                case BOOLEAN -> v.isBoolean();
            };
        }

        private static boolean isWhole(BigDecimal d) {
            return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
        }
    }

    /** The compiled rules of one top-level field. */
    private static final class FieldRule {
        final String name;
        final String path;
        final Set<JsonType> types;
        final BigDecimal minimum;
        final BigDecimal maximum;
        final int minLength;
        final int maxLength;
        final Predicate<String> pattern;
        final String patternText;
        final boolean dateTime;
        final JsonType itemType;

        private FieldRule(String name, Set<JsonType> types, BigDecimal minimum, BigDecimal maximum, int minLength,
                          int maxLength, String patternText, boolean dateTime, JsonType itemType) {
            this.name = name;
            this.path = "$." + name;
            this.types = types;
            this.minimum = minimum;
            this.maximum = maximum;
            this.minLength = minLength;
            this.maxLength = maxLength;
            this.patternText = patternText;
            this.pattern = patternText == null ? null : matcherOf(patternText);
            this.dateTime = dateTime;
            this.itemType = itemType;
        }

        static FieldRule compile(String name, JsonNode def, String schemaName) {
            for (String keyword : def.propertyNames()) {
                if (!FIELD_KEYWORDS.contains(keyword)) {
                    throw new IllegalStateException(schemaName + ": keyword " + keyword + " of " + name + " is not compiled");
                }
            }
            EnumSet<JsonType> types = EnumSet.noneOf(JsonType.class);
            JsonNode type = def.path("type");
            if (type.isArray()) {
                type.values().forEach(t -> types.add(JsonType.of(t.stringValue(), schemaName)));
            } else if (type.isString()) {
                types.add(JsonType.of(type.stringValue(), schemaName));
            } else {
                types.addAll(EnumSet.allOf(JsonType.class));
            }
            String format = def.path("format").asString(null);
            if (format != null && !format.equals("date-time")) {
                throw new IllegalStateException(schemaName + ": format " + format + " of " + name + " is not compiled");
            }
            JsonType itemType = null;
            if (def.has("items")) {
                JsonNode items = def.get("items");
                if (items.size() != 1 || !items.path("type").isString()) {
                    throw new IllegalStateException(schemaName + ": only items with one type are compiled (" + name + ")");
                }
                itemType = JsonType.of(items.get("type").stringValue(), schemaName);
            }
            return new FieldRule(name, Set.copyOf(types),
                    def.has("minimum") ? def.get("minimum").decimalValue() : null,
                    def.has("maximum") ? def.get("maximum").decimalValue() : null,
                    def.path("minLength").asInt(-1), def.path("maxLength").asInt(-1),
                    def.path("pattern").asString(null), format != null, itemType);
        }

        void check(JsonNode v, List<Violation> out) {
            if (!acceptsType(v)) {
                out.add(new Violation(name, "type", path + ": " + describe(v) + " found, " + typesNamed() + " expected"));
                return;
            }
            if (v.isNumber()) {
                BigDecimal d = v.decimalValue();
                if (minimum != null && d.compareTo(minimum) < 0) {
                    out.add(new Violation(name, "minimum", path + ": must have a minimum value of " + minimum.toPlainString()));
                }
                if (maximum != null && d.compareTo(maximum) > 0) {
                    out.add(new Violation(name, "maximum", path + ": must have a maximum value of " + maximum.toPlainString()));
                }
            } else if (v.isString()) {
                checkString(v.stringValue(), out);
            } else if (v.isArray() && itemType != null) {
                int i = 0;
                for (JsonNode item : v.values()) {
                    if (!itemType.accepts(item)) {
                        out.add(new Violation(name, "type", path + "[" + i + "]: " + describe(item) + " found, "
                                + itemType.name().toLowerCase(Locale.ROOT) + " expected"));
                    }
                    i++;
                }
            }
        }

        private void checkString(String s, List<Violation> out) {
            if (minLength >= 0 || maxLength >= 0) {
                int length = s.codePointCount(0, s.length());
                if (minLength >= 0 && length < minLength) {
                    out.add(new Violation(name, "minLength", path + ": must be at least " + minLength + " characters long"));
                }
                if (maxLength >= 0 && length > maxLength) {
                    out.add(new Violation(name, "maxLength", path + ": must be at most " + maxLength + " characters long"));
                }
            }
            if (pattern != null && !pattern.test(s)) {
                out.add(new Violation(name, "pattern", path + ": does not match the regex pattern " + patternText));
            }
            if (dateTime && !isDateTime(s)) {
                out.add(new Violation(name, "format", path + ": does not match the date-time pattern (RFC 3339 with an offset)"));
            }
        }

        /**
         * RFC 3339 date-time, JSON Schema's format: any offset up to 23:59, and a second 60 only for a
         * real leap second (23:59:60 in UTC at the end of a month that had one). Some of these no
         * timestamp column holds; the record validator says so next (SYNC-VAL-02/03). Read by
         * position, not by a regular expression: every delivery carries four of them.
         */
        static boolean isDateTime(String s) {
            int n = s.length();
            if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) | 0x20) != 't'
                    || s.charAt(13) != ':' || s.charAt(16) != ':') {
                return false;
            }
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 2);
            int day = digits(s, 8, 2);
            int hour = digits(s, 11, 2);
            int minute = digits(s, 14, 2);
            int second = digits(s, 17, 2);
            if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
                return false;
            }
            int i = 19;
            if (s.charAt(i) == '.') {
                int fractionStart = ++i;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == fractionStart || i == n) {
                    return false;
                }
            }
            int offsetMinutes = 0;
            char zone = s.charAt(i);
            if ((zone | 0x20) == 'z') {
                if (i + 1 != n) {
                    return false;
                }
            } else if (zone == '+' || zone == '-') {
                if (i + 6 != n || s.charAt(i + 3) != ':') {
                    return false;
                }
                int oh = digits(s, i + 1, 2);
                int om = digits(s, i + 4, 2);
                if (oh < 0 || om < 0 || oh > 23 || om > 59) {
                    return false;
                }
                offsetMinutes = (zone == '-' ? -1 : 1) * (oh * 60 + om);
            } else {
                return false;
            }
            LocalDate date;
            try {
                date = LocalDate.of(year, month, day);
            } catch (DateTimeException e) {
                return false;
            }
            if (hour > 23 || minute > 59 || second > 60) {
                return false;
            }
            if (second < 60) {
                return true;
            }
            int utcMinutes = hour * 60 + minute - offsetMinutes;
            LocalDate utcDate = date.plusDays(Math.floorDiv(utcMinutes, 1440));
            if (Math.floorMod(utcMinutes, 1440) != 1439) {
                return false;
            }
            try {
                ITU.parseDateTime(utcDate + "T23:59:60Z");
                return false;
            } catch (LeapSecondException e) {
                return e.isVerifiedValidLeapYearMonth();
            } catch (DateTimeException e) {
                return false;
            }
        }

        /** The number written by {@code count} ASCII digits at {@code from}, or -1. */
        private static int digits(String s, int from, int count) {
            int value = 0;
            for (int i = from; i < from + count; i++) {
                char c = s.charAt(i);
                if (!isDigit(c)) {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private boolean acceptsType(JsonNode v) {
            for (JsonType t : types) {
                if (t.accepts(v)) {
                    return true;
                }
            }
            return false;
        }

        private String typesNamed() {
            return String.join(" or ", types.stream().map(t -> t.name().toLowerCase(Locale.ROOT)).sorted().toList());
        }

        private static String describe(JsonNode v) {
            return v.getNodeType().name().toLowerCase(Locale.ROOT);
        }
    }
}
