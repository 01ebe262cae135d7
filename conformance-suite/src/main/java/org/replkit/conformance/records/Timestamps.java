package org.replkit.conformance.records;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * RFC 3339 timestamps as a sender may write them: any offset (a timestamptz serialises in the
 * session's time zone), "Z" or "+00:00" for UTC, and 0, 3 or 6 fraction digits.
 */
public final class Timestamps {

    /** Offsets in generated timestamps; "Z" and "+00:00" are both UTC. */
    public static final List<String> OFFSETS = List.of("Z", "+00:00", "+02:00", "-05:30", "+09:00");

    private static final long FROM = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    private static final long TO = Instant.parse("2030-01-01T00:00:00Z").getEpochSecond();

    private Timestamps() {}

    public static String format(Instant instant, String offset, int fractionDigits) {
        ZoneOffset zone = offset.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(offset);
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd'T'HH:mm:ss");
        if (fractionDigits > 0) {
            b.appendFraction(ChronoField.NANO_OF_SECOND, fractionDigits, fractionDigits, true);
        }
        DateTimeFormatter f = b.appendOffset("+HH:MM", offset.equals("Z") ? "Z" : "+00:00").toFormatter();
        return OffsetDateTime.ofInstant(instant, zone).format(f);
    }

    /** UTC with microseconds, as the spec's examples and a Postgres timestamptz in UTC read. */
    public static String utc(Instant instant) {
        return format(instant, "Z", 6);
    }

    /** Any instant between 2020 and 2030, in any of the {@link #OFFSETS}. */
    public static Gen<String> any() {
        Gen<Long> seconds = Generate.longRange(FROM, TO);
        Gen<Integer> micros = SourceDSL.integers().between(0, 999_999);
        return seconds.zip(micros, Generate.pick(OFFSETS), Generate.pick(List.of(6, 3, 0)),
                (s, us, offset, digits) -> format(Instant.ofEpochSecond(s, us * 1000L), offset, digits));
    }

    public static Instant parse(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }
}
