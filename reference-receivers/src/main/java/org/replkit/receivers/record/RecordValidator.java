package org.replkit.receivers.record;

import com.ethlo.time.ITU;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.replkit.spec.SchemaValidator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import org.replkit.spec.Enforces;

/**
 * Turns a parsed request body into a canonical {@link Snapshot}, or says everything that is wrong
 * with it: values no column can hold first, then the JSON Schema, then what the schema cannot say
 * (timestamps a column cannot hold, rules across fields). Each problem names the field and the
 * requirement it breaks.
 */
public final class RecordValidator {

    /** The years a timestamptz column and an RFC 3339 timestamp in UTC both hold. */
    private static final int FIRST_YEAR = 1;
    private static final int LAST_YEAR = 9999;

    /** Each kind's JSON Schema, compiled once (the general validator walked the schema on every request). */
    private final Map<RecordKind, CompiledRecordRules> rules = new EnumMap<>(RecordKind.class);

    public RecordValidator() {
        for (RecordKind kind : RecordKind.values()) {
            rules.put(kind, CompiledRecordRules.compile(kind.schema()));
        }
    }

    /** What is wrong, naming the field, and the catalogue requirement it breaks. */
    public record Problem(String requirement, String message) {}

    /** The outcome: a snapshot, or the problems. */
    public record Result(Snapshot snapshot, List<Problem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** @param parsed the request body, a JSON object */
    @Enforces("SYNC-ACCEPT-02")
    public Result validate(RecordKind kind, JsonNode parsed) {
        List<Problem> problems = new ArrayList<>();
        ColumnFit.check(kind, parsed, problems);
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        rules.get(kind).violations(parsed).forEach(v -> problems.add(new Problem(requirementOf(kind, v), v.message())));
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        // SYNC-ACCEPT-02: only the known fields are kept; any other field of the request is ignored.
        ObjectNode canonical = RecordJson.NODES.objectNode();
        for (Field field : kind.fields()) {
            canonical.set(field.name(), canonicalValue(field, parsed.get(field.name()), problems));
        }
        if (kind == RecordKind.METRICS) {
            MetricsRules.check(canonical, problems);
        }
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        UUID id = UUID.fromString(canonical.get("id").stringValue());
        Instant updatedAt = parseTimestamp(parsed.get("updated_at").stringValue());
        return new Result(new Snapshot(kind, id, updatedAt, canonical), List.of());
    }

    /** Which rule a schema violation breaks; the schema says what, the catalogue says how bad. */
    static String requirementOf(RecordKind kind, SchemaValidator.Violation v) {
        if (v.field().equals("id")) {
            return "SYNC-VAL-01";                                  // missing or not a UUID
        }
        if (v.field().equals("updated_at")) {
            return "SYNC-VAL-02";                                  // missing or not ISO-8601
        }
        return switch (v.keyword()) {
            case "required" -> kind == RecordKind.PATTERNS ? "PAT-VAL-01" : "MET-VAL-01";
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength"
                    -> kind == RecordKind.PATTERNS ? "PAT-VAL-02" : "MET-VAL-02";
            default -> "SYNC-VAL-03";                              // type, format, pattern: a field of the wrong type
        };
    }

    @Enforces("SYNC-ACCEPT-01")
    private static JsonNode canonicalValue(Field field, JsonNode value, List<Problem> problems) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (value == null || value.isNull()) {
            return json.nullNode();                                // SYNC-ACCEPT-01: optional fields may be null or absent
        }
        String name = field.name();
        return switch (field.type()) {
            // The schema let only 8-4-4-4-12 hex digits through: without capitals that is the canonical text already.
            case UUID -> hasCapital(value.stringValue()) ? json.stringNode(UUID.fromString(value.stringValue()).toString()) : value;
            case TEXT, JSON_OBJECT, JSON_ARRAY -> value;
            case INTEGER -> json.numberNode(value.decimalValue().longValueExact());
            // A signed zero means nothing in a rate, a duration or a size: both stores keep 0.
            case NUMBER -> json.numberNode(value.doubleValue() == 0.0 ? 0.0 : value.doubleValue());
            case TIMESTAMP -> {
                Instant instant = parseTimestamp(value.stringValue());
                if (instant == null || instant.getEpochSecond() < FIRST_SECOND || instant.getEpochSecond() > LAST_SECOND) {
                    String requirement = name.equals("updated_at") ? "SYNC-VAL-02" : "SYNC-VAL-03";
                    problems.add(new Problem(requirement, "$." + name + ": " + (instant == null
                            ? "not an RFC 3339 timestamp with an offset: " + value.stringValue()
                            : value.stringValue() + " is outside the years 0001 to 9999 (UTC) that a timestamp column holds")));
                    yield json.nullNode();
                }
                // What the sender writes is usually canonical already: keep its text rather than write it again.
                yield isCanonicalText(value.stringValue()) ? value : json.stringNode(formatTimestamp(instant));
            }
        };
    }

