package org.replkit.chaos.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.replkit.chaos.history.Times;
import org.replkit.receivers.record.Field;
import org.replkit.receivers.record.RecordKind;

/**
 * Compares the sender's row (as PostgreSQL's to_jsonb wrote it) with a receiver's stored row, field
 * by field over the columns a receiver stores: timestamps as instants at microsecond precision,
 * numbers by value, JSON by structure.
 */
public final class RowComparison {

    private RowComparison() {
    }

    /** The names of the fields whose values differ; empty when the rows agree. */
    public static List<String> differingFields(String table, JsonNode sender, JsonNode receiver) {
        RecordKind kind = RecordKind.PATTERNS.table().equals(table) ? RecordKind.PATTERNS : RecordKind.METRICS;
        List<String> differing = new ArrayList<>();
        if (sender == null || receiver == null) {
            return List.of("the whole row");
        }
        for (Field f : kind.fields()) {
            JsonNode a = sender.get(f.name());
            JsonNode b = receiver.get(f.name());
            boolean aNull = a == null || a.isNull();
            boolean bNull = b == null || b.isNull();
            if (aNull || bNull) {
                if (aNull != bNull) {
                    differing.add(f.name());
                }
                continue;
            }
            boolean same = switch (f.type()) {
                case TIMESTAMP -> sameInstant(a.asText(), b.asText());
                case INTEGER, NUMBER -> a.isNumber() && b.isNumber() && NUMBERS.compare(a, b) == 0;
                case UUID -> a.asText().toLowerCase(Locale.ROOT).equals(b.asText().toLowerCase(Locale.ROOT));
                case TEXT -> a.asText().equals(b.asText());
                case JSON_OBJECT, JSON_ARRAY -> a.equals(NUMBERS, b);
            };
            if (!same) {
                differing.add(f.name());
            }
        }
        return differing;
    }

    private static boolean sameInstant(String a, String b) {
        try {
            return Times.parse(a).truncatedTo(ChronoUnit.MICROS).equals(Times.parse(b).truncatedTo(ChronoUnit.MICROS));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Numbers equal by value (1 = 1.0), anything else by Jackson's own equality. */
    private static final Comparator<JsonNode> NUMBERS = (x, y) -> {
        if (x.isNumber() && y.isNumber()) {
            double dx = x.asDouble();
            double dy = y.asDouble();
            return Math.abs(dx - dy) <= 1e-9 * Math.max(1, Math.max(Math.abs(dx), Math.abs(dy))) ? 0 : Double.compare(dx, dy);
        }
        return x.equals(y) ? 0 : 1;
    };
}
