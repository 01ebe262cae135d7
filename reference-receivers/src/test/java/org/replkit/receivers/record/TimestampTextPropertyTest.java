package org.replkit.receivers.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * The hand-written canonical timestamp text is exactly {@link DateTimeFormatter#ISO_INSTANT}'s at
 * microsecond precision, for every instant of the years a timestamp column holds and beyond them.
 */
class TimestampTextPropertyTest {

    private static final long FIRST = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Test
    void formatsAsIsoInstantAtMicrosecondPrecision() {
        // Nanos drawn from whole seconds, whole milliseconds, whole microseconds and anything.
        qt().forAll(longs().between(FIRST - 86_400L * 400, LAST + 86_400L * 400), integers().between(0, 999_999_999),
                        integers().between(0, 3))
                .checkAssert((seconds, nanos, grain) -> {
                    int n = switch (grain) {
                        case 0 -> 0;
                        case 1 -> nanos / 1_000_000 * 1_000_000;
                        case 2 -> nanos / 1_000 * 1_000;
                        default -> nanos;
                    };
                    Instant t = Instant.ofEpochSecond(seconds, n);
                    assertEquals(DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MICROS)),
                            RecordValidator.formatTimestamp(t));
                });
    }

    /**
     * A text is taken as canonical, and kept as it was sent, exactly when it is what would be
     * written for it: over texts of every fraction length, both cases of 'T' and 'Z', and offsets.
     */
    @Test
    void keepsTheSentTextExactlyWhenItIsCanonical() {
        qt().forAll(longs().between(FIRST, LAST), integers().between(0, 999_999_999), integers().between(0, 9),
                        integers().between(0, 5))
                .checkAssert((seconds, nanos, digits, style) -> {
                    String text = text(Instant.ofEpochSecond(seconds), nanos, digits, style);
                    Instant parsed = RecordValidator.parseTimestamp(text);
                    if (parsed != null && parsed.getEpochSecond() >= FIRST && parsed.getEpochSecond() <= LAST) {
                        assertEquals(text.equals(RecordValidator.formatTimestamp(parsed)), RecordValidator.isCanonicalText(text), text);
                    }
                });
    }

    /** The whole second {@code t} as RFC 3339 text with {@code digits} of {@code nanos} as its fraction, in one of six styles. */
    private static String text(Instant t, int nanos, int digits, int style) {
        String whole = DateTimeFormatter.ISO_INSTANT.format(t);              // yyyy-MM-ddTHH:mm:ssZ
        String base = whole.substring(0, 19);
        String fraction = digits == 0 ? "" : "." + String.format("%09d", nanos).substring(0, digits);
        // Fractions that end in zeros, as a sender writing a fixed width would: 3 and 6 digits.
        if (style == 5 && digits >= 3) {
            fraction = "." + String.format("%09d", nanos).substring(0, digits == 3 ? 1 : 3) + (digits == 3 ? "00" : "000");
        }
        return switch (style) {
            case 1 -> base.replace('T', 't') + fraction + "Z";
            case 2 -> base + fraction + "z";
            case 3 -> base + fraction + "+00:00";
            case 4 -> base + fraction + "-00:00";
            default -> base + fraction + "Z";
        };
    }

    @Test
    void boundaries() {
        for (String text : new String[] {"0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z", "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999Z", "2024-02-29T12:00:00.000001Z", "2024-02-29T12:00:00.100Z"}) {
            assertEquals(text, RecordValidator.formatTimestamp(Instant.parse(text)));
        }
    }
}