    private static boolean hasCapital(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a timestamp that parsed, within the years 1 to 9999, is written exactly as
     * {@link #formatTimestamp} would write it: UTC with a capital 'T' and 'Z', and no fraction, or
     * a fraction of 3 or 6 digits whose last group of three is not 000. Only digits can sit in the
     * other places of text that parsed, and the year has four of them.
     */
    static boolean isCanonicalText(String text) {
        int length = text.length();
        if (text.charAt(10) != 'T' || text.charAt(length - 1) != 'Z') {
            return false;
        }
        return switch (length) {
            case 20 -> true;
            case 24 -> text.charAt(19) == '.' && !text.startsWith("000", 20);
            case 27 -> text.charAt(19) == '.' && !text.startsWith("000", 23);
            default -> false;
        };
    }

    /** RFC 3339 with an offset, 'T' and 'Z' in either case, to the microsecond both stores keep; null when it cannot be read. */
    static Instant parseTimestamp(String text) {
        try {
            return ITU.parseDateTime(text).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * UTC, 'Z', microsecond precision at most: the precision both stores keep. The text of
     * {@link DateTimeFormatter#ISO_INSTANT} (fraction in groups of three digits, none when zero),
     * written by hand for the years 1 to 9999 since every delivery formats five of them.
     */
    public static String formatTimestamp(Instant instant) {
        long seconds = instant.getEpochSecond();
        long day = Math.floorDiv(seconds, 86_400L);
        LocalDate date = day >= FIRST_EPOCH_DAY && day <= LAST_EPOCH_DAY ? LocalDate.ofEpochDay(day) : null;
        if (date == null) {
            return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MICROS));
        }
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        int micros = instant.getNano() / 1_000;
        StringBuilder text = new StringBuilder(27);
        pad(text, date.getYear(), 4).append('-');
        pad(text, date.getMonthValue(), 2).append('-');
        pad(text, date.getDayOfMonth(), 2).append('T');
        pad(text, secondOfDay / 3600, 2).append(':');
        pad(text, secondOfDay / 60 % 60, 2).append(':');
        pad(text, secondOfDay % 60, 2);
        if (micros != 0) {
            text.append('.');
            if (micros % 1_000 == 0) {
                pad(text, micros / 1_000, 3);
            } else {
                pad(text, micros, 6);
            }
        }
        return text.append('Z').toString();
    }

    private static final long FIRST_EPOCH_DAY = LocalDate.of(FIRST_YEAR, 1, 1).toEpochDay();
    private static final long LAST_EPOCH_DAY = LocalDate.of(LAST_YEAR, 12, 31).toEpochDay();
    /** The first and last second of the years 1 to 9999, UTC (after the days they are made from). */
    private static final long FIRST_SECOND = FIRST_EPOCH_DAY * 86_400L;
    private static final long LAST_SECOND = LAST_EPOCH_DAY * 86_400L + 86_399L;

    /** {@code value} (0 to 999,999) with leading zeros to {@code width} digits. */
    private static StringBuilder pad(StringBuilder text, int value, int width) {
        int digits = value < 10 ? 1 : value < 100 ? 2 : value < 1_000 ? 3 : value < 10_000 ? 4 : value < 100_000 ? 5 : 6;
        for (int i = digits; i < width; i++) {
            text.append('0');
        }
        return text.append(value);
    }
}
