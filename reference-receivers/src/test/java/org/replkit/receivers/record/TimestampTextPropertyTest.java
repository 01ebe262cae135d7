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

    @Test
    void boundaries() {
        for (String text : new String[] {"0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z", "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999Z", "2024-02-29T12:00:00.000001Z", "2024-02-29T12:00:00.100Z"}) {
            assertEquals(text, RecordValidator.formatTimestamp(Instant.parse(text)));
        }
    }
}
